"""Field-level score of the plan importer against hand-made gold annotations.

    python -m plans.importer_score [--format txt|docx|pdf] [--json FILE] [--quiet]

The gold files are plans/tests/gold/*.json (our own annotations, no document text). Each names its
source document relative to the shared directory (`corpus/…` or `seeds/…`), which is read from
`<project>/../shared`, else `/work/shared`; the documents themselves are never copied into the repository.

Every document is scored on the same 17 fields; each field scores between 0 and 1:

    doc_type, number, date, year, phase       exact (numbers compared without spaces and dash variants)
    issuer, place, title                      exact after normalising case, quotes, spaces and "UBND/MTTQ/HĐND"
    references                                each basis document matched on number (or, without a number, on the
                                              start of its name) and date; half credit when the date is wrong
    sections                                  the top-level labels, in order (longest common subsequence)
    contents                                  (number, criteria NTM, criteria ĐTVM) of each campaign content
    targets                                   every target clause: value, comparator, percent flag, scope,
                                              organisation, measure and the numbered item it came from
    deadlines                                 dates, with their kind (report / registration)
    assignees                                 names of the units given tasks
    recipients                                the number of "Nơi nhận" lines
    signer                                    authority, title and name
    warnings                                  each expected warning (a phrase) present, no unexpected ones

A document's score is the mean of its fields; the overall score is the mean over all fields of all
documents. Misses are listed so that a regression says exactly what broke.
"""

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

GOLD_DIR = Path(__file__).parent / "tests" / "gold"
FIELDS = (
    "doc_type", "number", "issuer", "place", "date", "title", "year", "phase", "references", "sections",
    "contents", "targets", "deadlines", "assignees", "recipients", "signer", "contact",
    "warnings",
)
TARGET_ATTRS = ("value", "comparator", "is_percent", "scope", "organisation", "measure", "item")


def shared_dir() -> Path | None:
    """The shared corpus and seeds: beside the project (`../shared`), else /work/shared."""
    try:
        from django.conf import settings

        base = Path(settings.BASE_DIR)
    except Exception:  # noqa: BLE001 - used without Django settings too
        base = Path(__file__).resolve().parent.parent
    for candidate in (base.parent / "shared", Path("/work/shared")):
        if (candidate / "corpus").is_dir() and (candidate / "seeds").is_dir():
            return candidate
    return None


def load_gold(directory: Path = GOLD_DIR) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(directory.glob("*.json"))]


# --- normalisation ----------------------------------------------------------------------------

_ABBREV = [
    (r"\bubnd\b", "ủy ban nhân dân"), (r"\bmttq\b", "mặt trận tổ quốc"), (r"\bhđnd\b", "hội đồng nhân dân"),
    (r"\bub\b", "ủy ban"),
]


def norm(s) -> str:
    if s is None:
        return ""
    s = unicodedata.normalize("NFC", str(s)).casefold()
    s = s.replace("uỷ", "ủy").replace("hoà", "hòa").replace("khoá", "khóa").replace("thuỷ", "thủy")
    s = re.sub(r"[“”\"«»„]", '"', s)
    s = re.sub(r"[‘’]", "'", s)
    s = re.sub(r"[–—]", "-", s)
    for rx, full in _ABBREV:
        s = re.sub(rx, full, s)
    s = re.sub(r"\s*-\s*", " - ", s)
    s = " ".join(s.split())
    return s.strip(" .,;:")


def number_key(s) -> str:
    if not s:
        return ""
    s = unicodedata.normalize("NFC", s)
    return re.sub(r"[\s]", "", re.sub(r"[–—]", "-", s)).upper()


# --- per-field scores -------------------------------------------------------------------------


def _lcs(a: list, b: list) -> int:
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def _ratio(credit: float, n_gold: int, n_pred: int) -> float:
    if n_gold == 0 and n_pred == 0:
        return 1.0
    return credit / max(n_gold, n_pred)


def score_references(gold: list[dict], pred: list[dict]) -> float:
    used: set[int] = set()
    credit = 0.0
    for g in gold:
        best, best_k = 0.0, None
        for k, p in enumerate(pred):
            if k in used:
                continue
            if g.get("number"):
                same = number_key(g["number"]) == number_key(p.get("number"))
            else:
                same = not p.get("number") and norm(p.get("text")).startswith(norm(g.get("name")))
            if not same:
                continue
            c = 1.0 if g.get("date") == p.get("date") else 0.5
            if c > best:
                best, best_k = c, k
        if best_k is not None:
            used.add(best_k)
            credit += best
    return _ratio(credit, len(gold), len(pred))


def score_targets(gold: list[dict], pred: list[dict]) -> float:
    used: set[int] = set()
    credit = 0.0
    for g in gold:
        best, best_k = -1.0, None
        for k, p in enumerate(pred):
            if k in used:
                continue
            agree = sum(_same_attr(a, g.get(a), p.get(a)) for a in TARGET_ATTRS) / len(TARGET_ATTRS)
            if g.get("value") != p.get("value"):
                agree = min(agree, 0.5)
            if agree > best:
                best, best_k = agree, k
        if best_k is not None:
            used.add(best_k)
            credit += best
    return _ratio(credit, len(gold), len(pred))


def _same_attr(name, g, p) -> bool:
    if name == "value" and g is not None and p is not None:
        return float(g) == float(p)
    return g == p


def score_warnings(gold: list[str], pred: list[str]) -> float:
    if not gold and not pred:
        return 1.0
    keys = [norm(g) for g in gold]
    texts = [norm(p) for p in pred]
    found = sum(any(k in t for t in texts) for k in keys)
    expected = sum(any(k in t for k in keys) for t in texts)
    recall = found / len(keys) if keys else 1.0
    precision = expected / len(texts) if texts else 1.0
    return 0.0 if recall + precision == 0 else 2 * recall * precision / (recall + precision)


def score_field(name: str, gold, pred) -> float:
    if name in ("doc_type", "date", "year", "phase"):
        return float(gold == pred)
    if name == "number":
        return float(number_key(gold) == number_key(pred))
    if name in ("issuer", "place", "title"):
        return float(norm(gold) == norm(pred))
    if name == "references":
        return score_references(gold, pred or [])
    if name == "sections":
        labels = [s["label"] for s in pred or []]
        return 1.0 if not gold and not labels else 2 * _lcs(gold, labels) / (len(gold) + len(labels))
    if name == "contents":
        g = {(c["number"], tuple(c["ntm"]), tuple(c["dtvm"])) for c in gold}
        p = {(c["number"], tuple(c["criteria"]["ntm"]), tuple(c["criteria"]["dtvm"])) for c in pred or []}
        return 1.0 if not g and not p else 2 * len(g & p) / (len(g) + len(p))
    if name == "targets":
        return score_targets(gold, pred or [])
    if name == "deadlines":
        used: set[int] = set()
        credit = 0.0
        for d in gold:
            for k, p in enumerate(pred or []):
                if k not in used and p.get("date") == d["date"]:
                    used.add(k)
                    credit += 1.0 if p.get("kind") == d.get("kind") else 0.5
                    break
        return _ratio(credit, len(gold), len(pred or []))
    if name == "assignees":
        g = [norm(x) for x in gold]
        p = [norm(x) for x in pred or []]
        return 1.0 if not g and not p else 2 * len(set(g) & set(p)) / (len(g) + len(p))
    if name == "recipients":
        return float(gold == len(pred or []))
    if name == "signer":
        if gold is None or pred is None:
            return float(gold is None and pred is None)
        return sum(norm(gold.get(k)) == norm(pred.get(k)) for k in ("authority", "title", "name")) / 3
    if name == "contact":
        if gold is None or pred is None:
            return float(gold is None and pred is None)
        return sum(norm(gold.get(k)) == norm(pred.get(k)) for k in ("name", "phone", "email")) / 3
    if name == "warnings":
        return score_warnings(gold, pred or [])
    raise KeyError(name)


# --- documents --------------------------------------------------------------------------------


@dataclass
class DocScore:
    source: str
    fields: dict = field(default_factory=dict)
    misses: list = field(default_factory=list)

    @property
    def score(self) -> float:
        return sum(self.fields.values()) / len(self.fields)


def _pred_value(result: dict, name: str):
    if name == "phase":
        return result.get("phase")
    return result.get(name)


def score_document(gold: dict, result: dict) -> DocScore:
    ds = DocScore(gold["source"])
    for name in FIELDS:
        pred = _pred_value(result, name)
        s = score_field(name, gold[name], pred)
        ds.fields[name] = s
        if s < 1:
            ds.misses.append((name, s, gold[name], _short_pred(name, pred)))
    return ds


def _short_pred(name, pred):
    if name == "references":
        return [{"number": p.get("number"), "date": p.get("date"), "text": (p.get("text") or "")[:50]} for p in pred or []]
    if name == "sections":
        return [s["label"] for s in pred or []]
    if name == "targets":
        return [{a: t.get(a) for a in TARGET_ATTRS} for t in pred or []]
    if name == "contents":
        return [(c["number"], c["criteria"]) for c in pred or []]
    if name == "recipients":
        return len(pred or [])
    return pred


def parse_txt(path: Path) -> dict:
    from plans.importer import parse_file

    return parse_file(path)


def run(reader=parse_txt, gold_dir: Path = GOLD_DIR, shared: Path | None = None) -> dict:
    """Score every gold document read through `reader(path) -> result`. Returns a JSON-able dict."""
    shared = shared or shared_dir()
    if shared is None:
        raise FileNotFoundError("the shared corpus (../shared/corpus, ../shared/seeds) is not here")
    docs = []
    for gold in load_gold(gold_dir):
        docs.append(score_document(gold, reader(shared / gold["source"])))
    all_fields = [s for d in docs for s in d.fields.values()]

    def group(prefix):
        vals = [s for d in docs if d.source.startswith(prefix) for s in d.fields.values()]
        return round(sum(vals) / len(vals), 4) if vals else None

    per_field = {name: round(sum(d.fields[name] for d in docs) / len(docs), 4) for name in FIELDS}
    return {
        "overall": round(sum(all_fields) / len(all_fields), 4),
        "corpus": group("corpus/"),
        "seeds": group("seeds/"),
        "documents": {d.source: round(d.score, 4) for d in docs},
        "fields": per_field,
        "misses": [
            {"source": d.source, "field": name, "score": round(s, 3), "expected": g, "got": p}
            for d in docs for name, s, g, p in d.misses
        ],
    }


def format_report(result: dict, misses: bool = True) -> str:
    lines = [f"overall {result['overall']:.4f}   corpus {result['corpus']:.4f}   seeds {result['seeds']:.4f}"]
    for src, s in result["documents"].items():
        lines.append(f"  {s:.3f}  {src}")
    lines.append("fields: " + ", ".join(f"{k} {v:.2f}" for k, v in result["fields"].items()))
    if misses:
        for m in result["misses"]:
            lines.append(f"MISS {m['source']} {m['field']} ({m['score']}): expected {json.dumps(m['expected'], ensure_ascii=False)[:400]}")
            lines.append(f"     got {json.dumps(m['got'], ensure_ascii=False)[:400]}")
    return "\n".join(lines)


def file_reader(fmt: str, directory: Path):
    """A reader that writes each document as a real .docx or .pdf first (plans.importer_files), then imports it."""
    from plans import importer_files
    from plans.importer import parse_file

    def read(path: Path) -> dict:
        text = path.read_text(encoding="utf-8")
        target = directory / (path.stem + "." + fmt)
        made = importer_files.to_docx(text, target) if fmt == "docx" else importer_files.to_pdf(text, target)
        if made is None:
            raise FileNotFoundError("no font with Vietnamese letters to make a PDF")
        return parse_file(made)

    return read


def main(argv=None):
    import tempfile

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--format", choices=("txt", "docx", "pdf"), default="txt", help="read the documents as this kind of file")
    ap.add_argument("--json", help="write the machine-readable result to this file")
    ap.add_argument("--quiet", action="store_true", help="do not list the misses")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        result = run(parse_txt if args.format == "txt" else file_reader(args.format, Path(tmp)))
    print(format_report(result, misses=not args.quiet))
    if args.json:
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
