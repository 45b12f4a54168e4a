"""manage.py create_api_token USER --scope UNIT --permissions read,write --expires YYYY-MM-DD

Prints the new token (once) on standard output, alone on the line, so scripts can capture it. A stable command:
its arguments and its output keep their meaning across versions."""

import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from api import tokens, values
from api.models import ApiToken
from units.models import Unit


class Command(BaseCommand):
    help = "Cấp một mã truy cập API cho người dùng (in mã ra một lần)."

    def add_arguments(self, parser):
        parser.add_argument("user", help="tên đăng nhập của tài khoản mà mã hành động thay")
        parser.add_argument("--scope", required=True,
                            help="đơn vị: id, hoặc mã tham chiếu (19, 01933, 01933/01); mã chỉ thấy đơn vị này và cấp dưới")
        parser.add_argument("--permissions", default="read",
                            help="read, write hoặc các quyền cụ thể, cách nhau bằng dấu phẩy (mặc định: read)")
        parser.add_argument("--expires", help="hết hạn sau ngày YYYY-MM-DD")
        parser.add_argument("--name", default="", help="tên gợi nhớ")
        parser.add_argument("--system", default="", help="tên hệ thống đối tác nhận mã (nếu không phải một người)")
        parser.add_argument("--rate-limit", type=int, help="số lượt gọi tối đa mỗi phút")

    def handle(self, *args, **opts):
        user = User.objects.filter(username=opts["user"]).first()
        if user is None:
            raise CommandError(f"Không có người dùng “{opts['user']}”.")
        ref = opts["scope"].strip()
        unit = (Unit.objects.filter(pk=int(ref)).first() if ref.isdigit() and not values.resolve_unit(ref)
                else values.resolve_unit(ref))
        if unit is None:
            raise CommandError(f"Không có đơn vị “{ref}”.")
        expires = None
        if opts["expires"]:
            try:
                expires = datetime.date.fromisoformat(opts["expires"])
            except ValueError:
                raise CommandError("--expires phải có dạng YYYY-MM-DD.") from None
        try:
            token, secret = tokens.issue(
                None, user=user, unit=unit, permissions=opts["permissions"].split(","), name=opts["name"],
                expires_on=expires, holder_kind=ApiToken.HolderKind.SYSTEM if opts["system"] else
                ApiToken.HolderKind.PERSON, holder_name=opts["system"], rate_limit=opts["rate_limit"],
                enforce_actor=False)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stderr.write(f"Đã cấp mã “{token.name}” (dk_{token.prefix}_…) cho {user.username}, phạm vi {unit.name}, "
                          f"quyền {', '.join(token.permissions)}"
                          + (f", hết hạn sau ngày {expires:%d/%m/%Y}" if expires else "") + ".")
        self.stdout.write(secret)
