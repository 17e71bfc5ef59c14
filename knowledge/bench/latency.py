"""`assist bench search`: latency of our engine against a full rapidfuzz scan, in the same run.

The parent process builds the synthetic knowledge base and its index (build_s) and saves it. A
fresh child process then does what a starting sidebar does: import, load the saved index and answer
a first query (load_s); it times every query, reads its own memory (rss_mb), and only then loads
all texts for the baseline, rapidfuzz.process.extract(query, all_texts, scorer=WRatio), which it
runs on a sample of the same queries.
"""

from __future__ import annotations

import time

_CHILD_STARTED = time.perf_counter()

import json  # noqa: E402 - the child's clock starts before its imports, as a sidebar's would
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from knowledge.bench.figures import percentile  # noqa: E402

BASELINE_NAME = "rapidfuzz.process.extract(query, all_texts, scorer=WRatio), full scan"



def run_latency_benchmark(entries: int, queries_per_kind: int = 200,
                          baseline_queries_per_kind: int = 20,
                          log: Callable[[str], None] = lambda _line: None) -> dict[str, Any]:
    from knowledge.bench.synthetic import bench_queries, synthetic_entries
    from knowledge.demo import demo_entries
    from knowledge.search.index import InvertedIndex
    from knowledge.search.normalize import normalize

    log(f"generating {entries:,} synthetic entries from the demo content")
    generated = synthetic_entries(demo_entries(), entries)
    queries = bench_queries(generated, queries_per_kind)
    with tempfile.TemporaryDirectory(prefix="assist-bench-") as work:
        work_dir = Path(work)
        log("building the index")
        started = time.perf_counter()
        index = InvertedIndex.build(entry.to_document() for entry in generated)
        index.save(work_dir / "index")
        build_s = time.perf_counter() - started
        del index
        texts = [normalize(" ".join((e.title, *e.aliases, *e.tags, e.body, e.scenario_answer)))
                 for e in generated]
        (work_dir / "texts.json").write_text(json.dumps(texts, ensure_ascii=False),
                                             encoding="utf-8")
        del texts, generated
        (work_dir / "queries.json").write_text(json.dumps(
            [[q.text, q.kind, q.style] for q in queries], ensure_ascii=False), encoding="utf-8")
        log("timing queries in a fresh process (ours, then the baseline)")
        child = subprocess.run(
            [sys.executable, "-m", "knowledge.bench.latency", str(work_dir),
             str(baseline_queries_per_kind)],
            capture_output=True, text=True, check=False)
        if child.returncode != 0:
            raise RuntimeError(f"benchmark child failed: {child.stderr.strip()[-500:]}")
        measured = json.loads(child.stdout)
    return {"entries": entries, "keyword": measured["keyword"], "sentence": measured["sentence"],
            "baseline": measured["baseline"], "build_s": round(build_s, 2),
            "load_s": measured["load_s"], "rss_mb": measured["rss_mb"]}


def _child(work_dir: Path, baseline_per_kind: int) -> dict[str, Any]:
    import psutil
    from rapidfuzz import fuzz, process

    from knowledge.resources import demo_dir
    from knowledge.search.engine import SearchEngine
    from knowledge.search.index import InvertedIndex
    from knowledge.search.normalize import normalize
    from knowledge.search.synonyms import SynonymTable

    queries = json.loads((work_dir / "queries.json").read_text(encoding="utf-8"))
    synonyms_path = demo_dir() / "synonyms.yaml"
    synonyms = SynonymTable.load(synonyms_path) if synonyms_path.exists() else SynonymTable()
    engine = SearchEngine(InvertedIndex.load(work_dir / "index"), synonyms)
    engine.search(queries[0][0])
    load_s = time.perf_counter() - _CHILD_STARTED

    timings: dict[str, list[float]] = {"keyword": [], "sentence": []}
    for text, kind, _style in queries:
        started = time.perf_counter()
        engine.search(text, limit=10)
        timings[kind].append((time.perf_counter() - started) * 1000)
    rss_mb = psutil.Process().memory_info().rss / 2**20

    texts = json.loads((work_dir / "texts.json").read_text(encoding="utf-8"))
    baseline: dict[str, list[float]] = {"keyword": [], "sentence": []}
    for kind in baseline:
        sample = [q for q in queries if q[1] == kind]
        step = max(1, len(sample) // baseline_per_kind)
        for text, _kind, _style in sample[::step][:baseline_per_kind]:
            started = time.perf_counter()
            process.extract(normalize(text), texts, scorer=fuzz.WRatio, limit=10)
            baseline[kind].append((time.perf_counter() - started) * 1000)

    def summary(values: list[float]) -> dict[str, float]:
        return {"p50_ms": round(percentile(values, 0.5), 3),
                "p95_ms": round(percentile(values, 0.95), 3)}

    return {
        "keyword": summary(timings["keyword"]),
        "sentence": summary(timings["sentence"]),
        "baseline": {"name": BASELINE_NAME,
                     "keyword_p95_ms": round(percentile(baseline["keyword"], 0.95), 1),
                     "sentence_p95_ms": round(percentile(baseline["sentence"], 0.95), 1)},
        "load_s": round(load_s, 3),
        "rss_mb": round(rss_mb, 1),
    }


if __name__ == "__main__":
    print(json.dumps(_child(Path(sys.argv[1]), int(sys.argv[2]))))
