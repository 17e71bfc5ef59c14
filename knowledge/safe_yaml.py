"""YAML and UTF-8 reading for files from outside: FAQ imports, scripts, packs.

PyYAML's SafeLoader still expands anchors and aliases (a few lines of them become gigabytes), lets a
second duplicate key silently replace the first, and recurses without limit on "[[[[...". This
loader refuses all three, and every refusal and syntax error comes with the line it starts on.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

# Far deeper than any content needs; stops "[[[[..." from exhausting the recursive composer.
MAX_NESTING = 64


class YamlRefused(Exception):
    """Unreadable or refused YAML: `line` and `column` count from 1 (0 when unknown)."""

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        where = f"line {line}, column {column}: " if line and column else f"line {line}: " if line else ""
        super().__init__(where + message)
        self.message = message
        self.line = line


class _Refusal(yaml.YAMLError):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class SafeYamlLoader(yaml.SafeLoader):
    """SafeLoader without anchors and aliases, without duplicate keys, with a nesting limit.

    `kind` names the files in messages ("anchors ... are not allowed in scripts").
    """

    def __init__(self, stream: str, kind: str) -> None:
        super().__init__(stream)
        self._kind = kind
        self._depth = 0

    def construct_impossible_date_as_text(self, node: yaml.ScalarNode) -> Any:
        # `verify_by: 2024-13-45` looks like a date to YAML, which then fails with a bare ValueError
        # naming neither file nor field; as text, the reader of the field says what is wrong with it.
        try:
            return self.construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event: yaml.Event = self.peek_event()  # type: ignore[no-untyped-call]  # untyped in types-PyYAML
        line = event.start_mark.line + 1 if event.start_mark else 0
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _Refusal(f"anchors (&) and aliases (*) are not allowed in {self._kind}; write the "
                           "text out in full", line)
        if self._depth >= MAX_NESTING:
            raise _Refusal(f"nested more than {MAX_NESTING} levels deep", line)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                duplicate = key in seen
            except TypeError:  # an unhashable key; the base class reports it properly
                break
            if duplicate:
                raise _Refusal(f"duplicate key {key!r}", key_node.start_mark.line + 1)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def as_refusal(error: yaml.YAMLError) -> YamlRefused:
    """Any PyYAML error as one located, readable refusal."""
    if isinstance(error, _Refusal):
        return YamlRefused(error.message, error.line)
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        what = f"{error.context}: {error.problem}" if error.context and error.problem else error.problem
        return YamlRefused(f"invalid YAML: {what or error}", mark.line + 1 if mark else 0,
                           mark.column + 1 if mark else 0)
    return YamlRefused(f"invalid YAML: {error}")


class NotPlainJson(Exception):
    """Text that plain_json leaves to the YAML reader."""


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping = dict(pairs)
    if len(mapping) != len(pairs):
        raise NotPlainJson
    return mapping


def _depth_within_limit(value: Any) -> bool:
    """Whether no list or mapping of a parsed JSON document (plain dicts and lists) lies deeper than
    MAX_NESTING; walks the containers a level at a time and never visits the strings and numbers,
    most of a document."""
    level = [value] if isinstance(value, dict | list) else []
    depth = 0
    while level:
        depth += 1
        if depth > MAX_NESTING:
            return False
        inner: list[Any] = []
        for item in level:
            inner += [child for child in (item.values() if type(item) is dict else item)
                      if type(child) is dict or type(child) is list]
        level = inner
    return True


def plain_json(text: str, check_depth: bool = True) -> Any:
    """The document when `text` is JSON that load_yaml reads the same as YAML (no duplicate key, and
    no deeper than MAX_NESTING), else NotPlainJson. A caller that accepts only documents of a known,
    shallow shape may leave the depth to its own check (`check_depth`)."""
    try:
        value = json.loads(text, object_pairs_hook=_refuse_duplicates)
    except (ValueError, RecursionError):
        raise NotPlainJson from None
    if check_depth and not _depth_within_limit(value):
        raise NotPlainJson
    return value


SafeYamlLoader.add_constructor("tag:yaml.org,2002:timestamp",
                               SafeYamlLoader.construct_impossible_date_as_text)


def load_yaml(text: str, kind: str) -> Any:
    """One YAML document read with SafeYamlLoader; None for an empty one. Raises YamlRefused."""
    if text.lstrip().startswith("{"):
        # JSON is YAML, and what our own tools write (a built pack) is JSON, which the json module reads
        # a few hundred times faster. Anything it rejects, or that the rules above would refuse, takes
        # the YAML way, which refuses it with the line.
        try:
            return plain_json(text)
        except NotPlainJson:
            pass
    loader = SafeYamlLoader(text, kind)
    try:
        node = loader.get_single_node()
        return None if node is None else loader.construct_document(node)
    except yaml.YAMLError as error:
        raise as_refusal(error) from None
    finally:
        loader.dispose()


class Utf8Error(ValueError):
    """Bytes that are not UTF-8: the line (from 1), offset and value of the first bad byte."""

    def __init__(self, line: int, offset: int, byte: int) -> None:
        super().__init__(f"line {line}: not valid UTF-8 (byte {offset:,})")
        self.line = line
        self.offset = offset
        self.byte = byte


def decode_utf8(data: bytes) -> str:
    """UTF-8 text with an optional BOM dropped; raises Utf8Error naming where it goes wrong."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise Utf8Error(line, error.start, data[error.start]) from None
