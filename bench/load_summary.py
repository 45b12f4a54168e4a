"""Summarise one `bench/load_run.sh` run as JSON (the fields of bench/load.json): requests, errors, p50/p95/p99 of
all requests (locust's aggregated row), requests per second, RSS per gunicorn worker (median of the samples),
the load average seen, replication lag when the run used a replica, and the five slowest pages by p95.

    python bench/load_summary.py bench/out > bench/out/summary.json
"""

import csv
import json
import statistics
import sys
from pathlib import Path


def main(out: Path):
    with open(out / "load_stats.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    pages = sorted((r for r in rows if r["Name"] != "Aggregated"), key=lambda r: -float(r["95%"] or 0))
    rss, loads, lag_bytes, lag_seconds = [], [], [], []
    for line in (out / "load-sample.log").read_text().splitlines():
        parts = line.split()
        if len(parts) > 2 and parts[1] == "load":
            loads.append(float(parts[2]))
            rss += [int(x) / 1024 for x in parts[parts.index("rss_kb") + 1:]]
        elif len(parts) > 2 and parts[1] == "lag":
            fields = parts[2].split("|")  # application|state|bytes|seconds
            if len(fields) == 4:
                lag_bytes.append(int(float(fields[2] or 0)))
                lag_seconds.append(float(fields[3] or 0))
    summary = {
        "requests": int(total["Request Count"]),
        "errors": int(total["Failure Count"]),
        "p50_ms": float(total["50%"]),
        "p95_ms": float(total["95%"]),
        "p99_ms": float(total["99%"]),
        "requests_per_s": round(float(total["Requests/s"]), 1),
        "rss_mb_per_worker": round(statistics.median(rss)) if rss else None,
        "load_average_max": max(loads) if loads else None,
        "slowest_p95": [{"name": r["Name"], "p50_ms": float(r["50%"]), "p95_ms": float(r["95%"]),
                         "requests": int(r["Request Count"])} for r in pages[:5]],
    }
    if lag_bytes:
        summary["replica_lag_max_bytes"] = max(lag_bytes)
        summary["replica_lag_max_s"] = max(lag_seconds)
    print(json.dumps(summary, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "bench/out"))
