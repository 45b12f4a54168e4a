def test_search_without_diacritics_finds_unit(client_for, province_officer, tree):
    response = client_for(province_officer).get("/don-vi/tim/", {"q": "dong phuc"})
    assert "Xã Đồng Phúc" in response.content.decode()


def test_search_with_diacritics(client_for, province_officer, tree):
    response = client_for(province_officer).get("/don-vi/tim/", {"q": "Nà Hai"})
    assert "Thôn Nà Hai" in response.content.decode()


def test_search_stays_in_scope(client_for, dong_phuc_officer, tree):
    body = client_for(dong_phuc_officer).get("/don-vi/tim/", {"q": "bang"}).content.decode()
    assert "Bằng Thành" not in body and "Bản Bằng" not in body


def test_children_listed_in_vietnamese_order(client_for, province_officer, tree):
    body = client_for(province_officer).get(f"/don-vi/{tree.province.pk}/").content.decode()
    # Bằng Thành < Đồng Phúc < Phan Đình Phùng (by proper name, đ after d)
    assert body.index("Xã Bằng Thành") < body.index("Xã Đồng Phúc") < body.index("Phường Phan Đình Phùng")


def test_children_filter_by_htmx(client_for, province_officer, tree):
    response = client_for(province_officer).get(f"/don-vi/{tree.province.pk}/", {"q": "phan dinh"},
                                                HTTP_HX_REQUEST="true", HTTP_HX_TARGET="children")
    body = response.content.decode()
    assert "Phan Đình Phùng" in body and "Đồng Phúc" not in body and "<html" not in body
