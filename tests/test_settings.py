"""Settings: declared once, validated on set and on load, saved atomically, and no user file ever lost."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from assist import settings as settings_module
from assist.settings import (
    SETTINGS,
    STATE,
    Settings,
    SettingsError,
    resolve_language,
    settings_path,
    spec,
)


@pytest.fixture
def path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    config = tmp_path / "config"
    monkeypatch.setenv("ASSIST_CONFIG_DIR", str(config))
    return config / "settings.json"


def write(path: Path, document: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document), "utf-8")


def broken_files(path: Path) -> list[Path]:
    return sorted(path.parent.glob("settings.json.broken-*"))


def test_module_is_qt_free() -> None:
    code = ("import sys, assist.settings; "
            "sys.exit(any(m.split('.')[0] in ('PySide6', 'shiboken6') for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_every_setting_is_declared_once_with_a_valid_default() -> None:
    names = [s.name for s in SETTINGS]
    assert names == ["language", "theme", "hotkey", "data_dir", "font_size", "dock", "agent_name",
                     "softphone", "call_http_port", "knowledge_role", "phone_region", "team_server"]
    for setting in SETTINGS:
        assert setting.check(setting.default) == setting.default
        assert setting.description
    for entry in STATE:
        assert entry.check(entry.default) == entry.default


def test_settings_path_follows_the_environment(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert settings_path() == path
    monkeypatch.delenv("ASSIST_CONFIG_DIR")
    assert settings_path().name == "settings.json"
    assert "agent-assist" in str(settings_path())


def test_missing_file_gives_defaults_without_problems(path: Path) -> None:
    settings = Settings.load()
    assert settings.path == path
    assert [settings.get(s.name) for s in SETTINGS] == [s.default for s in SETTINGS]
    assert settings.get_state("dock_width") == 380
    assert settings.get_state("geometry") is None
    assert settings.problems == []


def test_round_trip(path: Path) -> None:
    settings = Settings.load(path)
    settings.set("language", "zh_TW")
    settings.set("theme", "dark")
    settings.set("hotkey", "Ctrl+Shift+F12")
    settings.set("data_dir", "/srv/assist data/数据")
    settings.set("font_size", 24)
    settings.set("dock", "float")
    settings.set_state("geometry", [10, 20, 400, 700])
    settings.set_state("dock_width", 900)
    settings.set_state("splitter_sizes", [300, 120])
    settings.save()

    again = Settings.load(path)
    assert again.problems == []
    assert again.get("language") == "zh_TW"
    assert again.get("theme") == "dark"
    assert again.get("hotkey") == "Ctrl+Shift+F12"
    assert again.get("data_dir") == "/srv/assist data/数据"
    assert again.get("font_size") == 24
    assert again.get("dock") == "float"
    assert again.get_state("geometry") == [10, 20, 400, 700]
    assert again.get_state("dock_width") == 900
    assert again.get_state("splitter_sizes") == [300, 120]
    assert "数据" in path.read_text("utf-8")  # readable by a person, not \\u escapes


def test_geometry_as_base64_and_empty_hotkey(path: Path) -> None:
    settings = Settings.load(path)
    settings.set_state("geometry", "AdnQywADAAAAAAAAAAAAAAAAAAA=")
    settings.set("hotkey", "")
    settings.save()
    again = Settings.load(path)
    assert again.get_state("geometry") == "AdnQywADAAAAAAAAAAAAAAAAAAA="
    assert again.get("hotkey") == ""


def test_only_values_that_were_set_are_stored(path: Path) -> None:
    settings = Settings.load(path)
    settings.set("theme", "light")
    settings.save()
    stored = json.loads(path.read_text("utf-8"))
    assert stored["settings"] == {"theme": "light"}
    assert stored["version"] == 1


@pytest.mark.parametrize(("name", "value", "allowed"), [
    ("language", "fr", "'system', 'zh_CN', 'zh_TW', 'en'"),
    ("language", None, "'system', 'zh_CN', 'zh_TW', 'en'"),
    ("theme", "blue", "'system', 'light', 'dark'"),
    ("theme", 1, "'system', 'light', 'dark'"),
    ("dock", "top", "'right', 'left', 'float'"),
    ("font_size", 7, "from 8 to 24"),
    ("font_size", 25, "from 8 to 24"),
    ("font_size", "12", "from 8 to 24"),
    ("font_size", 11.0, "from 8 to 24"),
    ("font_size", True, "from 8 to 24"),
    ("hotkey", 5, "at most 64 characters"),
    ("hotkey", "Ctrl+" * 20, "at most 64 characters"),
    ("hotkey", "Ctrl+\nK", "at most 64 characters"),
    ("data_dir", ["/srv"], "text"),
    ("data_dir", "/srv/\x00", "text"),
])
def test_set_rejects_bad_values_naming_setting_and_allowed_values(
        path: Path, name: str, value: object, allowed: str) -> None:
    settings = Settings.load(path)
    before = settings.get(name)
    with pytest.raises(SettingsError) as caught:
        settings.set(name, value)
    message = str(caught.value)
    assert message.startswith(f"{name}: ")
    assert allowed in message
    assert "\n" not in message
    assert settings.get(name) == before


def test_unknown_setting_name_is_an_error(path: Path) -> None:
    settings = Settings.load(path)
    with pytest.raises(SettingsError, match="'colour' is not a setting; settings are language, theme"):
        settings.set("colour", "red")
    with pytest.raises(SettingsError):
        settings.get("colour")
    with pytest.raises(SettingsError):
        spec("colour")


@pytest.mark.parametrize(("name", "value"), [
    ("geometry", [1, 2, 3]),
    ("geometry", [1, 2, 0, 4]),
    ("geometry", [1, 2, "3", 4]),
    ("geometry", "not base64!"),
    ("geometry", ""),
    ("dock_width", 279),
    ("dock_width", 901),
    ("dock_width", False),
    ("splitter_sizes", []),
    ("splitter_sizes", [100, -1]),
    ("splitter_sizes", "100,200"),
])
def test_set_state_rejects_bad_values(path: Path, name: str, value: object) -> None:
    settings = Settings.load(path)
    with pytest.raises(SettingsError, match=f"^{name}: "):
        settings.set_state(name, value)


def test_state_values_are_copies(path: Path) -> None:
    settings = Settings.load(path)
    sizes = [300, 100]
    settings.set_state("splitter_sizes", sizes)
    sizes.append(5)
    got = settings.get_state("splitter_sizes")
    assert got == [300, 100]
    assert got is not None
    got.append(7)
    assert settings.get_state("splitter_sizes") == [300, 100]


def test_on_change_runs_only_when_a_setting_changes(path: Path) -> None:
    settings = Settings.load(path)
    seen: list[str] = []
    settings.on_change.append(seen.append)
    settings.set("theme", "dark")
    settings.set("theme", "dark")
    settings.set("font_size", 11)  # the default already
    with pytest.raises(SettingsError):
        settings.set("theme", "blue")
    settings.set_state("dock_width", 500)  # UI state is not a setting change
    settings.reset("theme")
    assert seen == ["theme", "theme"]
    assert settings.get("theme") == "system"


@pytest.mark.parametrize(("name", "bad"), [
    ("language", "fr"), ("theme", "sepia"), ("hotkey", 42), ("data_dir", None),
    ("font_size", 99), ("font_size", "11"), ("dock", "bottom"),
])
def test_one_bad_value_in_the_file_falls_back_and_keeps_the_others(
        path: Path, name: str, bad: object) -> None:
    good = {"language": "en", "theme": "dark", "hotkey": "Meta+K", "data_dir": "/srv/a",
            "font_size": 14, "dock": "left"}
    write(path, {"version": 1, "settings": {**good, name: bad}})
    settings = Settings.load(path)
    assert settings.get(name) == spec(name).default
    for other, value in good.items():
        if other != name:
            assert settings.get(other) == value
    assert len(settings.problems) == 1
    problem = settings.problems[0]
    assert str(path) in problem and f"{name}: " in problem and "using the default" in problem
    assert broken_files(path) == []


def test_a_rejected_file_value_survives_a_save_until_it_is_set(path: Path) -> None:
    # A newer version may allow a theme this one does not know: saving must not destroy it.
    write(path, {"version": 1, "settings": {"theme": "high-contrast", "font_size": 12}})
    settings = Settings.load(path)
    assert settings.get("theme") == "system"
    settings.set("font_size", 13)
    settings.save()
    stored = json.loads(path.read_text("utf-8"))
    assert stored["settings"] == {"theme": "high-contrast", "font_size": 13}
    settings.set("theme", "light")
    settings.save()
    assert json.loads(path.read_text("utf-8"))["settings"]["theme"] == "light"


def test_bad_state_value_falls_back_and_is_reported(path: Path) -> None:
    write(path, {"settings": {"theme": "dark"}, "state": {"dock_width": 50, "geometry": [1, 2, 3, 4]}})
    settings = Settings.load(path)
    assert settings.get_state("dock_width") == 380
    assert settings.get_state("geometry") == [1, 2, 3, 4]
    assert settings.get("theme") == "dark"
    assert len(settings.problems) == 1 and "dock_width" in settings.problems[0]


def test_unknown_keys_are_preserved_on_save(path: Path) -> None:
    write(path, {"version": 3, "sync": {"server": "x"},
                 "settings": {"theme": "dark", "spell_check": True},
                 "state": {"toolbar": [1, 2], "dock_width": 400}})
    settings = Settings.load(path)
    assert settings.problems == []
    settings.set("dock", "left")
    settings.set_state("dock_width", 420)
    settings.save()
    stored = json.loads(path.read_text("utf-8"))
    assert stored == {"version": 3, "sync": {"server": "x"},
                      "settings": {"theme": "dark", "spell_check": True, "dock": "left"},
                      "state": {"toolbar": [1, 2], "dock_width": 420}}


@pytest.mark.parametrize(("content", "reason"), [
    (b"{not json", "is not valid JSON"),
    (b"", "is not valid JSON"),
    (b"[1, 2]", "holds a JSON array, not an object"),
    (b'"settings"', "holds a JSON string, not an object"),
    (b"\xff\xfe\x00garbage", "is not UTF-8 text"),
    (b'{"settings": [1]}', "'settings' entry that is a JSON array"),
    (b'{"state": "x"}', "'state' entry that is a JSON string"),
])
def test_corrupt_file_is_moved_aside_and_reported(path: Path, content: bytes, reason: str) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    settings = Settings.load(path)
    assert settings.get("theme") == "system"
    [moved] = broken_files(path)
    assert moved.read_bytes() == content
    assert not path.exists()
    assert len(settings.problems) == 1
    assert reason in settings.problems[0]
    assert str(moved) in settings.problems[0] and "defaults are used" in settings.problems[0]
    settings.set("theme", "dark")
    settings.save()
    assert moved.read_bytes() == content
    assert Settings.load(path).get("theme") == "dark"


def test_moving_aside_never_replaces_an_earlier_broken_file(
        path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings_module, "_timestamp", lambda: "20240102-030405")
    for content in (b"first", b"second", b"third"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        Settings.load(path)
    assert [p.name for p in broken_files(path)] == [
        "settings.json.broken-20240102-030405", "settings.json.broken-20240102-030405-1",
        "settings.json.broken-20240102-030405-2"]
    assert [p.read_bytes() for p in broken_files(path)] == [b"first", b"second", b"third"]


def test_unreadable_file_that_cannot_be_moved_is_never_overwritten(
        path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(b"{half written")

    def refuse(source: object, target: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    with monkeypatch.context() as patched:
        patched.setattr(os, "rename", refuse)
        settings = Settings.load(path)
        assert settings.get("theme") == "system"
        assert "could not be moved aside (Permission denied)" in settings.problems[0]
        settings.set("theme", "dark")
        with pytest.raises(SettingsError, match="could not be read and could not be moved aside"):
            settings.save()
        assert path.read_bytes() == b"{half written"

    # Once moving works again (the file was unlocked, the folder made writable), saving moves it first.
    settings.save()
    [moved] = broken_files(path)
    assert moved.read_bytes() == b"{half written"
    assert Settings.load(path).get("theme") == "dark"


def test_a_file_that_cannot_be_read_is_moved_aside(path: Path) -> None:
    path.mkdir(parents=True)  # reading a directory fails with an OSError, as an unreadable file does
    settings = Settings.load(path)
    assert "could not be read" in settings.problems[0]
    [moved] = broken_files(path)
    assert moved.is_dir()
    settings.save()
    assert path.is_file()


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_failed_replace_raises_and_keeps_the_old_file(
        path: Path, monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    settings = Settings.load(path)
    settings.set("theme", "dark")
    settings.save()
    before = path.read_bytes()

    def fail(source: Any, target: Any) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "replace", fail)
    settings.set("theme", "light")
    with pytest.raises(SettingsError) as caught:
        settings.save()
    message = str(caught.value)
    assert message == f"Settings not saved to {path}: {os.strerror(code)}"
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]  # no temporary file left


def test_unwritable_folder_raises_and_keeps_the_old_file(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings.load(path)
    settings.save()
    before = path.read_bytes()

    def read_only(*args: Any, **kwargs: Any) -> tuple[int, str]:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    settings.set("font_size", 20)
    with pytest.raises(SettingsError, match=r"Read-only file system$"):
        settings.save()
    assert path.read_bytes() == before


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="needs POSIX permissions that apply (root ignores them)")
def test_read_only_folder_for_real(path: Path) -> None:
    settings = Settings.load(path)
    settings.save()
    before = path.read_bytes()
    path.parent.chmod(0o555)
    try:
        settings.set("font_size", 20)
        with pytest.raises(SettingsError, match="Permission denied"):
            settings.save()
        assert path.read_bytes() == before
    finally:
        path.parent.chmod(0o755)


def test_failed_write_mid_way_removes_the_temporary_file(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings.load(path)
    settings.save()

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(SettingsError, match="No space left on device"):
        settings.save()
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]


def test_save_creates_the_folder_and_follows_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "settings.json"
    real.parent.mkdir()
    write(real, {"settings": {"theme": "dark"}})
    link = tmp_path / "config" / "settings.json"
    link.parent.mkdir()
    link.symlink_to(real)
    settings = Settings.load(link)
    settings.set("dock", "left")
    settings.save()
    assert link.is_symlink()
    assert json.loads(real.read_text("utf-8"))["settings"] == {"theme": "dark", "dock": "left"}

    nested = Settings(tmp_path / "a" / "b" / "settings.json")
    nested.save()
    assert nested.path.is_file()


def test_temporary_files_are_made_next_to_the_target(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[str] = []
    real_mkstemp = tempfile.mkstemp

    def spy(*args: Any, **kwargs: Any) -> tuple[int, str]:
        handle, name = real_mkstemp(*args, **kwargs)
        made.append(name)
        return handle, name

    monkeypatch.setattr(tempfile, "mkstemp", spy)
    Settings.load(path).save()
    assert [Path(name).parent for name in made] == [path.parent]  # same file system, so replace is atomic


@pytest.mark.parametrize(("setting", "locale", "expected"), [
    ("system", "zh_CN", "zh_CN"),
    ("system", "zh_SG", "zh_CN"),
    ("system", "zh", "zh_CN"),
    ("system", "zh_CN.UTF-8", "zh_CN"),
    ("system", "zh-Hans-HK", "zh_CN"),
    ("system", "zh_TW", "zh_TW"),
    ("system", "zh_HK", "zh_TW"),
    ("system", "zh_MO", "zh_TW"),
    ("system", "zh-TW", "zh_TW"),
    ("system", "zh_HK.Big5-HKSCS", "zh_TW"),
    ("system", "zh_Hant", "zh_TW"),
    ("system", "zh-Hant-SG", "zh_TW"),
    ("system", "ZH_tw", "zh_TW"),
    ("system", "en_US", "en"),
    ("system", "fr_FR.UTF-8", "en"),
    ("system", "C", "en"),
    ("system", "", "en"),
    ("en", "zh_CN", "en"),
    ("zh_CN", "en_US", "zh_CN"),
    ("zh_TW", "zh_CN", "zh_TW"),
])
def test_resolve_language(setting: str, locale: str, expected: str) -> None:
    assert resolve_language(setting, locale) == expected


def test_resolve_language_rejects_an_unknown_setting() -> None:
    with pytest.raises(SettingsError, match=r"^language: 'fr' is not allowed"):
        resolve_language("fr", "fr_FR")


@pytest.mark.parametrize("url", ["postgresql://lina:secret@kb.example.com/assist",
                                 "postgresql://lina@kb.example.com/assist?sslmode=require&password=secret"])
def test_the_team_server_setting_never_holds_a_password(url: str) -> None:
    settings = Settings.load()
    with pytest.raises(SettingsError, match="without a password"):
        settings.set("team_server", url)
    settings.set("team_server", "postgresql://lina@kb.example.com/assist?sslmode=require")
    settings.save()
    assert "secret" not in settings_path().read_text("utf-8")
