"""Charts as inline SVG drawn on the server: bars (a target's measure by unit) and lines (a trend over years).

Drawn 360 units wide so that they read 1:1 on a 360 px phone and scale up on a wider screen; every chart also
has its numbers in a table next to it (the templates show both)."""

from __future__ import annotations

from decimal import Decimal
from html import escape

WIDTH = 360


def _esc(text) -> str:
    return escape(str(text), quote=True)


def bars(rows, title: str, threshold=None, limit: int = 40) -> str:
    """rows: [(label, value Decimal | None, text, href | None)]. One bar per row, label above it, value at its end;
    not reported rows show "Chưa báo cáo" with no bar. A dashed line marks the threshold when given."""
    rows = rows[:limit]
    top = max([r[1] for r in rows if r[1] is not None] + ([Decimal(threshold)] if threshold is not None else [])
              + [Decimal(0)])
    scale = (WIDTH - 90) / float(top) if top else 0
    row_h, parts = 34, []
    for i, (label, value, text, href) in enumerate(rows):
        y = i * row_h
        name = f'<text x="0" y="{y + 12}" class="lbl">{_esc(label)}</text>'
        if href:
            name = f'<a href="{_esc(href)}">{name}</a>'
        if value is None:
            bar = f'<text x="0" y="{y + 28}" class="na">Chưa báo cáo</text>'
        else:
            w = max(1.0, float(value) * scale) if value > 0 else 0
            bar = (f'<rect x="0" y="{y + 16}" width="{w:.1f}" height="14" class="bar"/>'
                   f'<text x="{w + 4:.1f}" y="{y + 28}" class="val">{_esc(text)}</text>')
        parts.append(f'<g><title>{_esc(label)}: {_esc(text)}</title>{name}{bar}</g>')
    height = max(row_h, len(rows) * row_h)
    if threshold is not None and scale:
        x = float(threshold) * scale
        parts.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height}" class="threshold"/>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart bars" viewBox="0 0 {WIDTH} {height}" '
            f'role="img" aria-label="{_esc(title)}"><title>{_esc(title)}</title>{"".join(parts)}</svg>')


def line(points, title: str) -> str:
    """points: [(label, value Decimal | None, text)] in order (years). A line through the reported points."""
    height, left, right, top, bottom = 150, 24, 24, 22, 24
    values = [p[1] for p in points if p[1] is not None]
    high = max(values) if values else Decimal(1)
    low = min(min(values), Decimal(0)) if values else Decimal(0)
    span = float(high - low) or 1.0
    n = len(points)
    step = (WIDTH - left - right) / max(1, n - 1)
    coords, parts = [], []
    for i, (label, value, text) in enumerate(points):
        x = left + i * step if n > 1 else WIDTH / 2
        parts.append(f'<text x="{x:.1f}" y="{height - 6}" text-anchor="middle" class="axis">{_esc(label)}</text>')
        if value is None:
            continue
        y = top + (1 - float(value - low) / span) * (height - top - bottom)
        coords.append(f"{x:.1f},{y:.1f}")
        anchor = "start" if i == 0 and n > 1 else ("end" if i == n - 1 and n > 1 else "middle")
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" class="pt"><title>{_esc(label)}: {_esc(text)}'
                     f'</title></circle><text x="{x:.1f}" y="{y - 8:.1f}" text-anchor="{anchor}" class="val">'
                     f'{_esc(text)}</text>')
    path = f'<polyline points="{" ".join(coords)}" class="ln"/>' if len(coords) > 1 else ""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart line" viewBox="0 0 {WIDTH} {height}" '
            f'role="img" aria-label="{_esc(title)}"><title>{_esc(title)}</title>'
            f'<line x1="{left}" y1="{height - bottom}" x2="{WIDTH - right}" y2="{height - bottom}" class="base"/>'
            f'{path}{"".join(parts)}</svg>')
