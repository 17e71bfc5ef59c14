"""Reading FAQ entry files (.jsonl, .json, .csv, .yaml) into validated entries, or one clear error.

Every error names the file, the line and the field, so an editor can fix the file and import again.
A file is read and validated whole before anything is stored: nothing from a bad file is kept.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any, cast

import yaml

from knowledge.entries import EntryError, FaqEntryData, entry_from_mapping
from knowledge.safe_yaml import SafeYamlLoader, Utf8Error, as_refusal, decode_utf8

# A knowledge base of 100k entries exports to ~100 MB; anything far beyond is a wrong file.
MAX_IMPORT_BYTES = 512 * 1024 * 1024
FORMATS = (".jsonl", ".json", ".csv", ".yaml", ".yml")


class ImportFileError(Exception):
    def __init__(self, path: PurePath, message: str, line: int | None = None,
                 field: str | None = None) -> None:
        where = f"{path}:{line}" if line is not None else f"{path}"
        super().__init__(f"{where}: {field + ': ' if field else ''}{message}")
        self.path = path
        self.line = line
        self.field = field


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ImportFileError(path, error.strerror or str(error)) from None
    if size > MAX_IMPORT_BYTES:
        raise ImportFileError(path, f"file is {size / 2**30:.1f} GB; the import limit is "
                              f"{MAX_IMPORT_BYTES // 2**20} MB (split it into several files)")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportFileError(path, error.strerror or str(error)) from None
    try:
        return decode_utf8(data)
    except Utf8Error as error:
        raise ImportFileError(path, f"invalid UTF-8 (byte 0x{error.byte:02x}); save the file as "
                              "UTF-8", line=error.line) from None


def _jsonl(text: str) -> Iterator[tuple[int, Any]]:
    for line_number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            yield line_number, _json_line(line, line_number)


def _json_line(line: str, line_number: int) -> Any:
    try:
        return json.loads(line)
    except json.JSONDecodeError as error:
        raise _Located(line_number, None, f"invalid JSON: {error.msg} at column {error.colno}") from None


def _json(text: str) -> Iterator[tuple[int, Any]]:
    decoder = json.JSONDecoder()
    position = _skip_space(text, 0)
    try:
        if text.startswith("{", position):
            position = _skip_space(text, _entries_array(text, position, decoder) + 1)
        elif text.startswith("[", position):
            position = _skip_space(text, position + 1)
        else:
            raise _Located(1, None, "expected a list of entries or {\"entries\": [...]}")
        while not text.startswith("]", position):
            line_number = text.count("\n", 0, position) + 1
            item, position = decoder.raw_decode(text, position)
            yield line_number, item
            position = _skip_space(text, position)
            if text.startswith(",", position):
                position = _skip_space(text, position + 1)
            elif not text.startswith("]", position):
                raise json.JSONDecodeError("expected ',' or ']'", text, position)
    except json.JSONDecodeError as error:
        raise _Located(error.lineno, None, f"invalid JSON: {error.msg} at column "
                       f"{error.colno}") from None


def _entries_array(text: str, position: int, decoder: json.JSONDecoder) -> int:
    """Where the "entries" list of {"entries": [...], ...} starts, found by walking the object's
    keys: the items' line numbers need their positions, which a whole-document parse drops."""
    position = _skip_space(text, position + 1)
    while text.startswith('"', position):
        key, position = decoder.raw_decode(text, position)
        position = _skip_space(text, position)
        if not text.startswith(":", position):
            raise json.JSONDecodeError("expected ':'", text, position)
        position = _skip_space(text, position + 1)
        if key == "entries":
            if not text.startswith("[", position):
                break
            return position
        _, position = decoder.raw_decode(text, position)
        position = _skip_space(text, position)
        if text.startswith(",", position):
            position = _skip_space(text, position + 1)
    raise _Located(1, None, "expected a list of entries or {\"entries\": [...]}")


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def _csv(text: str) -> Iterator[tuple[int, Any]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames:
        return
    line_number = 1
    try:
        for row in reader:
            if None in row:
                raise _Located(reader.line_num, None, "more cells than header columns")
            item: dict[str, Any] = {}
            for key, value in row.items():
                key = (key or "").strip()
                if value is None or value == "":
                    continue
                if key in ("aliases", "tags"):
                    item[key] = [part.strip() for part in value.split("|") if part.strip()]
                else:
                    item[key] = value
            yield line_number + 1, item
            line_number = reader.line_num
    except csv.Error as error:
        raise _Located(reader.line_num, None, f"invalid CSV: {error}") from None


def _yaml(text: str) -> Iterator[tuple[int, Any]]:
    loader = SafeYamlLoader(text, "FAQ files")
    try:
        node = loader.get_single_node()
        if node is None:
            return
        if isinstance(node, yaml.MappingNode):
            entries_nodes = [v for k, v in node.value if k.value == "entries"]
            if not entries_nodes:
                raise _Located(node.start_mark.line + 1, None,
                               "expected a list of entries or entries: [...]")
            node = entries_nodes[0]
        if not isinstance(node, yaml.SequenceNode):
            raise _Located(node.start_mark.line + 1, None, "expected a list of entries")
        for item_node in node.value:
            yield item_node.start_mark.line + 1, loader.construct_object(item_node, deep=True)
    except yaml.YAMLError as error:
        refusal = as_refusal(error)
        raise _Located(refusal.line or None, None, refusal.message) from None
    finally:
        loader.dispose()


class _Located(Exception):
    def __init__(self, line: int | None, field: str | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.field = field
        self.message = message


_READERS: dict[str, Callable[[str], Iterator[tuple[int, Any]]]] = {
    ".jsonl": _jsonl, ".json": _json, ".csv": _csv, ".yaml": _yaml, ".yml": _yaml,
}


def read_entries(path: Path) -> list[FaqEntryData]:
    """All entries of one file, validated; raises ImportFileError at the first problem."""
    path = Path(path)
    if path.suffix.lower() not in _READERS:
        raise ImportFileError(path, f"unknown file type {path.suffix or '(none)'}; use one of "
                              f"{', '.join(FORMATS)}")
    return parse_entries(_read_text(path), path)


def parse_entries(text: str, path: PurePath) -> list[FaqEntryData]:
    """The entries in a file's text, read by the format of `path`'s suffix (which also names the
    file in errors; it need not exist, e.g. a file inside a pack)."""
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise ImportFileError(path, f"unknown file type {path.suffix or '(none)'}; use one of "
                              f"{', '.join(FORMATS)}")
    return [cast(FaqEntryData, item) for _, item in _entries(path, (
        (line_number, raw, "") for line_number, raw in reader(text)))]


@dataclass(frozen=True)
class CheckedLine:
    """A line of JSON Lines entries that an earlier check accepted, left as it is: its entry's id and
    its text."""

    id: str
    text: str


def line_digest(line: str) -> str:
    return hashlib.blake2b(line.encode("utf-8"), digest_size=16).hexdigest()


def parse_entry_lines(text: str, path: PurePath, checked: Mapping[str, str]
                      ) -> list[tuple[str, FaqEntryData | CheckedLine]]:
    """parse_entries for JSON Lines, each entry with its line's checksum (line_digest). A line whose
    checksum `checked` holds (with its entry's id: what an earlier check accepted) comes back as a
    CheckedLine, not read or checked again; ids are still checked for repeats."""

    def lines() -> Iterator[tuple[int, Any, str]]:
        for line_number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            digest = line_digest(line)
            entry_id = checked.get(digest)
            yield line_number, (CheckedLine(entry_id, line) if entry_id is not None
                                else _json_line(line, line_number)), digest

    return _entries(path, lines())


def _entries(path: PurePath, items: Iterable[tuple[int, Any, str]]
             ) -> list[tuple[str, FaqEntryData | CheckedLine]]:
    entries: list[tuple[str, FaqEntryData | CheckedLine]] = []
    first_line: dict[str, int] = {}
    try:
        for line_number, raw, digest in items:
            item: FaqEntryData | CheckedLine
            if isinstance(raw, CheckedLine):
                item = raw
            else:
                try:
                    item = entry_from_mapping(raw)
                except EntryError as error:
                    raise _Located(line_number, error.field, str(error).split(": ", 1)[1]) from None
            if item.id in first_line:
                raise _Located(line_number, "id", f"{item.id!r} already appears on line "
                               f"{first_line[item.id]}")
            first_line[item.id] = line_number
            entries.append((digest, item))
    except _Located as error:
        raise ImportFileError(path, error.message, line=error.line, field=error.field) from None
    return entries
