from core.text import fold, sort_key, strip_type_prefix


def test_fold_removes_diacritics_and_d_bar():
    assert fold("Xã Đồng Phúc") == "xa dong phuc"
    assert fold("  Thôn   Nà  Hai ") == "thon na hai"


def test_fold_handles_decomposed_input():
    import unicodedata

    assert fold(unicodedata.normalize("NFD", "Đồng Hỷ")) == "dong hy"


def test_vietnamese_dictionary_order():
    names = ["Đồng Phúc", "Dương Quang", "Ân Thi", "An Khánh", "Ba Bể", "Bà Rịa", "Bắc Kạn", "Ưu Đàm", "Uyên Hưng",
             "Ơn Lộc", "Ô Môn", "Ông Văn"]
    expected = ["An Khánh", "Ân Thi", "Ba Bể", "Bà Rịa", "Bắc Kạn", "Dương Quang", "Đồng Phúc", "Ô Môn", "Ông Văn",
                "Ơn Lộc", "Uyên Hưng", "Ưu Đàm"]
    assert sorted(names, key=sort_key) == expected


def test_tones_only_break_ties():
    assert sorted(["Bá", "Bà", "Ba", "Bả", "Bã", "Bạ"], key=sort_key) == ["Ba", "Bà", "Bả", "Bã", "Bá", "Bạ"]
    # letters first over the whole name, then tones
    assert sorted(["Bà Rịa", "Ba Tơ"], key=sort_key) == ["Bà Rịa", "Ba Tơ"]


def test_sort_key_is_ascii_digits():
    assert sort_key("Đồng Phúc").isdigit()


def test_numbers_sort_before_letters_and_by_value_of_digits():
    assert sorted(["Tổ 2", "Tổ 1", "Tổ A"], key=sort_key) == ["Tổ 1", "Tổ 2", "Tổ A"]


def test_strip_type_prefix():
    assert strip_type_prefix("Xã Đồng Phúc") == "Đồng Phúc"
    assert strip_type_prefix("Tổ dân phố số 1") == "số 1"
    assert strip_type_prefix("Thành phố Hà Nội") == "Hà Nội"
    assert strip_type_prefix("Đồng Phúc") == "Đồng Phúc"


def test_in_sentence_lowers_only_the_type_word():
    from core.text import in_sentence

    assert in_sentence("Xã Đồng Phúc") == "xã Đồng Phúc"
    assert in_sentence("Tỉnh Thái Nguyên") == "tỉnh Thái Nguyên"
    assert in_sentence("Việt Nam") == "Việt Nam"


def test_clip_cuts_at_a_word_and_says_so():
    from core.text import clip

    assert clip("Ban Thường trực  Ủy ban MTTQ", 300) == "Ban Thường trực Ủy ban MTTQ"
    long = "các tổ chức chính trị - xã hội " * 20
    clipped = clip(long, 60)
    assert len(clipped) <= 60 and clipped.endswith("…") and long.startswith(clipped[:-1])
