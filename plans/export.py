"""A plan as an official document (documents.nd30): header, number, place-date line, KẾ HOẠCH + title,
opening paragraph, numbered body, signature, Nơi nhận."""

import re

from core.formatting import format_date
from documents.nd30 import Bullet, Heading, OfficialDocument, Paragraph, Recipients, Signer

from .models import Plan

HEADING_MAX = 160  # a numbered line longer than this is a numbered paragraph (targets), not a heading


def intro_text(plan: Plan) -> str:
    """The opening paragraph: the plan's own, or one written from its basis documents."""
    if plan.intro.strip():
        return plan.intro.strip()
    basis = [r.text.strip().rstrip(";.,") for r in plan.references.all() if r.kind == "basis"]
    if not basis:
        return ""
    issuer = plan.issuer_in_text or "Ban Thường trực"
    kind = plan.get_doc_type_display()
    return f"Căn cứ {'; '.join(basis)}, {issuer} ban hành {kind} {_lower_first(plan.title)}, cụ thể như sau:"


def _lower_first(text):
    text = " ".join(text.split())
    return text[:1].lower() + text[1:] if text[:1].isupper() and not text[:2].isupper() else text


def body_blocks(plan: Plan) -> list:
    blocks = []
    intro = intro_text(plan)
    if intro:
        blocks.append(Paragraph(intro))
    sections = list(plan.sections.all())
    has_children = {s.parent_id for s in sections}
    for section in sections:
        title = " ".join(section.title.split())
        if section.is_bullet:
            blocks.append(Bullet(title))
        elif section.depth == 1 or section.pk in has_children or len(title) <= HEADING_MAX:
            blocks.append(Heading(section.label, title))
        else:
            blocks.append(Paragraph(f"{section.label} {title}"))
        for para in (section.body or "").split("\n\n"):
            para = " ".join(para.split())
            if para:
                blocks.append(Bullet(para[2:]) if para.startswith("- ") else Paragraph(para))
    return blocks


def italic_note(text: str) -> str:
    """'Ủy ban nhân dân tỉnh (để phối hợp)' → the note in italics, as ND 30 documents write it."""
    text = text.replace("*", "")
    return re.sub(r"\s*(\([^()]*\))\s*$", r" *\1*", text)


def build_document(plan: Plan) -> OfficialDocument:
    return OfficialDocument(
        parent_body=plan.parent_body,
        issuing_body=plan.issuing_body,
        number=int(plan.number) if plan.number.isdigit() else (plan.number or None),
        symbol=plan.symbol,
        place=plan.place,
        date=plan.issued_on,
        type_name=plan.type_name,
        title=plan.title,
        blocks=body_blocks(plan),
        signer=Signer(plan.signer_authority, plan.signer_title, plan.signer_name)
        if (plan.signer_title or plan.signer_name) else None,
        recipients=Recipients([italic_note(r.text) for r in plan.recipients.all()], archive=plan.archive or "VT"),
        issuer_in_text=plan.issuer_in_text,
    )


def file_name(plan: Plan) -> str:
    kind = plan.get_doc_type_display()
    if plan.number:
        year = plan.issued_on.year if plan.issued_on else ""
        return f"{kind} {plan.number}-{plan.symbol} {year}".strip()
    return f"{kind} dự thảo {format_date(plan.created_at) if plan.created_at else ''}".strip()
