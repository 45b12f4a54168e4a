"""Plan importer benchmark: the field-level score on the shared corpus and seeds (as .txt, .docx and .pdf)
and the speed and memory of a 30-page Word plan. Writes bench/import-score.json.

    .venv/bin/python bench/import_score.py            # all of it (about a minute)
"""

import json
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doanket.settings")

import django  # noqa: E402

django.setup()

from plans import importer_files, importer_score  # noqa: E402
from plans.importer import parse_file  # noqa: E402


def main():
    out = {"when": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "python": platform.python_version(),
           "load_average": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for fmt in ("txt", "docx", "pdf"):
            reader = importer_score.parse_txt if fmt == "txt" else importer_score.file_reader(fmt, tmp)
            result = importer_score.run(reader)
            out[fmt] = {k: result[k] for k in ("overall", "corpus", "seeds", "documents", "fields")}
            out[fmt]["misses"] = result["misses"]
            print(f"{fmt}: overall {result['overall']:.4f} corpus {result['corpus']:.4f} seeds {result['seeds']:.4f}")
        speed = {}
        for pages in (15, 30, 60):
            path = importer_files.long_docx(tmp / f"plan-{pages}.docx", pages=pages)
            runs = []
            for _ in range(3):
                start = time.perf_counter()
                result = parse_file(path)
                runs.append(time.perf_counter() - start)
            tracemalloc.start()
            parse_file(path)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            speed[pages] = {"seconds_median": round(statistics.median(runs), 3), "python_peak_mb": round(peak / 2**20, 1),
                            "bytes": path.stat().st_size, "targets": len(result["targets"])}
            print(f"{pages} pages: {speed[pages]}")
        out["docx_speed"] = speed
        out["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    (ROOT / "bench" / "import-score.json").write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"max RSS of the whole run: {out['max_rss_mb']} MB")


if __name__ == "__main__":
    main()
