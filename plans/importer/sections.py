"""The section tree: I. / 1. / 1.1. / a) / - / + ."""

import re
from dataclasses import dataclass, field

# rank orders kinds from outermost to innermost; nesting follows the order the labels appear in
_LABELS = [
    ("part", 0.0, re.compile(r"^(?P<label>(?:PHẦN|Phần)\s+(?:[IVXLC]+|thứ\s+[\wÀ-ỹ]+))\s*[.:\-–]?\s*(?P<title>.*)$")),
    ("chapter", 0.5, re.compile(r"^(?P<label>(?:CHƯƠNG|Chương)\s+[IVXLC\d]+)\s*[.:\-–]?\s*(?P<title>.*)$")),
    ("roman", 1.0, re.compile(r"^(?P<label>[IVXLC]{1,6}\s*[.)])(?:\s+(?P<title>\S.*)|(?P<t2>[^\d\s/].*))$")),
    ("article", 1.5, re.compile(r"^(?P<label>Điều\s+\d+\s*[.:])\s*(?P<title>.*)$")),
    ("decimal", 3.0, re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2}){1,3}\.?)\s+(?P<title>\S.*)$")),
    ("arabic", 2.0, re.compile(r"^(?P<label>\d{1,2}\s?[.)])(?:\s+(?P<title>\S.*)|(?P<t2>[^\d\s/.,].*))$")),
    ("letter", 5.0, re.compile(r"^(?P<label>[a-zđ]\s?\))\s*(?P<title>\S.*)$")),
    ("letter", 5.0, re.compile(r"^(?P<label>[a-zđ]\.)\s+(?P<title>\S.*)$")),
    ("dash", 6.0, re.compile(r"^(?P<label>[-–—])\s*(?P<title>[^\s\-–—_=~.].*)$")),
    ("plus", 7.0, re.compile(r"^(?P<label>\+)\s*(?P<title>\S.*)$")),
    ("dot", 8.0, re.compile(r"^(?P<label>[•▪●◦∙*])\s*(?P<title>\S.*)$")),
]
BULLETS = {"dash", "plus", "dot"}
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(s: str) -> int | None:
    total, prev = 0, 0
    for ch in reversed(s):
        v = _ROMAN.get(ch)
        if v is None:
            return None
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total


@dataclass
class Node:
    label: str
    title: str
    kind: str
    rank: float
    children: list["Node"] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)  # unlabelled text under this heading
    parent: "Node | None" = None

    def to_dict(self) -> dict:
        return {
            "label": self.label,
            "title": self.title,
            "children": [c.to_dict() for c in self.children],
        }

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()

    def full_text(self) -> str:
        parts = [self.title, *self.paragraphs]
        parts += [c.full_text() for c in self.children]
        return "\n".join(p for p in parts if p)

    @property
    def is_heading(self) -> bool:
        return self.kind not in BULLETS


def match_label(line: str):
    for kind, rank, rx in _LABELS:
        m = rx.match(line)
        if not m:
            continue
        label = re.sub(r"\s+", "", m["label"]) if kind not in ("part", "chapter", "article") else " ".join(m["label"].split())
        title = (m["title"] if m["title"] is not None else m.groupdict().get("t2") or "").strip()
        if kind == "decimal":
            rank = 2.0 + label.rstrip(".").count(".")
            label = label if label.endswith(".") else label + "."
        if kind == "roman" and roman_value(label[:-1]) is None:
            continue
        if kind == "letter" and len(title) < 2:
            continue
        return kind, rank, label, title
    return None


def build_tree(paragraphs: list[str]) -> tuple[Node, list[str]]:
    """Build the tree from logical paragraphs. Returns (root, preamble paragraphs)."""
    root = Node("", "", "root", -1.0)
    stack = [root]
    preamble: list[str] = []
    for para in paragraphs:
        if not para:
            continue
        lab = match_label(para)
        if lab is None:
            if len(stack) == 1:
                preamble.append(para)
            else:
                stack[-1].paragraphs.append(para)
            continue
        kind, rank, label, title = lab
        if len(stack) == 1 and kind in BULLETS and not root.children:
            preamble.append(para)  # a bullet before any heading belongs to the preamble
            continue
        while len(stack) > 1 and stack[-1].rank >= rank:
            stack.pop()
        node = Node(label, title, kind, rank, parent=stack[-1])
        stack[-1].children.append(node)
        stack.append(node)
    return root, preamble
