"""The initiatives register in the spine: how it derives the catalogue's measures from its rows.

A model counts in a period when it has started by the period's end, is past "Đã đăng ký" and was not stopped
before the period's start (Running). Resources (money, workdays, land) count in the period the model started.
Values belong to the unit where the row sits; the spine rolls them up. No row reads 0.
"""

from django.db.models import Q

from indicators.registers import Count, Derivation, During, Register, Running, Sum, register

from .models import Initiative

ORG = "organisation__kind"
RUNNING = Running("started_on", "stopped_on")
PAST_REGISTRATION = ~Q(status=Initiative.Status.REGISTERED)


def models_(measure, filter=Q(), window=RUNNING, organisation=ORG, aggregate=None):
    return Derivation(measure, model=Initiative, organisation=organisation, window=window,
                      filter=PAST_REGISTRATION & filter, aggregate=aggregate or Count())


@register
class InitiativesRegister(Register):
    code = "initiatives"
    name = "Sổ mô hình, công trình, phần việc"
    derivations = [
        models_("pilot_models", Q(is_pilot=True)),
        models_("pilot_models_welfare", Q(is_pilot=True, topics__code="an-sinh-cong-dong")),
        models_("pilot_models_green_clean", Q(is_pilot=True, is_self_managed=True, topics__code="sang-xanh-sach-dep")),
        # new in the period: started within it
        models_("pilot_models_drugs_new", Q(is_pilot=True, topics__code="phong-chong-ma-tuy"),
                window=During("started_on")),
        # the province Front's own pilot models (not a member organisation's)
        models_("pilot_models_province_level", Q(is_pilot=True, organisation__isnull=True), organisation=None),
        models_("poverty_help_models", Q(topics__code="giam-ngheo")),
        models_("self_managed_models", Q(is_self_managed=True)),
        models_("security_self_managed_models", Q(is_self_managed=True, topics__code="an-ninh-trat-tu")),
        models_("community_works"),
        # a member organisation's own commitments (Bắc Kạn 2017 §II.2–10: "ít nhất 01 mô hình" per organisation)
        models_("organisation_models", Q(organisation__isnull=False)),
        models_("new_type_cooperatives", Q(topics__code="hop-tac-xa-kieu-moi")),
        models_("money_mobilised", window=During("started_on"), aggregate=Sum("money")),
        models_("workdays_mobilised", window=During("started_on"), aggregate=Sum("workdays")),
        models_("land_donated_m2", window=During("started_on"), aggregate=Sum("land_m2")),
    ]
