import pytest


@pytest.fixture
def api_measures(db):
    """Measures of our own (the catalogue's may be claimed by registers): typed at an area, at a commune, a
    yes/no, and one a register derives (refused on writes)."""
    from indicators.models import Measure

    def make(code, name, **kw):
        return Measure.objects.create(code=code, name=name, **kw)

    return {
        "trees": make("api_trees_planted", "Số cây xanh trồng mới", value_type="count", level="area",
                      aggregation="sum", unit_label="cây"),
        "money": make("api_money_mobilised", "Kinh phí vận động", value_type="money", level="commune",
                      aggregation="sum", unit_label="đồng", by_organisation=True),
        "day": make("api_day_held", "Tổ chức Ngày hội", value_type="bool", level="area", aggregation="count_yes"),
        "derived": make("api_models_derived", "Mô hình (tính từ sổ)", value_type="count", level="area",
                        aggregation="sum", source="register", register="initiatives"),
    }


@pytest.fixture
def year(db):
    from campaign.periods import get_period

    return get_period("2026")


@pytest.fixture
def issue_token():
    """issue_token(user, unit=None, permissions=("read", "write"), **kw) -> the token's secret text."""
    from api import tokens

    def _issue(user, unit=None, permissions=("read", "write"), **kw):
        _, secret = tokens.issue(None, user=user, unit=unit or user.unit, permissions=list(permissions),
                                 enforce_actor=False, **kw)
        return secret

    return _issue


@pytest.fixture
def api(client):
    """api(secret).get(path, **params) / .post(path, json) with the token in the Authorization header."""
    import json as _json

    class Caller:
        def __init__(self, secret):
            self.headers = {"Authorization": f"Bearer {secret}"} if secret else {}

        def get(self, path, **params):
            return client.get(f"/api/v1{path}", params, headers=self.headers)

        def post(self, path, payload=None, raw=None):
            body = raw if raw is not None else _json.dumps(payload)
            return client.post(f"/api/v1{path}", body, content_type="application/json", headers=self.headers)

    return Caller


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Signed PDFs are files: keep the tests' out of the checkout's media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
