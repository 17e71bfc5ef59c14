"""The built-in library loads, and every script in it passes every rule of the format."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.resources import resources_dir
from scripts_lib import builtin_scripts, load_script_file, validate_script, validate_scripts

FILES = sorted((Path(__file__).resolve().parents[2] / "resources" / "scripts").glob("*.yaml"))


def test_there_are_nineteen() -> None:
    assert len(FILES) == 19
    assert resources_dir() / "scripts" == FILES[0].parent


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_each_file_loads_and_validates(path: Path) -> None:
    script = load_script_file(path)
    assert script.id == path.stem
    assert script.source == path.name
    assert [str(problem) for problem in validate_script(script)] == []
    assert len(script.steps) >= 3 and any(step.end for step in script.steps)


def test_builtin_scripts_sorted_unique_and_cached() -> None:
    scripts = builtin_scripts()
    assert [s.id for s in scripts] == sorted(path.stem for path in FILES)
    assert validate_scripts(scripts) == []
    assert builtin_scripts() is scripts


def test_builtin_scripts_follow_the_resources_override(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "one.yaml").write_bytes(FILES[0].read_bytes())
    monkeypatch.setenv("ASSIST_RESOURCES_DIR", str(tmp_path))
    assert [s.id for s in builtin_scripts()] == [FILES[0].stem]
