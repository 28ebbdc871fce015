import pytest
from django.template import Context, Template


@pytest.mark.parametrize(
    ("count", "expected"),
    [(1, "1 субъект"), (2, "2 субъекта"), (5, "5 субъектов"), (11, "11 субъектов"),
     (21, "21 субъект"), (23, "23 субъекта"), (89, "89 субъектов"), (112, "112 субъектов")],
)  # fmt: skip
def test_plural_picks_the_russian_form(count, expected):
    template = Template('{% load russian %}{{ n }} {{ n|plural:"субъект,субъекта,субъектов" }}')
    assert template.render(Context({"n": count})) == expected
