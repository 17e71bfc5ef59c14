"""Relevance: top-1, top-5 and MRR@10 per query kind, for our engine beside two baselines.

Baselines, run on the same entries and queries:
  rapidfuzz  a full scan with rapidfuzz.process.extract(query, all_texts, scorer=WRatio)
  fts5       SQLite FTS5 with the trigram tokenizer, ranked by bm25 with field weights like ours
Query sets live under benchmarks/relevance: the demo set (labelled over our demo content) and a
held-out set in another domain, written without looking at the engine, to check that nothing is
tuned to our own content.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from knowledge.demo import demo_entries
from knowledge.entries import FaqEntryData
from knowledge.importing import read_entries
from knowledge.resources import demo_dir, resources_dir
from knowledge.search.engine import SearchEngine
from knowledge.search.index import InvertedIndex
from knowledge.search.normalize import normalize
from knowledge.search.synonyms import SynonymTable

RANK_DEPTH = 10
SYSTEMS = ("ours", "rapidfuzz", "fts5")
Ranker = Callable[[str], list[str]]


@dataclass(frozen=True)
class LabelledQuery:
    query: str
    kind: str
    relevant: frozenset[str]


def benchmarks_dir() -> Path:
    return resources_dir().parent / "benchmarks" / "relevance"


def load_queries(paths: list[Path]) -> list[LabelledQuery]:
    queries: list[LabelledQuery] = []
    for path in paths:
        for line_number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            raw = json.loads(line)
            if not raw.get("relevant"):
                raise ValueError(f"{path}:{line_number}: no relevant ids")
            queries.append(LabelledQuery(raw["query"], raw["kind"], frozenset(raw["relevant"])))
    return queries


def query_sets(name: str) -> dict[str, tuple[list[FaqEntryData], list[LabelledQuery]]]:
    root = benchmarks_dir()
    sets: dict[str, tuple[list[FaqEntryData], list[LabelledQuery]]] = {}
    if name in ("demo", "all"):
        sets["demo"] = (demo_entries(), load_queries(sorted(root.glob("demo_queries*.jsonl"))))
    if name in ("heldout", "all"):
        held = root / "heldout"
        sets["heldout"] = (read_entries(held / "faq.jsonl"), load_queries([held / "queries.jsonl"]))
    if not sets:
        raise ValueError(f"unknown query set {name!r}: use demo, heldout or all")
    return sets


def _check_labels(entries: list[FaqEntryData], queries: list[LabelledQuery]) -> None:
    known = {entry.id for entry in entries}
    for labelled in queries:
        missing = labelled.relevant - known
        if missing:
            raise ValueError(f"query {labelled.query!r} names unknown entries {sorted(missing)}")


def ours(entries: list[FaqEntryData]) -> Ranker:
    synonyms_path = demo_dir() / "synonyms.yaml"
    synonyms = SynonymTable.load(synonyms_path) if synonyms_path.exists() else SynonymTable()
    engine = SearchEngine(InvertedIndex.build(e.to_document() for e in entries), synonyms)
    return lambda query: [hit.doc_id for hit in engine.search(query, limit=RANK_DEPTH)]


def _flat_text(entry: FaqEntryData) -> str:
    return normalize(" ".join((entry.title, *entry.aliases, *entry.tags, entry.body,
                               entry.scenario_answer)))


def rapidfuzz_baseline(entries: list[FaqEntryData]) -> Ranker:
    texts = [_flat_text(entry) for entry in entries]
    ids = [entry.id for entry in entries]

    def rank(query: str) -> list[str]:
        matches = process.extract(normalize(query), texts, scorer=fuzz.WRatio, limit=RANK_DEPTH)
        return [ids[position] for _, _, position in matches]

    return rank


def fts5_baseline(entries: list[FaqEntryData]) -> Ranker:
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE docs USING fts5(title, aliases, tags, body, extra, "
                       "tokenize='trigram')")
    connection.executemany(
        "INSERT INTO docs(rowid, title, aliases, tags, body, extra) VALUES (?, ?, ?, ?, ?, ?)",
        [(n, normalize(e.title), normalize(" ".join(e.aliases)), normalize(" ".join(e.tags)),
          normalize(e.body), normalize(e.scenario_answer)) for n, e in enumerate(entries)])
    ids = [entry.id for entry in entries]

    def rank(query: str) -> list[str]:
        tokens = normalize(query).split()
        grams = sorted({t[i: i + 3] for t in tokens for i in range(len(t) - 2)})
        if grams:
            expression = " OR ".join('"' + g.replace('"', '""') + '"' for g in grams)
            rows = connection.execute(
                "SELECT rowid FROM docs WHERE docs MATCH ? "
                "ORDER BY bm25(docs, 3.0, 2.6, 2.0, 1.0, 0.8) LIMIT ?",
                (expression, RANK_DEPTH)).fetchall()
        elif tokens:
            # Trigrams need three characters; shorter words fall back to a substring scan.
            condition = " AND ".join(["(title || ' ' || aliases || ' ' || tags || ' ' || body || "
                                      "' ' || extra) LIKE ?"] * len(tokens))
            rows = connection.execute(f"SELECT rowid FROM docs WHERE {condition} LIMIT ?",
                                      [*(f"%{t}%" for t in tokens), RANK_DEPTH]).fetchall()
        else:
            rows = []
        return [ids[row[0]] for row in rows]

    return rank


def _score(ranked: list[str], relevant: frozenset[str]) -> tuple[float, float, float]:
    for rank, doc_id in enumerate(ranked[:RANK_DEPTH], 1):
        if doc_id in relevant:
            return (1.0 if rank == 1 else 0.0, 1.0 if rank <= 5 else 0.0, 1.0 / rank)
    return (0.0, 0.0, 0.0)


def evaluate(entries: list[FaqEntryData], queries: list[LabelledQuery]) -> dict[str, Any]:
    _check_labels(entries, queries)
    rankers = {"ours": ours(entries), "rapidfuzz": rapidfuzz_baseline(entries),
               "fts5": fts5_baseline(entries)}
    sums: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    counts: dict[str, int] = defaultdict(int)
    misses: list[dict[str, Any]] = []
    for labelled in queries:
        counts[labelled.kind] += 1
        counts["all"] += 1
        for system, ranker in rankers.items():
            ranked = ranker(labelled.query)
            top1, top5, reciprocal = _score(ranked, labelled.relevant)
            for kind in (labelled.kind, "all"):
                total = sums[kind][system]
                total[0] += top1
                total[1] += top5
                total[2] += reciprocal
            if system == "ours" and not top1:
                misses.append({"query": labelled.query, "kind": labelled.kind,
                               "expected": sorted(labelled.relevant), "got": ranked[:3]})
    kinds = [*sorted(k for k in counts if k != "all"), "all"]
    table = {kind: {"queries": counts[kind], **{
        system: {"top1": round(sums[kind][system][0] / counts[kind], 3),
                 "top5": round(sums[kind][system][1] / counts[kind], 3),
                 "mrr10": round(sums[kind][system][2] / counts[kind], 3)}
        for system in SYSTEMS}} for kind in kinds}
    return {"entries": len(entries), "queries": len(queries), "kinds": table, "misses": misses}


def run_relevance(name: str = "all") -> dict[str, Any]:
    return {set_name: evaluate(entries, queries)
            for set_name, (entries, queries) in query_sets(name).items()}


def format_table(report: dict[str, Any]) -> str:
    lines: list[str] = []
    for set_name, result in report.items():
        lines.append(f"\n{set_name}: {result['entries']} entries, {result['queries']} queries")
        header = f"{'kind':<12}{'n':>4} |" + "|".join(f" {s:<9} top1  top5  mrr " for s in SYSTEMS)
        lines += [header, "-" * len(header)]
        for kind, row in result["kinds"].items():
            cells = "|".join(
                f" {'':<9}{row[s]['top1']:>5.2f} {row[s]['top5']:>5.2f} {row[s]['mrr10']:>5.2f} "
                for s in SYSTEMS)
            lines.append(f"{kind:<12}{row['queries']:>4} |{cells}")
        beaten = [kind for kind, row in result["kinds"].items()
                  if any(row["ours"]["mrr10"] <= row[s]["mrr10"] for s in SYSTEMS[1:])]
        lines.append("ours beats both baselines on MRR@10 in every kind" if not beaten else
                     f"NOT ahead of both baselines in: {', '.join(beaten)}")
    return "\n".join(lines)
