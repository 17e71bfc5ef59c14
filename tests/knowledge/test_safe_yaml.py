"""JSON documents take a fast path through the hardened YAML loader; it must refuse what YAML refuses."""

from __future__ import annotations

import pytest

from knowledge.safe_yaml import MAX_NESTING, YamlRefused, load_yaml


def test_json_reads_the_same_as_yaml() -> None:
    text = '{"id": "a", "say": [{"zh-Hans": "您好", "en": "Hi"}], "end": true, "n": 3}'
    assert load_yaml(text, "scripts") == {"id": "a", "say": [{"zh-Hans": "您好", "en": "Hi"}],
                                          "end": True, "n": 3}


def test_json_with_a_duplicate_key_is_refused_with_its_line() -> None:
    with pytest.raises(YamlRefused, match="line 3: duplicate key 'id'"):
        load_yaml('{\n "id": "a",\n "id": "b"\n}', "scripts")


def test_json_nested_too_deep_is_refused() -> None:
    for depth in (MAX_NESTING + 1, 5000):
        with pytest.raises(YamlRefused, match="nested more than"):
            load_yaml('{"a": ' + "[" * depth + "]" * depth + "}", "scripts")
