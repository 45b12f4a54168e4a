"""Stored aggregates equal a full rebuild from the values (the incremental rollup never drifts)."""

from . import rollup


def checks():
    diffs = rollup.differences()
    yield "Số tổng hợp (chỉ số) khớp với tính lại từ số liệu gốc", ("; ".join(diffs) if diffs else None)
