import datetime
from decimal import Decimal

import pytest

from core.formatting import amount_in_words, money_in_words, place_date_line

AMOUNTS = [
    (0, "không"),
    (1, "một"),
    (4, "bốn"),
    (5, "năm"),
    (10, "mười"),
    (11, "mười một"),
    (14, "mười bốn"),
    (15, "mười lăm"),
    (20, "hai mươi"),
    (21, "hai mươi mốt"),
    (24, "hai mươi tư"),
    (25, "hai mươi lăm"),
    (31, "ba mươi mốt"),
    (55, "năm mươi lăm"),
    (100, "một trăm"),
    (101, "một trăm linh một"),
    (104, "một trăm linh bốn"),
    (105, "một trăm linh năm"),
    (110, "một trăm mười"),
    (115, "một trăm mười lăm"),
    (121, "một trăm hai mươi mốt"),
    (1_000, "một nghìn"),
    (1_005, "một nghìn không trăm linh năm"),
    (1_010, "một nghìn không trăm mười"),
    (1_100, "một nghìn một trăm"),
    (2_025, "hai nghìn không trăm hai mươi lăm"),
    (10_000, "mười nghìn"),
    (15_000, "mười lăm nghìn"),
    (21_000, "hai mươi mốt nghìn"),
    (100_001, "một trăm nghìn không trăm linh một"),
    (1_000_000, "một triệu"),
    (1_000_005, "một triệu không trăm linh năm"),
    (1_050_000, "một triệu không trăm năm mươi nghìn"),
    (1_500_000, "một triệu năm trăm nghìn"),
    (5_000_020, "năm triệu không trăm hai mươi"),
    (125_500_000, "một trăm hai mươi lăm triệu năm trăm nghìn"),
    (1_000_000_000, "một tỷ"),
    (1_000_000_005, "một tỷ không trăm linh năm"),
    (1_005_000_000, "một tỷ không trăm linh năm triệu"),
    (2_345_678_901, "hai tỷ ba trăm bốn mươi lăm triệu sáu trăm bảy mươi tám nghìn chín trăm linh một"),
    (1_000_000_000_000, "một nghìn tỷ"),
    (1_250_000_000_000, "một nghìn hai trăm năm mươi tỷ"),
    (-2_025, "âm hai nghìn không trăm hai mươi lăm"),
]


@pytest.mark.parametrize("n,words", AMOUNTS)
def test_amount_in_words(n, words):
    assert amount_in_words(n) == words


def test_money_in_words_is_a_capitalised_sentence():
    assert money_in_words(2025) == "Hai nghìn không trăm hai mươi lăm đồng"
    assert money_in_words(0) == "Không đồng"
    assert money_in_words(-5) == "Âm năm đồng"


def test_integral_decimals_are_accepted_and_fractions_refused():
    assert amount_in_words(Decimal("21")) == "hai mươi mốt"
    with pytest.raises(ValueError):
        amount_in_words(Decimal("2.5"))
    with pytest.raises(ValueError):
        amount_in_words(True)


@pytest.mark.parametrize("date,line", [
    (datetime.date(2023, 3, 16), "Cư Jút, ngày 16 tháng 3 năm 2023"),
    (datetime.date(2026, 2, 5), "Cư Jút, ngày 05 tháng 02 năm 2026"),
    (datetime.date(2026, 1, 9), "Cư Jút, ngày 09 tháng 01 năm 2026"),
    (datetime.date(2026, 12, 10), "Cư Jút, ngày 10 tháng 12 năm 2026"),
    (datetime.date(2026, 3, 1), "Cư Jút, ngày 01 tháng 3 năm 2026"),
])
def test_place_date_line(date, line):
    assert place_date_line("Cư Jút", date) == line


def test_place_date_line_of_an_aware_datetime_uses_vietnam_time():
    moment = datetime.datetime(2026, 2, 4, 20, 0, tzinfo=datetime.timezone.utc)  # 03:00 on 5/2 in Hà Nội
    assert place_date_line("Thái Nguyên", moment) == "Thái Nguyên, ngày 05 tháng 02 năm 2026"


def test_place_date_line_without_a_date_leaves_room_to_write_it():
    line = place_date_line("Thái Nguyên", None)
    assert line.startswith("Thái Nguyên, ngày ") and " tháng " in line and " năm " in line
