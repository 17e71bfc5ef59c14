"""Reading script files safely: size-limited UTF-8 YAML (knowledge.safe_yaml) into Script objects."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from knowledge.resources import resources_dir
from knowledge.safe_yaml import Utf8Error, YamlRefused, decode_utf8, load_yaml
from scripts_lib.model import Script
from scripts_lib.problems import ScriptError, ScriptProblem
from scripts_lib.shape import script_from_data
from scripts_lib.validation import check_script, validate_scripts

MAX_SCRIPT_BYTES = 1_000_000
SCRIPT_SUFFIXES = (".yaml", ".yml")


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
        return decode_utf8(data)
    except Utf8Error as error:
        raise ScriptError.at(source, f"{error}; save the file as UTF-8") from None


def _yaml_data(text: str, source: str) -> Any:
    try:
        return load_yaml(text, "scripts")
    except YamlRefused as error:
        raise ScriptError.at(source, str(error)) from None


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


def load_scripts(paths: Iterable[Path | str], *, validate: bool = True,
                 full_names: bool = False) -> list[Script]:
    """Several script files, sorted by id.

    All files are read before failing, so one ScriptError lists the problems of every bad file; with
    `validate`, that includes the format rules and script ids used twice. `full_names` names files
    by the path given rather than the file name (files from several folders).
    """
    scripts: list[Script] = []
    problems: list[ScriptProblem] = []
    for path in paths:
        try:
            scripts.append(load_script_file(path, str(path) if full_names else None))
        except ScriptError as error:
            problems += error.problems
    if validate:
        problems += validate_scripts(scripts)
    if problems:
        raise ScriptError(problems)
    return sorted(scripts, key=lambda script: script.id)


def load_script_dir(path: Path | str, *, validate: bool = True) -> list[Script]:
    """Every *.yaml / *.yml script of a folder, as load_scripts reads them."""
    path = Path(path)
    try:
        files = sorted(p for p in path.iterdir() if p.suffix in SCRIPT_SUFFIXES and p.is_file())
    except OSError as error:
        raise ScriptError.at(str(path), f"cannot read the folder: {error.strerror or error}") from None
    return load_scripts(files, validate=validate)


@lru_cache(maxsize=4)
def _scripts_in(folder: Path) -> tuple[Script, ...]:
    return tuple(load_script_dir(folder))


def builtin_scripts() -> tuple[Script, ...]:
    """The validated built-in library (resources/scripts), sorted by id; read once per folder."""
    return _scripts_in(resources_dir() / "scripts")
