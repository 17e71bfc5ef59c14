"""`assist bench publish`: from a reviewer's approval to agents finding the new text, at N entries.

A store of N synthetic entries (grown from the demo content) with its search index loaded, as a running
sidebar has it. Then, again and again, an editor changes an entry's answer, submits it, a reviewer
approves it (approve_ms: checks, lint, the compare-and-set write and the history row), and the search
folds the change in (refresh_ms: KnowledgeSearch.refresh, incremental); each round checks that a query
for the new text finds that entry first.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from knowledge.bench.figures import percentile

GOAL_REFRESH_MS = 100.0



def _publishable(editing: Any, entries: list[Any], rng: random.Random) -> Any:
    """A random entry that would pass review as it is: the synthetic mixing of sentences can cut a
    placeholder in two, which the lint rightly refuses to publish."""
    from knowledge.editing import entry_fields

    for _ in range(200):
        entry = rng.choice(entries)
        if not any(finding.is_error for finding in editing.lint(entry.id, entry_fields(entry))[1]):
            return entry
    raise RuntimeError("no publishable entry found among 200 tries")


def run_publish_benchmark(entries: int, rounds: int = 30,
                          log: Callable[[str], None] = lambda _line: None) -> dict[str, Any]:
    from knowledge.bench.synthetic import synthetic_entries
    from knowledge.demo import demo_entries
    from knowledge.editing import Editing
    from knowledge.search.service import KnowledgeSearch
    from knowledge.store import KnowledgeStore

    with tempfile.TemporaryDirectory(prefix="assist-bench-publish-") as work:
        data_dir = Path(work)
        store = KnowledgeStore.open(data_dir)
        generated = synthetic_entries(demo_entries(), entries)
        log(f"importing {len(generated):,} entries")
        for start in range(0, len(generated), 5000):
            store.upsert(generated[start:start + 5000])
        log("building the search index")
        search = KnowledgeSearch(store, data_dir)
        editing = Editing(store)
        rng = random.Random(5)
        chinese = [entry for entry in generated if entry.lang == "zh-Hans"]
        approve_ms: list[float] = []
        refresh_ms: list[float] = []
        found = 0
        for round_number in range(rounds):
            entry = _publishable(editing, chinese, rng)
            marker = f"第{round_number}号基准改写说明"
            draft = editing.start(entry.id, "bench-editor")
            editing.save(entry.id, "bench-editor", {**draft.data, "body": f"{marker}。{entry.body}"})
            editing.submit(entry.id, "bench-editor")
            started = time.perf_counter()
            editing.approve(entry.id, "bench-editor", "bench-reviewer")
            approved = time.perf_counter()
            search.refresh()
            refreshed = time.perf_counter()
            approve_ms.append((approved - started) * 1000)
            refresh_ms.append((refreshed - approved) * 1000)
            hits = search.search(marker, limit=3)
            found += bool(hits) and hits[0].doc_id == entry.id
        search.engine.index.close()
        store.close()
    return {"entries": len(generated), "rounds": rounds,
            "approve_p50_ms": round(statistics.median(approve_ms), 1),
            "approve_p95_ms": round(percentile(approve_ms, 0.95), 1),
            "refresh_p50_ms": round(statistics.median(refresh_ms), 1),
            "refresh_p95_ms": round(percentile(refresh_ms, 0.95), 1),
            "found_first": f"{found}/{rounds}", "goal_refresh_ms": GOAL_REFRESH_MS,
            "met": percentile(refresh_ms, 0.95) <= GOAL_REFRESH_MS and found == rounds}
