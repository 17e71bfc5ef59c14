"""Reading script files safely: size-limited UTF-8 YAML without aliases, into Script objects."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from knowledge.resources import resources_dir
from scripts_lib.model import Script
from scripts_lib.problems import ScriptError, ScriptProblem
from scripts_lib.shape import script_from_data
from scripts_lib.validation import check_script, validate_scripts

MAX_SCRIPT_BYTES = 1_000_000
# Far deeper than any script needs; stops "[[[[..." from exhausting the recursive composer.
MAX_NESTING = 64
SCRIPT_SUFFIXES = (".yaml", ".yml")


class _Refused(yaml.YAMLError):
    """Valid YAML that scripts do not allow, with the line where it starts (from 1, or 0 if unknown)."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class _ScriptLoader(yaml.SafeLoader):
    """SafeLoader without anchors and aliases (a few lines of them expand to gigabytes), without
    duplicate keys (the second silently replaces the first), and with a nesting limit."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event: yaml.Event = self.peek_event()  # type: ignore[no-untyped-call]  # untyped in types-PyYAML
        line = event.start_mark.line + 1 if event.start_mark else 0
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _Refused("anchors (&) and aliases (*) are not allowed in scripts; write the text out "
                           "in full", line)
        if self._depth >= MAX_NESTING:
            raise _Refused(f"nested more than {MAX_NESTING} levels deep", line)
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
                raise _Refused(f"duplicate key {key!r}", key_node.start_mark.line + 1)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _too_big(data: str | bytes) -> bool:
    if len(data) > MAX_SCRIPT_BYTES:
        return True  # characters never outnumber UTF-8 bytes, so a long text is refused unencoded
    return isinstance(data, str) and len(data.encode("utf-8", "surrogatepass")) > MAX_SCRIPT_BYTES


def _decode(data: str | bytes, source: str) -> str:
    if _too_big(data):
        raise ScriptError.at(source, f"larger than {MAX_SCRIPT_BYTES:,} bytes; a script is a few "
                             "kilobytes")
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ScriptError.at(source, f"line {line}: not valid UTF-8 (byte {error.start:,}); save the file "
                             "as UTF-8") from None


def _yaml_data(text: str, source: str) -> Any:
    loader = _ScriptLoader(text)
    try:
        node = loader.get_single_node()
        return None if node is None else loader.construct_document(node)
    except _Refused as error:
        raise ScriptError.at(source, f"line {error.line}: {error.message}" if error.line else error.message
                             ) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        what = f"{error.context}: {error.problem}" if error.context and error.problem else error.problem
        raise ScriptError.at(source, f"{where}invalid YAML: {what or error}") from None
    except yaml.YAMLError as error:
        raise ScriptError.at(source, f"invalid YAML: {error}") from None
    finally:
        loader.dispose()


def parse_script(text: str | bytes, source: str) -> Script:
    """Build a Script from a file's content; raises ScriptError naming source, step and field.

    This refuses only what stops a Script from being built (encoding, size, YAML, shapes, types);
    use check_script or load_valid_script for the rules of docs/script-format.md.
    """
    return script_from_data(_yaml_data(_decode(text, source), source), source)


def _read(path: Path, source: str) -> bytes:
    try:
        with path.open("rb") as file:
            # One byte over the limit is enough to refuse; never read a huge file whole.
            return file.read(MAX_SCRIPT_BYTES + 1)
    except OSError as error:
        raise ScriptError.at(source, f"cannot read: {error.strerror or error}") from None


def load_script_file(path: Path | str, source: str | None = None) -> Script:
    """One script file, built but not validated; `source` (the file name by default) names it in errors."""
    path = Path(path)
    name = source if source is not None else path.name
    return parse_script(_read(path, name), name)


def load_valid_script(path: Path | str, source: str | None = None) -> Script:
    """One script file, built and validated; ScriptError lists every problem."""
    return check_script(load_script_file(path, source))


def load_script_dir(path: Path | str, *, validate: bool = True) -> list[Script]:
    """Every *.yaml / *.yml script of a folder, sorted by id.

    All files are read before failing, so one ScriptError lists the problems of every bad file; with
    `validate`, that includes the format rules and script ids used twice.
    """
    path = Path(path)
    try:
        files = sorted(p for p in path.iterdir() if p.suffix in SCRIPT_SUFFIXES and p.is_file())
    except OSError as error:
        raise ScriptError.at(str(path), f"cannot read the folder: {error.strerror or error}") from None
    scripts: list[Script] = []
    problems: list[ScriptProblem] = []
    for file in files:
        try:
            scripts.append(load_script_file(file))
        except ScriptError as error:
            problems += error.problems
    if validate:
        problems += validate_scripts(scripts)
    if problems:
        raise ScriptError(problems)
    return sorted(scripts, key=lambda script: script.id)


@lru_cache(maxsize=4)
def _scripts_in(folder: Path) -> tuple[Script, ...]:
    return tuple(load_script_dir(folder))


def builtin_scripts() -> tuple[Script, ...]:
    """The validated built-in library (resources/scripts), sorted by id; read once per folder."""
    return _scripts_in(resources_dir() / "scripts")
