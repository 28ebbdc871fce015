"""Server-side SVG: the tile map and small bar charts. No JavaScript charts (CSP, print).

Colours come from CSS classes in app.css, never from inline styles; the SVG carries only
geometry, so a printed page and a screen reader's table alternative show the same figures.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from protokol.dashboards.map_grid import COLUMNS, GRID, ROWS

TILE = 46
GAP = 4


def rate_class(percent: int | None) -> str:
    """Five steps, so the map reads at a glance and prints in greys."""
    if percent is None:
        return "rate-none"
    for step, threshold in enumerate((50, 70, 85, 95)):
        if percent < threshold:
            return f"rate-{step}"
    return "rate-4"


RATE_LEGEND = [
    ("rate-0", "менее 50 %"),
    ("rate-1", "50–69 %"),
    ("rate-2", "70–84 %"),
    ("rate-3", "85–94 %"),
    ("rate-4", "95 % и более"),
    ("rate-none", "нет поручений"),
]


@dataclass
class MapTile:
    code: str
    name: str
    percent: int | None
    tooltip: str
    href: str


def tile_map(tiles: Sequence[MapTile]) -> SafeString:
    step = TILE + GAP
    width, height = COLUMNS * step, ROWS * step

    def one(tile: MapTile) -> tuple[object, ...]:
        cell = GRID[tile.code]
        x, y = cell.column * step, cell.row * step
        return (
            tile.href,
            tile.tooltip,
            x,
            y,
            TILE,
            TILE,
            rate_class(tile.percent),
            x + TILE / 2,
            y + TILE / 2 - 2,
            cell.label,
            x + TILE / 2,
            y + TILE / 2 + 12,
            "" if tile.percent is None else f"{tile.percent}%",
        )

    body = format_html_join(
        "",
        '<a href="{}"><title>{}</title><rect x="{}" y="{}" width="{}" height="{}" rx="4" '
        'class="tile {}"/><text x="{}" y="{}" class="tile-label">{}</text>'
        '<text x="{}" y="{}" class="tile-figure">{}</text></a>',
        (one(tile) for tile in tiles),
    )
    return format_html(
        '<svg class="tile-map" viewBox="0 0 {} {}" role="img" '
        'aria-label="Карта исполнения поручений по субъектам РФ">{}</svg>',
        width,
        height,
        body,
    )


def bars(
    points: Sequence[tuple[str, int | float | None]],
    *,
    unit: str = "",
    css: str = "bar",
    height: int = 60,
    value_text: Callable | None = None,
) -> SafeString:
    """A small bar chart, one bar per point, with the figure in each bar's tooltip."""
    if not points:
        return SafeString("")
    width_each, gap = 18, 4
    peak = max((v or 0) for _, v in points) or 1
    items = []
    for index, (label, value) in enumerate(points):
        shown = value_text(value) if value_text else ("—" if value is None else f"{value}{unit}")
        bar_h = 0 if value is None else max(1, round((value / peak) * (height - 14)))
        x = index * (width_each + gap)
        items.append(
            (
                x,
                height - bar_h,
                width_each,
                bar_h,
                css,
                f"{label}: {shown}",
            )
        )
    body = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" class="{}"><title>{}</title></rect>',
        items,
    )
    return format_html(
        '<svg class="sparkbars" viewBox="0 0 {} {}" role="img" aria-label="{}">{}</svg>',
        len(points) * (width_each + gap),
        height,
        "; ".join(f"{label}: {'—' if v is None else v}" for label, v in points),
        body,
    )
