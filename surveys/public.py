"""The no-login pages (/y-kien/): a household answers with its one-time code; published results are posted."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from . import ratelimit, results as results_mod, services
from .forms import CodeForm
from .models import Survey
from .tables import coverage_table

BLOCKED = "Bạn đã nhập sai mã quá nhiều lần. Vui lòng thử lại sau 15 phút hoặc liên hệ Ban Công tác Mặt trận."


@login_not_required
@never_cache
def start(request):
    """Type the code printed on the card (the QR opens the form directly)."""
    form = CodeForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        if ratelimit.blocked(request):
            error = BLOCKED
        elif services.find_by_code(form.cleaned_data["code"]) is None:
            ratelimit.fail(request)
            error = "Mã phiếu không đúng. Hãy kiểm tra lại mã in trên phiếu."
        else:
            code = "".join(ch for ch in form.cleaned_data["code"].upper() if ch.isalnum())
            return redirect("surveys_public:answer", code=code)
    status = 429 if error == BLOCKED else 200
    return render(request, "surveys/public/start.html", {"form": form, "error": error}, status=status)


@login_not_required
@never_cache
def answer(request, code):
    if ratelimit.blocked(request):
        return render(request, "surveys/public/message.html", {"title": "Tạm khóa", "text": BLOCKED}, status=429)
    respondent = services.find_by_code(code)
    if respondent is None:
        ratelimit.fail(request)
        return render(request, "surveys/public/message.html", {
            "title": "Mã phiếu không đúng", "text": "Hãy kiểm tra lại mã in trên phiếu.", "retry": True}, status=404)
    survey = respondent.survey
    if hasattr(respondent, "receipt"):
        return render(request, "surveys/public/message.html", {
            "title": "Phiếu đã được gửi", "text": "Mã này đã được dùng: mỗi hộ chỉ trả lời một lần. Cảm ơn ông/bà."},
            status=410)
    if not survey.is_open:
        return render(request, "surveys/public/message.html", {
            "title": "Chưa nhận ý kiến", "text": f"Đợt lấy ý kiến “{survey.title}” hiện không nhận phiếu."})
    questions = list(survey.questions.order_by("number"))
    error, chosen = None, {}
    if request.method == "POST":
        chosen = {q.pk: request.POST.get(f"q{q.pk}") for q in questions}
        answers = {pk: v == "1" for pk, v in chosen.items() if v in ("1", "0")}
        try:
            services.submit_online(code, answers, request.POST.get("comment", ""))
        except services.SurveyError as exc:
            error = str(exc)
        else:
            return render(request, "surveys/public/message.html", {
                "title": "Cảm ơn ông/bà!", "text": "Ý kiến của hộ đã được ghi nhận. Phiếu không ghi tên người "
                                                   "trả lời; kết quả chỉ được tổng hợp theo khu dân cư.",
                "done": True})
    return render(request, "surveys/public/answer.html", {
        "survey": survey, "area": respondent.area, "questions": questions, "error": error, "chosen": chosen,
        "comment": request.POST.get("comment", "")})


@login_not_required
def published(request):
    surveys = Survey.objects.filter(published=True, status=Survey.Status.CLOSED).select_related("unit")
    return render(request, "surveys/public/published.html", {"surveys": surveys})


@login_not_required
def published_results(request, pk):
    survey = get_object_or_404(Survey.objects.select_related("unit", "criteria_set"), pk=pk)
    if not (survey.published and survey.results_visible):
        raise Http404("Kết quả chưa được công khai.")
    areas = survey.unit.children.filter(level="area", is_active=True).ordered()
    res = results_mod.compute(survey, areas)
    return render(request, "surveys/public/results.html", {
        "survey": survey, "results": res, "coverage": coverage_table(res)})
