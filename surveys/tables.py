"""The survey's results as documents.tables.Table: one source for the page, XLSX/CSV and the DOCX annex.
Every table is aggregated by area or by question: none has a row per household with answers."""

from documents.tables import Column, Table

from .results import MIN_CELL, Results


def coverage_table(results: Results) -> Table:
    survey = results.survey
    columns = [Column("no", "STT", "integer", summable=False), Column("area", "Khu dân cư"),
               Column("asked", "Số hộ", "integer"), Column("answered", "Số hộ đã trả lời", "integer"),
               Column("coverage", "Tỷ lệ hộ được lấy ý kiến", "percent")]
    if survey.results_visible and results.overall:
        columns += [Column("satisfied", "Số phiếu hài lòng chung", "integer"),
                    Column("rate", "Tỷ lệ hài lòng chung", "percent")]
    rows = []
    overall = results.overall
    for i, row in enumerate(results.rows, start=1):
        data = {"no": i, "area": row.label, "asked": row.asked, "answered": row.answered, "coverage": row.coverage}
        if survey.results_visible and overall and row.shown:
            data["satisfied"] = row.satisfied.get(overall.pk, 0)
            data["rate"] = row.rate(overall.pk)
        rows.append(data)
    table = Table(title="Tỷ lệ hộ được lấy ý kiến theo khu dân cư", columns=columns, rows=rows,
                  subtitle=[survey.title]).with_totals()
    table.totals["coverage"] = results.total.coverage
    if survey.results_visible and overall:
        table.totals["satisfied"] = results.total.satisfied.get(overall.pk, 0)
        table.totals["rate"] = results.total.rate(overall.pk)
    if survey.results_visible:
        table.note = (f"Khu dân cư có dưới {MIN_CELL} phiếu không hiện tỷ lệ hài lòng riêng (bảo đảm bí mật ý kiến); "
                      "số phiếu của các khu này vẫn được tính vào tổng.")
    return table


def question_table(results: Results) -> Table:
    columns = [Column("no", "Câu", "integer", summable=False), Column("text", "Nội dung"),
               Column("returned", "Số phiếu thu về", "integer", summable=False),
               Column("satisfied", "Hài lòng", "integer", summable=False),
               Column("unsatisfied", "Không hài lòng", "integer", summable=False),
               Column("rate", "Tỷ lệ hài lòng", "percent"), Column("ok", "Đánh giá")]
    rows = [{"no": q.number, "text": q.text, "returned": returned, "satisfied": sat,
             "unsatisfied": returned - sat, "rate": rate,
             "ok": "Đạt" if ok else "Chưa đạt"} for q, sat, returned, rate, ok in results.question_rows()]
    return Table(title="Tỷ lệ hài lòng theo từng câu hỏi (số phiếu hài lòng / số phiếu thu về)", columns=columns,
                 rows=rows, subtitle=[results.survey.title])


def area_question_table(results: Results) -> Table:
    """Rates per area and question (areas under MIN_CELL ballots left empty)."""
    columns = [Column("area", "Khu dân cư"), Column("returned", "Số phiếu", "integer")]
    columns += [Column(f"q{q.pk}", f"Câu {q.number}", "percent") for q in results.questions]
    rows = []
    for row in results.rows + [results.total]:
        data = {"area": row.label, "returned": row.returned}
        if row.shown or row is results.total:
            data.update({f"q{q.pk}": row.rate(q.pk) for q in results.questions})
        rows.append(data)
    return Table(title="Tỷ lệ hài lòng theo khu dân cư và câu hỏi (%)", columns=columns, rows=rows,
                 subtitle=[results.survey.title])
