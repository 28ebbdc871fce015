"""Addressees of a parse become the draft's regions without widening them."""

from __future__ import annotations

from protokol.protocols.importing import Upload, start_import

EXCLUSION = """ПРОТОКОЛ
совещания Министерства просвещения Российской Федерации

« 12 » марта 2025 г.

№ 5

I. О подготовке кадров

1. Органам исполнительной власти субъектов Российской Федерации, за исключением г. Москвы и г. Санкт-Петербурга, обеспечить набор на обучение.

Срок – до 1 апреля 2025 г.
"""


def test_all_subjects_but_the_excluded_are_drafted_as_the_regions_left(
    ministry_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_import([Upload.of_bytes("protocol.txt", EXCLUSION.encode())], ministry_admin)
    job.refresh_from_db()
    (instruction,) = job.protocol.instructions.all()
    codes = {region.code for region in instruction.regions.all()}
    assert not instruction.all_regions
    assert len(codes) == 87
    assert not codes & {"77", "78"}
    assert job.protocol.warnings.filter(code="regions_excluded").exists()
