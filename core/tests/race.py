"""Run the same work in n real threads, each in its own database connection, started together.

Every thread's outcome is returned, so a test asserts all of them: ("ok", value), ("refused", exc) for the
refusals the test names (ValidationError by default), ("error", exc) for anything else — a deadlock, an
IntegrityError, a crash. A thread that dies silently cannot make a test pass.
"""

import threading

from django.core.exceptions import ValidationError
from django.db import connections


def race(n, work, refusals=(ValidationError,), timeout=60):
    barrier = threading.Barrier(n)
    results = [None] * n

    def run(i):
        try:
            barrier.wait(timeout)
            results[i] = ("ok", work(i))
        except refusals as exc:
            results[i] = ("refused", exc)
        except BaseException as exc:  # noqa: BLE001 - every outcome is reported
            results[i] = ("error", exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout)
    hung = [i for i, t in enumerate(threads) if t.is_alive()]
    assert not hung, f"luồng {hung} chưa xong sau {timeout} giây (kẹt khóa?)"
    assert None not in results, "có luồng không báo kết quả"
    return results


def outcomes(results):
    """{"ok": n, "refused": n, "error": n} and the errors, for one assertion message."""
    counts = {"ok": 0, "refused": 0, "error": 0}
    for kind, _ in results:
        counts[kind] += 1
    return counts, [repr(value) for kind, value in results if kind == "error"]
