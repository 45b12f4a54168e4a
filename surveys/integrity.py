"""Consistency of surveys: one receipt per household, receipts = ballots per area, complete ballots."""

from django.db.models import Count, F, Q

from .models import Answer, Ballot, PendingBallot, Question, Receipt, Respondent


def checks():
    wrong_receipts = Receipt.objects.filter(~Q(survey_id=F("respondent__survey_id")) | ~Q(area_id=F("respondent__area_id")))
    yield "Phiếu đã nhận khớp hộ, đợt và khu dân cư", (
        f"{wrong_receipts.count()} hộ đã trả lời ghi sai đợt hoặc khu dân cư" if wrong_receipts.exists() else None)

    dupes = Receipt.objects.values("respondent_id").annotate(n=Count("id")).filter(n__gt=1)
    yield "Mỗi hộ chỉ một phiếu", (f"{dupes.count()} hộ có hơn một phiếu" if dupes.exists() else None)

    receipts = {(r["survey_id"], r["area_id"]): r["n"]
                for r in Receipt.objects.values("survey_id", "area_id").annotate(n=Count("id"))}
    ballots = {(b["survey_id"], b["area_id"]): b["n"]
               for b in Ballot.objects.values("survey_id", "area_id").annotate(n=Count("id"))}
    for p in PendingBallot.objects.values("survey_id", "area_id").annotate(n=Count("id")):  # not yet written
        ballots[(p["survey_id"], p["area_id"])] = ballots.get((p["survey_id"], p["area_id"]), 0) + p["n"]
    mismatched = [key for key in set(receipts) | set(ballots) if receipts.get(key, 0) != ballots.get(key, 0)]
    yield "Số mã/hộ đã dùng bằng số phiếu thu về, từng khu dân cư", (
        f"{len(mismatched)} khu dân cư lệch giữa số hộ đã trả lời và số phiếu" if mismatched else None)

    asked = {(r["survey_id"], r["area_id"]): r["n"]
             for r in Respondent.objects.values("survey_id", "area_id").annotate(n=Count("id"))}
    over = [key for key, n in receipts.items() if n > asked.get(key, 0)]
    yield "Số hộ đã trả lời không vượt số hộ trong danh sách", (
        f"{len(over)} khu dân cư có nhiều hộ trả lời hơn danh sách" if over else None)

    foreign = Answer.objects.exclude(question__survey_id=F("ballot__survey_id"))
    yield "Câu trả lời thuộc câu hỏi của đúng đợt", (
        f"{foreign.count()} câu trả lời lệch đợt" if foreign.exists() else None)

    n_questions = dict(Question.objects.values_list("survey_id").annotate(n=Count("id")).values_list("survey_id", "n"))
    per_ballot = (Ballot.objects.values("id", "survey_id").annotate(n=Count("answers")).order_by())
    incomplete = sum(1 for b in per_ballot.iterator() if b["n"] != n_questions.get(b["survey_id"], 0))
    yield "Mỗi phiếu trả lời đủ mọi câu hỏi", (f"{incomplete} phiếu thiếu hoặc thừa câu trả lời" if incomplete else None)

    outside = Ballot.objects.exclude(area__parent_id=F("survey__unit_id")).count()
    yield "Phiếu thuộc khu dân cư của xã tổ chức", (f"{outside} phiếu ở khu dân cư ngoài xã" if outside else None)
