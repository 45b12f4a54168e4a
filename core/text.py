"""Vietnamese text keys: accent-free search and dictionary ordering.

Both keys are plain ASCII digits/letters so that they compare the same way in SQLite (bytewise) and in
PostgreSQL under any collation, and can be indexed on both.
"""

import re
import unicodedata

# Vietnamese alphabet order, with the Latin letters Vietnamese does not use slotted in where a reader expects.
_ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_LETTER_CODE = {letter: f"{i + 12:02d}" for i, letter in enumerate(_ALPHABET)}
_DIGIT_CODE = {str(d): f"{d + 2:02d}" for d in range(10)}
_WORD_SEP = "01"
_END_OF_PRIMARY = "00"
# Tone marks (combining characters after NFD) in dictionary order: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
# Marks that make a separate letter (ă, â, ê, ô, ơ, ư) rather than a tone.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}


def fold(text: str) -> str:
    """Lower-case, accent-free form for searching: 'Xã Đồng Phúc' -> 'xa dong phuc'."""
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", stripped).strip().lower()


def _split_letter(ch: str) -> tuple[str, str]:
    """One precomposed character -> (base letter with its letter marks, tone digit)."""
    decomposed = unicodedata.normalize("NFD", ch)
    base, tone = decomposed[0], "0"
    marks = ""
    for mark in decomposed[1:]:
        if mark in _TONES:
            tone = _TONES[mark]
        elif mark in _LETTER_MARKS:
            marks += mark
    return unicodedata.normalize("NFC", base + marks), tone


def sort_key(text: str) -> str:
    """Key that sorts Vietnamese names in dictionary order (as ICU's vi collation does).

    Letters are compared first over the whole name (ă after a, đ after d, ư after u ...), tones only to
    break ties, then case is ignored.
    """
    primary, tones = [], []
    for word in re.split(r"[\s\-–,.()/]+", unicodedata.normalize("NFC", (text or "").lower())):
        if not word:
            continue
        if primary:
            primary.append(_WORD_SEP)
        word_tone = "0"
        for ch in word:
            if ch in _DIGIT_CODE:
                primary.append(_DIGIT_CODE[ch])
                continue
            letter, tone = _split_letter(ch)
            if letter in _LETTER_CODE:
                primary.append(_LETTER_CODE[letter])
                if tone != "0":
                    word_tone = tone
            elif letter.isalpha():
                # Letters outside the alphabet (rare in unit names) sort after z.
                primary.append(f"{min(99, 50 + ord(letter) % 50):02d}")
        tones.append(word_tone)
    return "".join(primary) + _END_OF_PRIMARY + "".join(tones)


_TYPE_PREFIXES = (
    "thành phố trung ương",
    "thành phố",
    "tỉnh",
    "đặc khu",
    "phường",
    "xã",
    "thị trấn",
    "thị xã",
    "quận",
    "huyện",
    "tổ dân phố",
    "khu phố",
    "thôn",
    "bản",
    "xóm",
    "ấp",
    "khối",
    "tổ",
    "làng",
    "buôn",
    "plei",
    "sóc",
)


def strip_type_prefix(name: str) -> str:
    """'Xã Đồng Phúc' -> 'Đồng Phúc' (used to sort units by their proper name)."""
    lowered = name.lower()
    for prefix in _TYPE_PREFIXES:
        if lowered.startswith(prefix + " ") and len(name) > len(prefix) + 1:
            return name[len(prefix) + 1 :].strip()
    return name.strip()


def in_sentence(name: str) -> str:
    """A unit's name inside a sentence: the type word in lower case ('Xã Đồng Phúc' -> 'xã Đồng Phúc')."""
    proper = strip_type_prefix(name)
    if proper == name.strip():
        return name.strip()
    return name.strip()[: len(name.strip()) - len(proper)].lower() + proper


_DETACHED_MARKS = re.compile(r"(\S)([ \t]+)([\u0300-\u036f]+)")


def for_display(text: str) -> str:
    """Text read from a file, fit to show: a tone or letter mark that text extraction left after a space
    ("KÊ \u0301HOẠCH") goes back onto its letter, and everything is NFC ("KẾ HOẠCH")."""
    text = unicodedata.normalize("NFD", text or "")
    return unicodedata.normalize("NFC", _DETACHED_MARKS.sub(r"\1\3\2", text))


def clip(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters at a word boundary, with "…" when anything was cut (a phrase read
    from a document that is longer than the column that shows it)."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"
