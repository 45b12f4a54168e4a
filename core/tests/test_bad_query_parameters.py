"""Item 10 of issue 13: a bad query parameter gets a 4xx or a sane default, never a 500."""

import pytest


def _cases(tree):
    commune = tree.dong_phuc.pk
    return [
        "/tai-khoan/lich-su/?unit=abc",
        "/tai-khoan/nguoi-dung/them/?unit=abc",
        "/bao-cao/dot/moi/?unit=abc",
        "/ke-hoach/?don-vi=abc",
        "/ke-hoach/nhap/?don-vi=abc",
        "/mo-hinh/?don_vi=abc",
        "/hoat-dong/?don_vi=abc",
        "/hoat-dong/huong-uoc/?don_vi=abc",
        f"/quy/{commune}/?nam=99999",
        f"/ho-gia-dinh/{commune}/?nam=99999",
        f"/ho-gia-dinh/{commune}/?q=%00",
        "/tai-khoan/nguoi-dung/?q=%00",
        "/bao-cao/dot/moi/?che-do=abc",
        f"/quy/{commune}/?nam=-1",
        f"/ho-gia-dinh/{commune}/?nam=1e3",
        "/tai-khoan/lich-su/?unit=99999999999999999999",
        "/don-vi/?q=%00",
    ]


@pytest.mark.django_db
def test_bad_query_parameters_get_a_client_error_or_a_default_never_a_server_error(tree, province_admin, client_for):
    province_admin.is_superuser = False
    client = client_for(province_admin)
    client.raise_request_exception = False
    failures = []
    for url in _cases(tree):
        status = client.get(url).status_code
        if status >= 500:
            failures.append(f"{url} → {status}")
    assert failures == []


def test_a_nul_in_the_address_is_a_400_with_a_vietnamese_message(client):
    response = client.get("/ho-gia-dinh/1/?q=%00")
    assert response.status_code == 400 and "ký tự điều khiển" in response.content.decode()


@pytest.mark.django_db
def test_a_year_out_of_range_is_a_400_and_a_unit_id_that_is_not_a_number_is_a_404(tree, dong_phuc_officer,
                                                                                    client_for):
    client = client_for(dong_phuc_officer)
    assert client.get(f"/quy/{tree.dong_phuc.pk}/?nam=99999").status_code == 400
    assert client.get("/mo-hinh/?don_vi=abc").status_code == 404
    assert client.get(f"/ho-gia-dinh/{tree.dong_phuc.pk}/?nam=2025").status_code == 200
