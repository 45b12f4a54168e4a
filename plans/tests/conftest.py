import datetime

import pytest

from campaign.periods import get_period


@pytest.fixture
def province_plan(tree, province_officer):
    """An issued province plan with targets-like sections, a task, reports and recipients."""
    from plans import services

    plan = services.create_plan(province_officer, tree.province, {
        "doc_type": "KH", "number": "59", "symbol": "KH-MTTQ-BTT", "place": "Thái Nguyên",
        "parent_body": "ỦY BAN MTTQ VIỆT NAM TỈNH THÁI NGUYÊN", "issuing_body": "BAN THƯỜNG TRỰC",
        "issuer_in_text": "Ban Thường trực Ủy ban MTTQ tỉnh",
        "issued_on": datetime.date(2026, 3, 16), "period": get_period("2026"),
        "title": "Thực hiện Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh” năm 2026",
        "signer_authority": "TM. BAN THƯỜNG TRỰC", "signer_title": "PHÓ CHỦ TỊCH", "signer_name": "Đàm Quang Tuyền",
        "archive": "VT, TG-CTXH",
    })
    services.replace_sections(province_officer, plan, [
        {"label": "I.", "title": "MỤC ĐÍCH, YÊU CẦU"},
        {"label": "1.", "title": "Tiếp tục đẩy mạnh thực hiện Cuộc vận động trên địa bàn tỉnh."},
        {"label": "II.", "title": "MỘT SỐ CHỈ TIÊU CỤ THỂ"},
        {"label": "1.", "title": "MTTQ và các tổ chức thành viên toàn tỉnh hỗ trợ sinh kế cho ít nhất 200 hộ nghèo, "
                                 "hộ cận nghèo."},
        {"label": "2.", "title": "100% khu dân cư tổ chức Ngày hội Đại đoàn kết toàn dân tộc."},
        {"label": "3.", "title": "MTTQ mỗi xã, phường chủ trì xây dựng ít nhất 03 mô hình điểm khu dân cư tự quản "
                                 "“Sáng - Xanh - Sạch - Đẹp”."},
        {"label": "III.", "title": "TỔ CHỨC THỰC HIỆN"},
        {"label": "1.", "title": "Ban Thường trực Ủy ban MTTQ các xã, phường"},
        {"label": "-", "title": "Xây dựng kế hoạch triển khai thực hiện Cuộc vận động."},
    ])
    services.replace_recipients(province_officer, plan, ["BTT Ủy ban TWMTTQ Việt Nam;",
                                                         "Ủy ban MTTQ các xã, phường *(thực hiện)*;"])
    services.replace_report_requirements(province_officer, plan, [
        {"name": "Báo cáo 6 tháng", "period": get_period("2026-h1"), "due_date": datetime.date(2026, 6, 10),
         "reporter_level": "commune"},
        {"name": "Báo cáo năm", "period": get_period("2026"), "due_date": datetime.date(2026, 11, 15),
         "reporter_level": "commune"},
    ])
    services.replace_tasks(province_officer, plan, [
        {"text": "Xây dựng kế hoạch triển khai thực hiện Cuộc vận động", "unit_level": "commune",
         "assignee": "Ban Thường trực Ủy ban MTTQ các xã, phường", "deadline": datetime.date(2026, 4, 15)},
    ])
    return plan


@pytest.fixture
def issued_province_plan(province_plan, province_officer):
    from plans import services

    return services.issue_plan(province_officer, province_plan)
