from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge.entries import entry_from_mapping
from knowledge.exporting import export_entries
from knowledge.importing import ImportFileError, read_entries
from knowledge.store import KnowledgeStore

GOOD = {"id": "refund-eta", "title": "退款多久到账", "body": "审核后1到3个工作日到账。",
        "scenario_answer": "客户等了五天：先致歉，再查进度。", "aliases": ["钱呢", "退款到哪了"],
        "tags": ["退款"], "category": "returns-refunds", "lang": "zh-Hans"}


def write_jsonl(path: Path, rows: list[object]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


@pytest.mark.parametrize("suffix", [".jsonl", ".json", ".csv", ".yaml"])
def test_export_then_import_round_trips(tmp_path: Path, suffix: str) -> None:
    store = KnowledgeStore.open(tmp_path / "a")
    entries = [entry_from_mapping(GOOD), entry_from_mapping(
        {"title": "How do I change my address?", "body": "Open My Orders.",
         "tags": ["address", "orders"], "verify_by": "2027-03-31"})]
    store.upsert(entries)
    target = tmp_path / f"out{suffix}"
    export_entries(store.entries(), target)
    again = read_entries(target)
    assert [e.content_key() for e in again] == [e.content_key() for e in store.entries()]
    other = KnowledgeStore.open(tmp_path / "b")
    assert other.upsert(again).created == 2


def test_id_is_made_from_the_title_when_absent() -> None:
    entry = entry_from_mapping({"title": "退款多久到账", "body": "x"})
    assert entry.id.startswith("tui-kuan-duo-jiu-dao-zhang-")
    assert entry.lang == "zh-Hans"
    assert entry_from_mapping({"title": "退款多久到帳", "body": "x"}).lang == "zh-Hant"


def expect_error(path: Path, line: int | None, field: str | None, words: str) -> None:
    with pytest.raises(ImportFileError) as caught:
        read_entries(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}:{line}" if line else str(path))
    if field:
        assert f": {field}: " in message
    assert words in message


def test_bad_json_on_line_37(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "kb.jsonl", [dict(GOOD, id=f"e{n}") for n in range(40)])
    lines = path.read_text("utf-8").splitlines()
    lines[36] = lines[36][:-5]
    path.write_text("\n".join(lines), "utf-8")
    expect_error(path, 37, None, "invalid JSON")


def test_missing_title_wrong_type_unknown_field(tmp_path: Path) -> None:
    no_title = {k: v for k, v in GOOD.items() if k != "title"}
    expect_error(write_jsonl(tmp_path / "a.jsonl", [GOOD, no_title]), 2, "title", "required")
    expect_error(write_jsonl(tmp_path / "b.jsonl", [dict(GOOD, aliases="钱呢")]), 1, "aliases",
                 "list")
    expect_error(write_jsonl(tmp_path / "c.jsonl", [dict(GOOD, tittle="x")]), 1, "tittle",
                 "not a field")
    expect_error(write_jsonl(tmp_path / "d.jsonl", [dict(GOOD, verify_by="next week")]), 1,
                 "verify_by", "not a date")
    expect_error(write_jsonl(tmp_path / "e.jsonl", [GOOD, GOOD]), 2, "id", "already appears")
    expect_error(write_jsonl(tmp_path / "f.jsonl", [dict(GOOD, body="a\x00b")]), 1, "body",
                 "control character")
    expect_error(write_jsonl(tmp_path / "g.jsonl", [[1, 2]]), 1, "entry", "expected an object")


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "kb.jsonl", [GOOD, dict(GOOD, id="x")])
    path.write_bytes(path.read_bytes().replace("钱呢".encode(), b"\xff\xfe", 2))
    expect_error(path, 1, None, "invalid UTF-8")


def test_a_2gb_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.jsonl"
    with path.open("wb") as handle:
        handle.truncate(2 * 1024**3)  # sparse: instant, takes no disk
    expect_error(path, None, None, "2.0 GB")


def test_other_formats_report_lines(tmp_path: Path) -> None:
    csv_path = tmp_path / "kb.csv"
    csv_path.write_text("id,title,body,aliases\na,退款,正文,钱呢|退钱\nb,,正文,\n", "utf-8")
    expect_error(csv_path, 3, "title", "required")
    yaml_path = tmp_path / "kb.yaml"
    yaml_path.write_text("- title: 退款\n  body: 正文\n- title: 换货\n  body: [1, 2]\n", "utf-8")
    expect_error(yaml_path, 3, "body", "expected text")
    json_path = tmp_path / "kb.json"
    json_path.write_text('[\n {"title": "a", "body": "b"},\n {"title": "c"}\n]', "utf-8")
    expect_error(json_path, 3, "body", "required")
    expect_error(tmp_path / "kb.txt", None, None, "unknown file type")


def test_yaml_bombs_duplicates_and_deep_nesting_are_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("- &a {id: a, title: 退款, body: 正文}\n- *a\n", encoding="utf-8")
    expect_error(bomb, 1, None, "anchors (&) and aliases (*) are not allowed")
    twice = tmp_path / "twice.yaml"
    twice.write_text("- id: a\n  title: 退款\n  title: 退货\n  body: 正文\n", encoding="utf-8")
    expect_error(twice, 3, None, "duplicate key 'title'")
    deep = tmp_path / "deep.yaml"
    deep.write_text("[" * 5_000, encoding="utf-8")
    expect_error(deep, 1, None, "nested more than")


def test_json_object_form_finds_its_entries_key_not_an_earlier_mention(tmp_path: Path) -> None:
    path = tmp_path / "kb.json"
    path.write_text('{"about": {"entries": 2, "tags": ["sample"]},\n "entries": [\n'
                    + json.dumps(GOOD, ensure_ascii=False) + ',\n'
                    + json.dumps(dict(GOOD, id="second", title=""), ensure_ascii=False) + "\n]}",
                    encoding="utf-8")
    expect_error(path, 4, "title", "required")
    path.write_text('{"entries": "not a list"}', encoding="utf-8")
    expect_error(path, 1, None, "expected a list of entries")


def test_csv_lists_are_pipe_separated(tmp_path: Path) -> None:
    path = tmp_path / "kb.csv"
    path.write_text("title,body,aliases,tags\n退款,正文,钱呢| 退钱 ,退款\n", "utf-8")
    (entry,) = read_entries(path)
    assert entry.aliases == ("钱呢", "退钱") and entry.tags == ("退款",)


def test_upsert_versions_only_real_changes(tmp_path: Path) -> None:
    store = KnowledgeStore.open(tmp_path)
    entry = entry_from_mapping(GOOD)
    assert store.upsert([entry]).created == 1
    generation = store.generation()
    assert store.upsert([entry]).unchanged == 1
    assert store.generation() == generation
    changed = entry_from_mapping(dict(GOOD, body="新的答案"))
    assert store.upsert([changed]).updated == 1
    stored = store.get("refund-eta")
    assert stored is not None and stored.version == 2 and stored.body == "新的答案"
    assert [e.id for e in store.changed_since(generation)] == ["refund-eta"]
