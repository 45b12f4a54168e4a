"""Rule-based suggestions for a target phrase: which measure, which scope, which units, which test.

    suggest("100% khu dân cư tổ chức Ngày hội Đại đoàn kết toàn dân tộc")
    -> Suggestion(measure="great_unity_day_held", scope="share_of_units", level="area",
                  comparator=">=", threshold=100, unit_comparator=">=", unit_threshold=1)

The officer sees the suggestion and corrects it; nothing here is final. Rules are data (MEASURE_RULES),
matched on accent-free lower-case text (core.text.fold), most specific first.
"""

import re
from dataclasses import asdict, dataclass

from core.text import fold

# (all these words must occur, measure code) — first match wins, so specific rules come first.
MEASURE_RULES: list[tuple[tuple[str, ...], str]] = [
    # issue #16: registers of study tours, festival days, dialogues, pledges, adoption (before "mô hình" rules)
    (("hoc tap kinh nghiem",), "study_tours_held"),
    (("tham quan mo hinh",), "study_tours_held"),
    (("ngay hoi bien phong",), "border_days_held"),
    (("ngay hoi toan dan bao ve an ninh",), "security_days_held"),
    (("ngay hoi quoc phong",), "defence_days_held"),
    (("den on dap nghia",), "gratitude_activities"),
    (("ky cam ket", "an ninh"), "security_pledges"),
    (("tiep xuc cu tri",), "citizen_meetings_held"),
    (("lang nghe y kien",), "citizen_meetings_held"),
    (("doi thoai",), "dialogues_held"),
    (("nhan do dau",), "children_sponsored"),
    (("ket noi yeu thuong",), "children_sponsored"),
    (("nhan giup do", "ho ngheo"), "households_adopted"),
    (("sinh ke",), "households_livelihood_supported"),
    (("mo hinh diem cap tinh",), "pilot_models_province_level"),
    (("mo hinh diem", "an sinh"), "pilot_models_welfare"),
    (("mo hinh diem", "ma tuy"), "pilot_models_drugs_new"),
    (("mo hinh diem", "sang", "xanh", "sach"), "pilot_models_green_clean"),
    (("ke hoach", "sang", "xanh", "sach"), "commune_env_plan"),
    (("xay dung ke hoach",), "commune_plan_issued"),
    (("nep song van minh", "huong uoc"), "covenant_civilised_rules"),
    (("long ghep", "tuyen truyen"), "propaganda_integrated"),
    (("ngay hoi dai doan ket",), "great_unity_day_held"),
    (("mo hinh hoat dong tu quan",), "self_managed_models"),
    (("cong trinh", "phan viec"), "community_works"),
    (("lien hoan",), "festivals"),
    (("bieu duong",), "commendation_events"),
    (("khen thuong", "mo hinh tu quan"), "commendation_events"),
    (("giup nhau giam ngheo",), "poverty_help_models"),
    (("nha dai doan ket", "sua chua"), "great_unity_houses_repaired"),
    (("nha dai doan ket",), "great_unity_houses_built"),
    (("gia dinh van hoa",), "cultural_families_rate"),
    (("khong ma tuy",), "drug_free_area"),
    (("hai long",), "survey_satisfaction_rate"),
    (("phan bien",), "social_critiques_held"),
    (("giam sat",), "supervisions_held"),
    (("ve sinh moi truong",), "env_cleanup_days"),
    (("trong", "cay xanh"), "trees_planted"),
    (("tang qua", "ho ngheo"), "poor_households_gifted"),
    (("tham hoi", "ho ngheo"), "poor_households_gifted"),
    (("mo hinh diem",), "pilot_models"),
    (("van dong", "ty dong"), "money_mobilised"),
    (("van dong", "trieu dong"), "money_mobilised"),
    (("mo hinh", "an ninh"), "security_self_managed_models"),
    (("mo hinh", "toi pham"), "security_self_managed_models"),
    # a member organisation's "mô hình" is one of its registered works, models and tasks (công trình, mô hình,
    # phần việc) — the registration drive counts them as community works
    (("mo hinh",), "community_works"),
]
# A percentage of households is a ratio measure; its count measure → its ratio measure.
RATIO_OF = {"poor_households_gifted": "poor_households_gifted_rate"}
# Measures that are yes/no per unit: "100% of areas do X" tests each area for yes (value ≥ 1).
BOOL_MEASURES = {"great_unity_day_held", "commune_env_plan", "commune_plan_issued", "covenant_civilised_rules",
                 "propaganda_integrated", "drug_free_area", "cultural_area"}

ORGANISATION_WORDS = [  # folded phrase → OrganisationKind.code
    ("hoi cuu chien binh", "hoi-ccb"), ("hoi ccb", "hoi-ccb"), ("hoi nong dan", "hoi-nong-dan"),
    ("hoi lien hiep phu nu", "hoi-lhpn"), ("hoi lhpn", "hoi-lhpn"), ("hoi phu nu", "hoi-lhpn"),
    ("doan thanh nien", "doan-tncs"), ("doan tncs", "doan-tncs"), ("cong doan", "cong-doan"),
    ("hoi nguoi cao tuoi", "hoi-nct"), ("hoi nct", "hoi-nct"), ("hoi khuyen hoc", "hoi-khuyen-hoc"),
    ("hoi chu thap do", "hoi-chu-thap-do"), ("lien minh hop tac xa", "lien-minh-htx"),
    ("lien minh cac hop tac xa", "lien-minh-htx"), ("lien hiep cac hoi khoa hoc", "lien-hiep-hoi-khkt"),
    ("lien doan lao dong", "cong-doan"),
]

AREA_WORDS = r"(?:khu dan cu|ban cong tac mat tran|thon|ban|to dan pho|kdc)"
COMMUNE_WORDS = r"(?:(?:uy ban |ub )?(?:mttq|mat tran)[\w ,]*?(?:cap )?xa|xa, phuong|xa|phuong|cap xa)"
NUMBER = r"(\d{1,3}(?:[.,]\d{3})+|\d+(?:,\d+)?)"


@dataclass
class Suggestion:
    measure: str | None
    scope: str  # total | each_unit | share_of_units
    level: str  # the units the scope is over: "area" | "commune" | "" (total over the issuer's tree)
    comparator: str  # >= | <= | = (docs/spine.md)
    threshold: float | None
    unit_comparator: str = ""
    unit_threshold: float | None = None
    org_kind: str | None = None
    phase: str | None = None  # "2026-2030" when the text names a phase

    def as_dict(self):
        return asdict(self)


def _num(text: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", text):
        return float(re.sub(r"[.,]", "", text))
    return float(text.replace(",", "."))


def _comparator(before: str) -> str:
    if re.search(r"(toi da|khong qua|duoi)\s*$", before):
        return "<="
    return ">="


def measure_for(text: str) -> str | None:
    folded = fold(text)
    for words, code in MEASURE_RULES:
        if all(w in folded for w in words):
            return code
    return None


def organisation_for(text: str) -> str | None:
    folded = fold(text)
    for phrase, code in ORGANISATION_WORDS:
        if phrase in folded:
            return code
    return None


def _strip_noise(folded: str) -> str:
    """Remove numbers that are not targets: phases, dates, criteria numbers, anniversaries, parentheses."""
    folded = re.sub(r"\([^)]*\)", " ", folded)
    folded = re.sub(r"giai doan \d{4}\s*[-–]\s*\d{4}", " ", folded)
    folded = re.sub(r"\d{1,2}/\d{1,2}(/\d{2,4})?", " ", folded)
    folded = re.sub(r"(tieu chi|nam|lan thu|ky niem|so)\s+\d+", " ", folded)
    return folded


def suggest(text: str) -> Suggestion:
    folded = " ".join(fold(text).split())
    measure = measure_for(text)
    org = organisation_for(text)
    phase = None
    if m := re.search(r"giai doan (\d{4})\s*[-–]\s*(\d{4})", folded):
        phase = f"{m[1]}-{m[2]}" if int(m[2]) >= int(m[1]) else None
    core = _strip_noise(folded)

    # "100% khu dân cư …", "90% trở lên khu dân cư …", "100% MTTQ cấp xã …"
    share = re.search(NUMBER + r"\s*%\s*(?:tro len\s+)?(?:(?:cac|so)\s+)?(" + AREA_WORDS + "|" + COMMUNE_WORDS + r")\b",
                      core)
    each = re.search(r"\b(?:moi|tung)\s+(" + AREA_WORDS + r"|xa|phuong|cap xa)\b", core) or \
        re.search(r"\b(?:mttq|mat tran to quoc) (cac cap)\b", core)
    numbers = [(m.start(), _num(m[1]), core[m.end():m.end() + 2].strip().startswith("%"))
               for m in re.finditer(NUMBER, core)]

    if share:
        level = "area" if re.fullmatch(AREA_WORDS, share[2]) else "commune"
        after = core[share.end():]
        per_unit = re.search(r"(?:it nhat|toi thieu|tu)\s+" + NUMBER, after)
        unit_threshold = _num(per_unit[1]) if per_unit else 1
        if measure in BOOL_MEASURES:
            unit_threshold = 1
        return Suggestion(measure, "share_of_units", level, ">=", _num(share[1]), ">=", unit_threshold, org, phase)

    if each:
        level = "area" if re.fullmatch(AREA_WORDS, each[1]) else "commune"  # "các cấp": every commune too
        after = core[each.end():]
        count = re.search(NUMBER, after)
        before = after[:count.start()] if count else ""
        return Suggestion(measure, "each_unit", level, _comparator(before), _num(count[1]) if count else None,
                          org_kind=org, phase=phase)

    percent = next((n for n in numbers if n[2]), None)
    if percent:
        ratio = RATIO_OF.get(measure, measure)
        return Suggestion(ratio, "total", "", ">=", percent[1], org_kind=org, phase=phase)

    if numbers:
        pos, value, _ = numbers[0]
        return Suggestion(measure, "total", "", _comparator(core[:pos]), value, org_kind=org, phase=phase)
    return Suggestion(measure, "total", "", ">=", None, org_kind=org, phase=phase)


def has_subject(clause: str) -> bool:
    """Does a clause name who does it ('MTTQ …', 'Ủy ban …', '100% khu dân cư …')?"""
    return bool(re.match(r"^(mttq|mat tran|uy ban|ub |ban |hoi |doan |\d)", fold(clause)))
