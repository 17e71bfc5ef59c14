"""Script files are read safely: hostile or broken input fails fast with a message naming the spot."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from scripts_lib import (
    MAX_SCRIPT_BYTES,
    ScriptError,
    load_script_dir,
    load_script_file,
    load_valid_script,
    parse_script,
)
from tests.scripts_lib.sample import parsed, sample, step_of, to_yaml

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def message(text: str | bytes, source: str = "demo.yaml") -> str:
    with pytest.raises(ScriptError) as caught:
        parse_script(text, source)
    return str(caught.value)


def test_a_valid_file_builds_every_field() -> None:
    script = parse_script(to_yaml(sample()).encode("utf-8"), "demo.yaml")
    assert (script.id, script.category, script.start, script.source) == (
        "demo-refund", "returns-refunds", "greet", "demo.yaml")
    assert script.title.get("en") == "Refund progress"
    assert script.tags == {"zh-Hans": ("退款", "进度"), "en": ("refund", "progress")}
    assert script.triggers.flags == ("vip",)
    assert script.triggers.keywords["en"] == ("where is my money",)
    greet = script.step("greet")
    assert [b.next for b in greet.branches] == ["explain", "escalate"]
    assert greet.do[0].get("zh-Hans") == "核对来电卡片"
    assert script.step("escalate").escalation and script.step("escalate").end
    assert script.step("explain").next == "close"


def test_start_defaults_to_the_first_step() -> None:
    data = sample()
    del data["start"]
    assert parsed(data).start == "greet"


def test_alias_bomb_is_refused_at_once() -> None:
    began = time.perf_counter()
    text = message(BILLION_LAUGHS, "bomb.yaml")
    assert time.perf_counter() - began < 0.5
    assert text == ("bomb.yaml: line 1: anchors (&) and aliases (*) are not allowed in scripts; "
                    "write the text out in full")


def test_an_alias_without_anchor_is_refused_too() -> None:
    assert "aliases (*) are not allowed" in message("id: *nothing\n")


def test_invalid_utf8_is_refused() -> None:
    raw = to_yaml(sample()).encode("utf-8").replace("退款".encode(), b"\xff\xfe", 1)
    assert message(raw) == "demo.yaml: line 3: not valid UTF-8 (byte 34); save the file as UTF-8"


def test_a_utf8_byte_order_mark_is_accepted() -> None:
    assert parse_script(b"\xef\xbb\xbf" + to_yaml(sample()).encode("utf-8"), "bom.yaml").id == "demo-refund"


@pytest.mark.parametrize("as_bytes", [False, True])
def test_a_huge_document_is_refused_before_parsing(as_bytes: bool) -> None:
    huge = "id: x\ntitle: {en: " + "a" * MAX_SCRIPT_BYTES + "}\n"
    began = time.perf_counter()
    text = message(huge.encode("utf-8") if as_bytes else huge)
    assert time.perf_counter() - began < 0.5
    assert text == "demo.yaml: larger than 1,000,000 bytes; a script is a few kilobytes"


def test_size_counts_utf8_bytes_not_characters() -> None:
    # 400k Chinese characters are 1.2 MB of UTF-8.
    assert "larger than" in message("id: x\ntitle: {zh-Hans: " + "退" * 400_000 + "}\n")


def test_a_huge_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"# " + b"x" * (MAX_SCRIPT_BYTES + 10))
    with pytest.raises(ScriptError, match=r"^big\.yaml: larger than"):
        load_script_file(path)


def test_deep_nesting_is_refused() -> None:
    assert message("[" * 5_000 + "]" * 5_000) == "demo.yaml: line 1: nested more than 64 levels deep"


def test_bad_yaml_names_line_and_column() -> None:
    assert message("id: demo\ntitle: {en: [oops}\n") == (
        "demo.yaml: line 2, column 18: invalid YAML: while parsing a flow sequence: expected ',' or ']', "
        "but got '}'")


def test_duplicate_keys_are_refused() -> None:
    assert message("id: a\ncategory: shipping\nid: b\n") == "demo.yaml: line 3: duplicate key 'id'"


def test_two_documents_are_refused() -> None:
    assert "expected a single document" in message("id: a\n---\nid: b\n")


def test_python_tags_are_refused() -> None:
    assert "invalid YAML" in message("id: !!python/object/apply:os.system ['true']\n")


@pytest.mark.parametrize(("text", "expected"), [
    ("", "demo.yaml: the script is empty"),
    ("- a\n- b\n", "demo.yaml: expected a script (id, title, category, steps), got a list"),
])
def test_not_a_script(text: str, expected: str) -> None:
    assert message(text) == expected


def test_wrong_types_name_step_and_field() -> None:
    data = sample()
    step_of(data, "explain")["say"].append({"zh-Hans": "好的", "en": 42})
    step_of(data, "close")["end"] = "yes please"
    data["steps"][0]["do"] = "check the card"
    data["triggers"]["flags"] = "vip"
    assert message(to_yaml(data)).splitlines() == [
        "demo.yaml: triggers.flags: expected a list of words, got text",
        "demo.yaml: step 'greet': do: expected a list of zh-Hans/en texts, got text",
        "demo.yaml: step 'explain': say[2].en: expected text, got int (put it in quotes)",
        "demo.yaml: step 'close': end: expected true or false, got text",
    ]


def test_a_yaml_boolean_where_a_step_id_belongs_says_to_quote_it() -> None:
    data = to_yaml(sample()).replace("next: close", "next: no")
    assert message(data) == "demo.yaml: step 'explain': next: expected text, got bool (put it in quotes)"


def test_a_nameless_step_is_named_by_position() -> None:
    data = sample()
    data["steps"][1] = {"title": "Explain", "next": "close"}
    assert message(to_yaml(data)) == (
        "demo.yaml: steps[2].title: expected zh-Hans and en texts, got a single text")


def test_unknown_fields_and_handwritten_traditional_are_refused() -> None:
    data = sample()
    data["steps"][1]["nxt"] = data["steps"][1].pop("next")
    data["title"]["zh-Hant"] = "退款進度查詢"
    data["author"] = "me"
    assert message(to_yaml(data)).splitlines() == [
        "demo.yaml: author: unknown field (known: id, title, category, tags, triggers, start, steps)",
        "demo.yaml: title.zh-Hant: is derived from zh-Hans with OpenCC; do not write it",
        "demo.yaml: step 'explain': nxt: unknown field (known: id, title, say, do, branches, next, "
        "escalation, end)",
    ]


def test_error_carries_structured_problems() -> None:
    data = sample()
    step_of(data, "greet")["say"][1]["en"] = ["not", "text"]
    with pytest.raises(ScriptError) as caught:
        parsed(data, "irate.yaml")
    (problem,) = caught.value.problems
    assert (problem.source, problem.script_id, problem.step_id, problem.field) == (
        "irate.yaml", "demo-refund", "greet", "say[2].en")
    assert str(problem) == "irate.yaml: step 'greet': say[2].en: expected text, got a list"


def test_load_valid_script_lists_every_problem(tmp_path: Path) -> None:
    data = sample()
    data["category"] = "refunds"
    step_of(data, "explain")["say"][0].pop("en")
    path = tmp_path / "demo.yaml"
    path.write_text(to_yaml(data), "utf-8")
    assert load_script_file(path).id == "demo-refund"  # builds: only the rules are broken
    with pytest.raises(ScriptError) as caught:
        load_valid_script(path)
    assert [(p.step_id, p.field) for p in caught.value.problems] == [
        (None, "category"), ("explain", "say[1].en")]


def test_a_missing_file_is_a_script_error(tmp_path: Path) -> None:
    with pytest.raises(ScriptError, match=r"^gone\.yaml: cannot read: No such file"):
        load_script_file(tmp_path / "gone.yaml")


def test_load_script_dir_sorts_by_id_and_reports_every_bad_file(tmp_path: Path) -> None:
    for name, script_id in (("1.yaml", "zeta"), ("2.yml", "alpha")):
        data = sample()
        data["id"] = script_id
        (tmp_path / name).write_text(to_yaml(data), "utf-8")
    (tmp_path / "notes.txt").write_text("not a script", "utf-8")
    assert [s.id for s in load_script_dir(tmp_path)] == ["alpha", "zeta"]
    assert [s.source for s in load_script_dir(tmp_path)] == ["2.yml", "1.yaml"]

    (tmp_path / "3.yaml").write_text(to_yaml(sample() | {"id": "alpha"}), "utf-8")
    (tmp_path / "4.yaml").write_bytes(b"id: \xff")
    with pytest.raises(ScriptError) as caught:
        load_script_dir(tmp_path)
    assert str(caught.value).splitlines() == [
        "4.yaml: line 1: not valid UTF-8 (byte 4); save the file as UTF-8",
        "3.yaml: id: duplicate script id 'alpha'; 2.yml uses it too",
    ]


def test_load_script_dir_can_skip_the_rules(tmp_path: Path) -> None:
    data = sample()
    data["category"] = "refunds"
    (tmp_path / "draft.yaml").write_text(to_yaml(data), "utf-8")
    assert [s.category for s in load_script_dir(tmp_path, validate=False)] == ["refunds"]
    with pytest.raises(ScriptError, match=r"^draft\.yaml: category: unknown category 'refunds'"):
        load_script_dir(tmp_path)


def test_load_script_dir_without_the_folder(tmp_path: Path) -> None:
    with pytest.raises(ScriptError, match="cannot read the folder"):
        load_script_dir(tmp_path / "missing")
