"""The quick reader of script data builds exactly the Script the thorough one does, and leaves
anything it is unsure of to the thorough one, which names every problem."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from scripts_lib.loading import builtin_scripts, parse_script
from scripts_lib.packs.verify import _pack_script
from scripts_lib.problems import ScriptError
from scripts_lib.shape import _read_with_problems, quick_script, script_from_data

ODD_VALUES = [None, "", "  text  ", 3, 2.5, True, False, [], {}, ("a", "b"), ["a", "b"], {"x": 1},
              {"zh-Hans": "中文", "en": "English"}, {"zh-Hant": "繁體"}, "\ud800", ["\udfff"], [None],
              ["a"] * 501, {"zh-Hans": 1, "en": "x"}, {"zh-Hans": None, "en": None}, {1: "x"}]


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place inside a parsed document: mapping keys and list positions."""
    places = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            places += _paths(item, (*path, key))
    elif isinstance(value, list):
        for position, item in enumerate(value):
            places += _paths(item, (*path, position))
    return places


def _outcome(read: Any, data: Any) -> Any:
    try:
        return read(data, "x.yaml")
    except ScriptError as error:
        return [str(problem) for problem in error.problems]


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_quick_and_thorough_readers_agree(data: st.DataObject) -> None:
    document = data.draw(st.sampled_from(builtin_scripts())).to_file_data()
    for _ in range(data.draw(st.integers(0, 3))):
        path = data.draw(st.sampled_from(_paths(document)))
        odd = copy.deepcopy(data.draw(st.sampled_from(ODD_VALUES)))
        if not path:
            document = odd
            break
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        if isinstance(parent, dict) and data.draw(st.booleans()):
            parent[data.draw(st.sampled_from(["brnaches", "zh-Hant", "en", "next", "say", 7]))] = odd
        else:
            parent[path[-1]] = odd
    assert _outcome(script_from_data, document) == _outcome(_read_with_problems, document)


def test_every_built_in_script_takes_the_quick_way() -> None:
    # builtin_scripts() came through the quick reader itself: compare with the thorough one.
    for script in builtin_scripts():
        data = script.to_file_data()
        # quick_script answers None where the quick way declines: it must not, for any of them.
        quick = quick_script(data, script.source)
        assert quick is not None and quick == _read_with_problems(data, script.source)


def _error_or_script(read: Any, data: bytes) -> Any:
    try:
        return read(data, "scripts/x.yaml")
    except ScriptError as error:
        return str(error)


def test_a_pack_reads_its_scripts_as_parse_script_does() -> None:
    script = builtin_scripts()[0]
    good = json.dumps(script.to_file_data(), ensure_ascii=False).encode()
    deep = json.dumps(script.to_file_data() | {"tags": {"en": [[[["x"]]] * 2] * 1}}).encode()
    for depth in (3, 70):
        nested: Any = "x"
        for _ in range(depth):
            nested = [nested]
        deep_steps = json.dumps(script.to_file_data() | {"steps": nested}).encode()
        assert _error_or_script(_pack_script, deep_steps) == _error_or_script(parse_script, deep_steps)
    assert "nested more than" in _error_or_script(_pack_script, deep_steps)
    surrogate = good.replace(b'"category"', b'"category": "\\ud800", "x"', 1)
    escaped = good.replace(b'"zh-Hans": "', b'"zh-Hans": "\\u00e9', 1)
    for data in (good, b"\xef\xbb\xbf" + good, good.replace(b'"id"', b'"id": "a", "id"', 1), deep,
                 b"  " + good, good[:-5], b"id: x\n", surrogate, escaped):
        assert _error_or_script(_pack_script, data) == _error_or_script(parse_script, data)
    assert _pack_script(good, "scripts/x.yaml") == parse_script(good, "scripts/x.yaml")
    # Both of those read the quick way; the thorough reader is the reference.
    assert _pack_script(good, "scripts/x.yaml") == _read_with_problems(json.loads(good), "scripts/x.yaml")
    assert "U+D800, half of a surrogate pair" in _error_or_script(_pack_script, surrogate)
    assert _pack_script(escaped, "scripts/x.yaml").title.zh_hans.startswith("\u00e9")


def test_a_pack_shares_the_texts_its_scripts_repeat() -> None:
    script = builtin_scripts()[0]
    data = script.to_file_data()
    first = json.dumps(data, ensure_ascii=False).encode()
    second = json.dumps(data | {"id": "another-script"}, ensure_ascii=False).encode()
    # Half a surrogate pair in a text both others have: that script must not take the shared texts.
    poisoned = dict(data, steps=[dict(step) for step in data["steps"]])
    poisoned["steps"][0]["title"] = {"zh-Hans": data["steps"][0]["title"]["zh-Hans"] + "\ud800",
                                     "en": data["steps"][0]["title"]["en"]}
    third = json.dumps(poisoned).encode()
    known: dict[tuple[str, str], Any] = {}
    one, two = _pack_script(first, "scripts/a.yaml", known), _pack_script(second, "scripts/b.yaml", known)
    assert one.steps[0].title is two.steps[0].title and known
    assert one == parse_script(first, "scripts/a.yaml") and two == parse_script(second, "scripts/b.yaml")
    assert two == _read_with_problems(json.loads(second), "scripts/b.yaml")
    assert _error_or_script(lambda data, name: _pack_script(data, name, known), third) == \
        _error_or_script(parse_script, third)
    assert "surrogate" in _error_or_script(lambda data, name: _pack_script(data, name, known), third)
