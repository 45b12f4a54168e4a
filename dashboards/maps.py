"""Choropleth maps drawn on the server as SVG (no tile service, no CDN): provinces as a tile grid of Vietnam with
Hoàng Sa and Trường Sa, communes and residential areas as a grid in code order (dashboards/data/SOURCES.md)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from indicators.display import show
from units.models import Level

from .data.province_tiles import ISLANDS, TILES

CLASSES = 5
PALETTE = ["#fed", "#fca", "#f97", "#e64", "#b12"]  # light → dark (low → high); short forms keep big maps small
NO_DATA = "#ddd"


@dataclass
class Bucket:
    low: Decimal
    high: Decimal
    colour: str
    label: str


def buckets(values: list[Decimal], measure) -> list[Bucket]:
    """Equal-interval classes between the lowest and highest reported value (one class when all are equal)."""
    if not values:
        return []
    low, high = min(values), max(values)
    n = 1 if low == high else CLASSES
    step = (high - low) / n if n > 1 else Decimal(0)
    result = []
    for i in range(n):
        a = low + step * i
        b = high if i == n - 1 else low + step * (i + 1)
        colour = PALETTE[-1] if n == 1 else PALETTE[i]
        result.append(Bucket(a, b, colour, f"{_fmt(measure, a)} – {_fmt(measure, b)}" if n > 1 else _fmt(measure, a)))
    return result


def _fmt(measure, value) -> str:
    from indicators.queries import Reading

    return show(measure, Reading(Decimal(value).quantize(Decimal("0.1")) if measure.is_ratio else
                                 Decimal(value).to_integral_value(), 1, 0), is_area=not measure.is_bool)


def text_of(measure, got) -> str:
    """The value as the map's titles and table show it; "Chưa báo cáo" when not reported (never 0)."""
    return "Chưa báo cáo" if got is None or got.value is None else show(measure, got)


def colour_of(value, classes: list[Bucket]) -> str:
    if value is None or not classes:
        return NO_DATA
    for b in classes:
        if value <= b.high:
            return b.colour
    return classes[-1].colour


def _esc(text) -> str:
    return escape(str(text), quote=True)


def _region(href, x, y, w, h, fill, title, label="") -> str:
    text = ""
    if label:
        text = (f'<text x="{x + w / 2:g}" y="{y + h / 2 + 4:g}" text-anchor="middle">{_esc(label)}</text>')
    return (f'<a href="{_esc(href)}"><title>{_esc(title)}</title>'
            f'<rect x="{x:g}" y="{y:g}" width="{w:g}" height="{h:g}" fill="{fill}"/>{text}</a>')


def short_label(unit) -> str:
    """'Thái Nguyên' → 'TN'‑style initials for a province tile; 'Hồ Chí Minh' → 'HCM'."""
    name = unit.name
    for prefix in ("Thành phố ", "Tỉnh "):
        if name.startswith(prefix):
            name = name[len(prefix):]
    words = name.split()
    return "".join(w[0] for w in words).upper() if len(words) > 1 else name[:3]


@dataclass
class Map:
    svg: str
    legend: list[Bucket]
    note: str
    reported: int
    total: int


def choropleth(items, measure, href, title: str) -> Map:
    """items: [(unit, Reading)] for the children of one unit; href(unit) -> link. A tile grid for provinces,
    a grid in code order for anything else."""
    values = [r.value for _, r in items if r.value is not None]
    classes = buckets(values, measure)
    regions, width, height, note = [], 0, 0, ""
    if items and all(u.level == Level.PROVINCE for u, _ in items):
        size, gap = 56, 4
        extra = 0
        for unit, got in items:
            code = _code(unit)
            col, row = TILES.get(code, (None, None))
            if col is None:  # a unit the grid does not know: placed in a row below
                col, row, extra = extra % 7, 19 + extra // 7, extra + 1
            x, y = col * (size + gap), row * (size + gap)
            regions.append(_region(href(unit), x, y, size, size, colour_of(got.value, classes),
                                   f"{unit.name}: {text_of(measure, got)}", short_label(unit)))
            width, height = max(width, x + size), max(height, y + size)
        by_code = {_code(u): (u, r) for u, r in items}
        for island in ISLANDS:
            cx, cy = island["at"][0] * (size + gap), island["at"][1] * (size + gap)
            unit, got = by_code.get(island["province"], (None, None))
            fill = colour_of(got.value, classes) if got is not None else NO_DATA
            dots = "".join(f'<circle cx="{cx + dx:g}" cy="{cy + dy:g}" r="4" fill="{fill}" stroke="#5f6368"/>'
                           for dx, dy in ((0, 0), (12, 6), (-8, 12), (6, 18), (18, -6)))
            owner = unit.name if unit is not None else ""
            label = (f'<text x="{cx - 30:g}" y="{cy + 40:g}" class="island">{_esc(island["name"])}</text>'
                     f'<text x="{cx - 30:g}" y="{cy + 54:g}" class="island">(Việt Nam)</text>')
            link = href(unit) if unit is not None else "#"
            regions.append(f'<a href="{_esc(link)}"><title>{_esc(island["name"])} — {_esc(owner)}, Việt Nam'
                           f'</title>{dots}{label}</a>')
            width, height = max(width, cx + 110), max(height, cy + 60)
        note = ("Bản đồ dạng ô: mỗi ô là một tỉnh, thành phố, đặt gần đúng vị trí địa lý; quần đảo Hoàng Sa "
                "(thành phố Đà Nẵng) và Trường Sa (tỉnh Khánh Hòa) là lãnh thổ Việt Nam.")
    else:
        n = len(items)
        cols = max(1, math.ceil(math.sqrt(n * 1.6))) if n > 12 else min(n, 4) or 1
        size = 40 if n <= 40 else (24 if n <= 150 else 10)
        gap = 3 if size > 10 else 1
        labelled = n <= 40
        for i, (unit, got) in enumerate(items):
            x, y = (i % cols) * (size + gap), (i // cols) * (size + gap)
            regions.append(_region(href(unit), x, y, size, size, colour_of(got.value, classes),
                                   f"{unit.name}: {text_of(measure, got)}", str(i + 1) if labelled else ""))
            width, height = max(width, x + size), max(height, y + size)
        note = ("Bản đồ dạng lưới, không phải ranh giới hành chính: mỗi ô là một đơn vị theo thứ tự mã; chưa có "
                "dữ liệu ranh giới xã mới (sau 1/7/2025) với giấy phép cho phép phân phối lại.")
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" class="map" viewBox="-4 -4 {width + 8:g} {height + 8:g}" '
           f'role="group" aria-label="{_esc(title)}"><title>{_esc(title)}</title>'
           f'<g class="regions">{"".join(regions)}</g></svg>')
    return Map(svg, classes, note, len(values), len(items))


def nation_communes(provinces, communes_by_province, measure, href, title: str) -> Map:
    """Every commune of the country: each province's tile split into a grid of its communes (3,321 squares)."""
    values = [r.value for rows in communes_by_province.values() for _, r in rows if r.value is not None]
    classes = buckets(values, measure)
    size, gap = 56, 4
    parts, width, height = [], 0, 0
    for province in provinces:
        col, row = TILES.get(_code(province), (0, 19))
        x0, y0 = col * (size + gap), row * (size + gap)
        rows = communes_by_province.get(province.pk, [])
        n = max(1, len(rows))
        cols = math.ceil(math.sqrt(n))
        cell = size / cols
        # one cell shape per province, each commune a <use> of it: 3,321 squares stay well under 500 KB
        shape = f"c{province.pk}"
        cells = [f'<defs><rect id="{shape}" width="{_n(cell)}" height="{_n(cell)}"/></defs>']
        for i, (unit, got) in enumerate(rows):
            x, y = x0 + (i % cols) * cell, y0 + (i // cols) * cell
            cells.append(f'<a href="{href(unit)}"><title>{_esc(unit.name)}: {_esc(text_of(measure, got))}</title>'
                         f'<use href="#{shape}" x="{_n(x)}" y="{_n(y)}" fill="{colour_of(got.value, classes)}"/></a>')
        parts.append(f'<g><title>{_esc(province.name)}</title>{"".join(cells)}</g>')
        width, height = max(width, x0 + size), max(height, y0 + size)
    for island in ISLANDS:
        cx, cy = island["at"][0] * (size + gap), island["at"][1] * (size + gap)
        dots = "".join(f'<circle cx="{cx + dx:g}" cy="{cy + dy:g}" r="4" fill="{NO_DATA}" stroke="#5f6368"/>'
                       for dx, dy in ((0, 0), (12, 6), (-8, 12), (6, 18), (18, -6)))
        parts.append(f'<g><title>{_esc(island["name"])}, Việt Nam</title>{dots}'
                     f'<text x="{cx - 30:g}" y="{cy + 40:g}" class="island">{_esc(island["name"])}</text>'
                     f'<text x="{cx - 30:g}" y="{cy + 54:g}" class="island">(Việt Nam)</text></g>')
        width, height = max(width, cx + 110), max(height, cy + 60)
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" class="map" viewBox="-4 -4 {width + 8:g} {height + 8:g}" '
           f'role="group" aria-label="{_esc(title)}"><title>{_esc(title)}</title>{"".join(parts)}</svg>')
    note = ("Bản đồ dạng ô: mỗi ô lớn là một tỉnh, thành phố, chia thành lưới các xã, phường theo thứ tự mã (không "
            "phải ranh giới hành chính); quần đảo Hoàng Sa và Trường Sa là lãnh thổ Việt Nam.")
    return Map(svg, classes, note, len(values), sum(len(v) for v in communes_by_province.values()))


def _n(value) -> str:
    """A coordinate with at most one decimal and no trailing zero: 12, 12.5."""
    return f"{round(value, 1):g}"


def _code(unit) -> int | None:
    try:
        return int(unit.code)
    except (TypeError, ValueError):
        return None
