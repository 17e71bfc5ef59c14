from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from assist.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_search_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "tuikuan", "--json", "--limit", "3")
    hits = json.loads(out)
    assert code == 0 and 1 <= len(hits) <= 3
    for hit in hits:
        assert list(hit) == ["id", "kind", "title", "score", "snippet"]
        assert hit["kind"] in ("faq", "script")
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_search_batch_one_line_per_query_in_order(capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("退款\n\nrefund\n😀\n"))
    code, out, _ = run(capsys, "search", "--batch", "--limit", "2")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 4
    arrays = [json.loads(line) for line in lines]
    assert arrays[1] == [] and arrays[3] == []
    assert arrays[0] and arrays[2] and arrays[2][0]["id"].endswith(".en")
    single = json.loads(run(capsys, "search", "退款", "--json", "--limit", "2")[1])
    assert single == arrays[0]


def test_import_error_is_one_line_and_stores_nothing(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"id": "new-1", "title": "新问题", "body": "新答案"}) + "\n", "utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "new-2", "title": "好", "body": "好"}) + "\n{oops\n", "utf-8")
    code, out, err = run(capsys, "kb", "import", str(good), str(bad))
    assert code == 1
    assert f"{bad}:2: invalid JSON" in err and "Traceback" not in err
    assert "1 created" in out
    assert json.loads(run(capsys, "search", "新问题", "--json")[1])[0]["id"] == "new-1"
    assert all(h["id"] != "new-2" for h in json.loads(run(capsys, "search", "好", "--json")[1]))


def test_export_writes_every_entry(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   isolated: Path) -> None:
    target = tmp_path / "all.jsonl"
    code, _out, _ = run(capsys, "kb", "export", str(target))
    assert code == 0
    assert len(target.read_text("utf-8").splitlines()) >= 160
    # Exporting reads the store only; it has no reason to build a search index.
    assert not (isolated / "search-index").exists()
    code, _, err = run(capsys, "kb", "export", str(tmp_path / "all.docx"))
    assert code == 1 and "unknown file type" in err


def test_usage_errors_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "search", "x", "--limit", "0")
    assert code == 1 and err.count("\n") == 1
    with pytest.raises(SystemExit) as caught:
        main(["search", "--limit", "many"])
    assert caught.value.code == 2


def test_data_dir_option_moves_the_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                         ) -> None:
    target = tmp_path / "elsewhere"
    assert run(capsys, "--data-dir", str(target), "search", "退款")[0] == 0
    assert (target / "knowledge.sqlite3").exists() and (target / "search-index").is_dir()


def test_no_display_says_how_to_run_under_xvfb(monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    code, _, err = run(capsys)
    assert code == 1 and "xvfb-run" in err and err.count("\n") == 1


def test_bench_search_prints_the_contract_keys(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "bench", "search", "--entries", "400", "--queries", "10",
                       "--baseline-queries", "2", "--json")
    result = json.loads(out)
    assert code == 0
    assert list(result) == ["entries", "keyword", "sentence", "baseline", "build_s", "load_s",
                            "rss_mb"]
    assert list(result["keyword"]) == ["p50_ms", "p95_ms"]
    assert list(result["baseline"]) == ["name", "keyword_p95_ms", "sentence_p95_ms"]
    assert result["entries"] == 400 and result["baseline"]["keyword_p95_ms"] > 0


def test_scripts_validate_names_each_problem_without_traceback(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("id: x\na: &a [1, 1]\nb: [*a, *a]\n", encoding="utf-8")
    dangling = tmp_path / "dangling.yaml"
    source = Path(__file__).parent.parent / "resources" / "scripts" / "system-outage.yaml"
    dangling.write_text(source.read_text(encoding="utf-8").replace("next: ", "next: nowhere_", 1),
                        encoding="utf-8")
    code, out, err = run(capsys, "scripts", "validate", str(bomb), str(dangling))
    assert code == 1 and "Traceback" not in err
    assert "bomb.yaml" in err and "aliases" in err
    assert "dangling.yaml" in err and "nowhere_" in err
    code, out, _ = run(capsys, "scripts", "validate", str(source))
    assert code == 0 and "1 script(s) valid" in out


def test_scripts_list_and_show(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "scripts", "list")
    assert code == 0 and "refund-not-received" in out and "builtin" in out
    code, out, _ = run(capsys, "scripts", "show", "refund-not-received", "--lang", "en")
    assert code == 0 and "Refund" in out and "【" in out  # unfilled placeholders show as slots
    # Checklist items and branch labels go through the same rendering as lines to say.
    assert "{" not in out and "【refund.method】" in out
    code, _, err = run(capsys, "scripts", "show", "no-such-script")
    assert code == 1 and "no script" in err


def test_usage_report_and_prune(capsys: pytest.CaptureFixture[str], isolated: Path) -> None:
    from knowledge.store import KnowledgeStore
    from knowledge.usage import UsageLog

    code, out, _ = run(capsys, "usage", "--json")
    assert code == 0 and json.loads(out)["totals"] == {"opened": 0, "copied": 0, "missed": 0}
    store = KnowledgeStore.open(isolated)
    entry = store.entries()[0]
    script_id = store.scripts()[0].id
    log = UsageLog(store)
    log.opened("faq", entry.id, "tuikuan")
    log.opened("faq", entry.id)
    log.opened("script", f"script:{script_id}")
    log.opened("faq", "deleted-since")
    log.copied("faq", entry.id, "body")
    log.missed("退钱 13812345678")
    store.close()

    code, out, _ = run(capsys, "usage", "--json", "--days", "7")
    report = json.loads(out)
    assert code == 0 and report["days"] == 7
    assert report["totals"] == {"opened": 4, "copied": 1, "missed": 1}
    assert report["opened"][0] == {"id": entry.id, "kind": "faq", "title": entry.title, "count": 2}
    titles = {item["id"]: item["title"] for item in report["opened"]}
    assert titles["deleted-since"] is None and titles[f"script:{script_id}"]
    assert report["copied"] == [{"id": entry.id, "kind": "faq", "title": entry.title, "count": 1,
                                 "parts": {"body": 1}}]
    assert [(miss["query"], miss["count"]) for miss in report["missed"]] == [("退钱 #", 1)]
    assert report["missed"][0]["last"] is not None
    assert "13812345678" not in out

    code, out, _ = run(capsys, "usage")
    assert code == 0
    assert "4 opened, 1 copied, 1 missed searches" in out
    assert f"2  faq    {entry.title}  ({entry.id})" in out
    assert "(no longer in the store)  (deleted-since)" in out and "[body 1]" in out
    assert "1  退钱 #" in out

    code, _, err = run(capsys, "usage", "--days", "0")
    assert code == 1 and err.count("\n") == 1 and "--days" in err
    code, out, _ = run(capsys, "usage", "prune", "--keep-days", "0")
    assert code == 0 and out.startswith("deleted 6 usage event(s)")
    assert json.loads(run(capsys, "usage", "--json")[1])["opened"] == []


def test_usage_error_is_one_line(capsys: pytest.CaptureFixture[str], isolated: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from knowledge.usage import UsageLog, UsageLogError

    def fail(*_args: object, **_kwargs: object) -> None:
        raise UsageLogError("cannot read the usage log in /x/knowledge.sqlite3: database is locked")

    monkeypatch.setattr(UsageLog, "report", fail)
    code, out, err = run(capsys, "usage")
    assert code == 1 and out == ""
    assert err == "assist: cannot read the usage log in /x/knowledge.sqlite3: database is locked\n"
