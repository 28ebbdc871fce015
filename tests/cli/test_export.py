from __future__ import annotations

import io
import zipfile

import pytest
from django.core.management.base import CommandError


@pytest.mark.parametrize(
    ("file_format", "check"),
    [
        ("xlsx", lambda data: "xl/workbook.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()),
        ("docx", lambda data: "word/document.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()),
        ("csv", lambda data: "Белгородская область" in data.decode("utf-8-sig")),
    ],
)
def test_export_writes_each_format(file_format, check, run, published, tmp_path):
    target = tmp_path / f"сводка.{file_format}"
    out, _ = run("export", str(published.pk), "--format", file_format, "--output", str(target))
    assert check(target.read_bytes())
    assert str(target) in out


def test_export_finds_a_protocol_by_number(run, published, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run("export", "Д05-98/05пр", "--format", "csv")
    assert (tmp_path / f"protocol-{published.pk}.csv").exists()


def test_export_for_an_operator_has_only_their_region(run, published, operator_a, tmp_path):
    target = tmp_path / "belgorod.csv"
    run("export", str(published.pk), "--format", "csv", "--user", "belgorod", "-o", str(target))
    text = target.read_text(encoding="utf-8-sig")
    assert "Белгородская область" in text
    assert "Москва" not in text


def test_export_refuses_an_unknown_format_or_protocol(run, published):
    with pytest.raises(CommandError, match="Неизвестный формат «pdf»"):
        run("export", str(published.pk), "--format", "pdf")
    with pytest.raises(CommandError, match="не найден"):
        run("export", "99999", "--format", "csv")


def test_the_csv_export_starts_with_one_byte_order_mark(run, published, tmp_path):
    """Excel needs the mark to read UTF-8; a second one would show as junk in cell A1."""
    target = tmp_path / "сводка.csv"
    run("export", str(published.pk), "--format", "csv", "-o", str(target))
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and not data.startswith(b"\xef\xbb\xbf" * 2)
