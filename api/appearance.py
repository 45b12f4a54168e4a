"""The visible signature of ND 30/2020 (Phụ lục I, ký số): the signer's signature in blue, centred between the
position title and the signer's name, and the issuing body's red seal over its left third. doanket holds no
scanned handwriting or real seal: the seal is drawn from the issuing body's name (a round red stamp, like the
official one in layout), the signature as the signer's name and the signing time (ISO 8601, Vietnam's time zone)."""

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

RED = (204, 0, 0, 255)
BLUE = (0, 51, 170, 255)
SCALE = 8  # pixels per point: sharp when printed


def _font(size_px, bold=False):
    from documents.nd30 import find_pdf_fonts

    found = find_pdf_fonts()
    if found:
        directory, files, _ = found
        try:
            return ImageFont.truetype(str(Path(directory) / files[1 if bold else 0]), size_px)
        except OSError:
            pass
    return ImageFont.load_default(size_px)


def seal_image(body: str, diameter_pt: float = 100) -> Image.Image:
    """A round red seal with the body's name around the rim and a star in the middle, transparent background."""
    d = int(diameter_pt * SCALE)
    img = Image.new("RGBA", (d, d), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    w = max(3, d // 45)
    draw.ellipse([w, w, d - w, d - w], outline=RED, width=w)
    inner = d * 0.30
    draw.ellipse([d / 2 - inner, d / 2 - inner, d / 2 + inner, d / 2 + inner], outline=RED, width=max(2, w // 2))
    star = [(d / 2 + (inner * 0.8 if i % 2 == 0 else inner * 0.32) * math.cos(math.radians(-90 + 36 * i)),
             d / 2 + (inner * 0.8 if i % 2 == 0 else inner * 0.32) * math.sin(math.radians(-90 + 36 * i)))
            for i in range(10)]
    draw.polygon(star, fill=RED)
    text = " ".join(body.upper().split()) + " ★ "
    font = _font(int(d * 0.075), bold=True)
    radius = d / 2 - w - d * 0.08
    step = 360 / max(len(text), 1)
    for i, ch in enumerate(text):
        angle = -90 + i * step
        glyph = Image.new("RGBA", (int(d * 0.12), int(d * 0.12)), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((glyph.width / 2, glyph.height / 2), ch, font=font, fill=RED, anchor="mm")
        glyph = glyph.rotate(-(angle + 90), resample=Image.BICUBIC)
        x = d / 2 + radius * math.cos(math.radians(angle)) - glyph.width / 2
        y = d / 2 + radius * math.sin(math.radians(angle)) - glyph.height / 2
        img.alpha_composite(glyph, (int(x), int(y)))
    return img


def signature_image(width_pt: float, height_pt: float, *, body: str, signer: str, position: str,
                    signed_at_text: str) -> Image.Image:
    """The whole appearance: the blue signature text and the red seal overlapping its left third."""
    W, H = int(width_pt * SCALE), int(height_pt * SCALE)
    img = Image.new("RGBA", (W, H), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    lines = [("Ký bởi: " + signer, True), (position, False), ("Thời gian ký: " + signed_at_text, False)]
    size = int(8.5 * SCALE)
    font_b, font = _font(size, bold=True), _font(size)
    y = H / 2 - size * 1.35 * len(lines) / 2
    for text, bold in lines:
        if text:
            draw.text((W * 0.65, y), text, font=font_b if bold else font, fill=BLUE, anchor="ma")
            y += size * 1.35
    seal_d = min(H, W * 0.5)
    seal = seal_image(body, seal_d / SCALE).resize((int(seal_d), int(seal_d)), Image.LANCZOS)
    img.alpha_composite(seal, (int(W * 0.02), int((H - seal_d) / 2)))
    return img
