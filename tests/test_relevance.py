"""Relevance guard: our engine stays ahead of both baselines, kind by kind, on both query sets."""

import pytest

from knowledge.bench.relevance import SYSTEMS, run_relevance


@pytest.mark.slow
def test_ours_beats_both_baselines_in_every_kind() -> None:
    report = run_relevance("all")
    assert report["demo"]["queries"] >= 200
    for set_name, result in report.items():
        for kind, row in result["kinds"].items():
            for baseline in SYSTEMS[1:]:
                assert row["ours"]["mrr10"] > row[baseline]["mrr10"], (set_name, kind, baseline)
