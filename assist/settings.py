"""Every user setting declared once (name, type, default, allowed values, description), kept in one JSON file.

Qt-free on purpose: the settings dialog and the sidebar adapt this module; they never define settings.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import os
import re
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, cast, overload

import platformdirs

from assist.paths import APP_NAME

FILE_NAME = "settings.json"
FORMAT_VERSION = 1

# The languages the UI is translated into (resources/translations/assist_<language>.ts).
UI_LANGUAGES = ("zh_CN", "zh_TW", "en")

SettingValue = str | int
StateValue = str | int | list[int] | None


class SettingsError(ValueError):
    """A setting that cannot be set or a settings file that cannot be written; one line naming which."""


@dataclass(frozen=True)
class SettingSpec:
    """One user setting, as the settings dialog shows it. `choices` or `minimum`/`maximum` bound the value."""

    name: str
    type: type[str] | type[int]
    default: SettingValue
    description: str
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    max_length: int = 200
    restart: bool = False  # takes effect the next time the sidebar starts
    # What else a text must satisfy, in words for error messages, with the test.
    rule: tuple[str, Callable[[str], bool]] | None = None

    def allowed(self) -> str:
        """The allowed values in words, for error messages."""
        if self.rule is not None:
            return f"text of at most {self.max_length} characters, {self.rule[0]}"
        if self.choices:
            return "one of " + ", ".join(repr(choice) for choice in self.choices)
        if self.type is int:
            return f"a whole number from {self.minimum} to {self.maximum}"
        return f"text of at most {self.max_length} characters"

    def check(self, value: object) -> SettingValue:
        """The value if it is allowed; otherwise SettingsError naming the setting and the allowed values."""
        if self._accepts(value):
            assert isinstance(value, str | int)
            return value
        raise SettingsError(f"{self.name}: {_shown(value)} is not allowed; expected {self.allowed()}")

    def _accepts(self, value: object) -> bool:
        if self.type is int:
            # bool is an int to Python, but `true` is never a font size.
            return (isinstance(value, int) and not isinstance(value, bool)
                    and (self.minimum is None or value >= self.minimum)
                    and (self.maximum is None or value <= self.maximum))
        if not isinstance(value, str):
            return False
        if self.choices:
            return value in self.choices
        return (len(value) <= self.max_length and not _CONTROL_CHARS.search(value)
                and (self.rule is None or self.rule[1](value)))


@dataclass(frozen=True)
class StateSpec:
    """UI state remembered between runs (not shown in the settings dialog)."""

    name: str
    default: StateValue
    description: str
    allowed: str
    accepts: Callable[[object], bool]

    def check(self, value: object) -> StateValue:
        if self.accepts(value):
            return _copied(cast(StateValue, value))
        raise SettingsError(f"{self.name}: {_shown(value)} is not allowed; expected {self.allowed}")


_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")
# user:password@ in a URL's authority, or a password= option in its query.
_URL_PASSWORD = re.compile(r"^[a-z][a-z0-9+.\-]*://[^/@?#]*:[^/@?#]*@|[?&](?:ssl)?password=", re.IGNORECASE)

SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec(
        "language", str, "system",
        "Language of the sidebar; 'system' follows the computer's language.",
        choices=("system", *UI_LANGUAGES)),
    SettingSpec(
        "theme", str, "system",
        "Light or dark colours; 'system' follows the desktop.",
        choices=("system", "light", "dark")),
    SettingSpec(
        "hotkey", str, "Ctrl+Alt+Space",
        "Key combination that shows the sidebar from any application, such as Ctrl+Alt+Space; "
        "empty turns it off.",
        max_length=64),
    SettingSpec(
        "data_dir", str, "",
        "Folder holding the knowledge base and scripts; empty uses the usual place on this computer.",
        max_length=4096, restart=True),
    SettingSpec(
        "font_size", int, 11,
        "Text size in points.",
        minimum=8, maximum=24),
    SettingSpec(
        "dock", str, "right",
        "Where the sidebar sits: docked at the right or left screen edge, or floating.",
        choices=("right", "left", "float")),
    SettingSpec(
        "agent_name", str, "",
        "Your work name or number, filled into lines ({agent.name}) and recorded with each call's wrap-up.",
        max_length=64),
    SettingSpec(
        "softphone", str, "",
        "A softphone's event socket the sidebar listens to for calls, such as baresip://127.0.0.1:4444 "
        "(baresip's ctrl_tcp module); empty turns it off.",
        max_length=200),
    SettingSpec(
        "call_http_port", int, 0,
        "Port on 127.0.0.1 where softphones and CTI systems report calls over HTTP "
        "(assist calls token shows the URL); 0 turns it off.",
        minimum=0, maximum=65535),
    SettingSpec(
        "knowledge_role", str, "agent",
        "What you do with the knowledge base: an agent reads it; an editor also writes drafts in the "
        "knowledge editor; a reviewer also approves them for agents.",
        choices=("agent", "editor", "reviewer")),
    SettingSpec(
        "phone_region", str, "CN",
        "Region whose dialling rules read numbers written without a country code (two letters, such as CN, "
        "HK or TW).",
        max_length=2),
    SettingSpec(
        "team_server", str, "",
        "The team server this sidebar follows, such as "
        "postgresql://lina@kb.example.com/assist?sslmode=require (no password: assist team login keeps it "
        "in the system keyring); empty uses this computer's own store.",
        max_length=500, restart=True,
        # A password here would sit in a file: the keyring holds it (assist team login).
        rule=("without a password in it", lambda text: not _URL_PASSWORD.search(text))),
)


def _is_geometry(value: object) -> bool:
    """QWidget.saveGeometry() as base64, or [x, y, width, height]; None when nothing is remembered yet."""
    if value is None:
        return True
    if isinstance(value, str):
        if not value or len(value) > 4096:
            return False
        try:
            base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            return False
        return True
    return (_is_int_list(value, 4, 4) and isinstance(value, list)
            and value[2] > 0 and value[3] > 0)


def _is_splitter_sizes(value: object) -> bool:
    return value is None or (_is_int_list(value, 1, 16) and isinstance(value, list)
                             and all(size >= 0 for size in value))


# The docked sidebar's width limits (assist.ui.docking keeps the window inside them).
MIN_DOCK_WIDTH, MAX_DOCK_WIDTH = 280, 900


def _is_dock_width(value: object) -> bool:
    return (isinstance(value, int) and not isinstance(value, bool)
            and MIN_DOCK_WIDTH <= value <= MAX_DOCK_WIDTH)


def _is_int_list(value: object, shortest: int, longest: int) -> bool:
    return (isinstance(value, list) and shortest <= len(value) <= longest
            and all(isinstance(item, int) and not isinstance(item, bool) and abs(item) < 1_000_000
                    for item in value))


STATE: tuple[StateSpec, ...] = (
    StateSpec("geometry", None, "Position and size of the floating window.",
              "null, base64 text from saveGeometry(), or [x, y, width, height]", _is_geometry),
    StateSpec("dock_width", 380, "Width of the docked sidebar in pixels.",
              "a whole number from 280 to 900", _is_dock_width),
    StateSpec("splitter_sizes", None, "Last sizes of the sidebar's splitter panes.",
              "null or a list of 1 to 16 non-negative whole numbers", _is_splitter_sizes),
)

_SETTINGS_BY_NAME = {spec.name: spec for spec in SETTINGS}
_STATE_BY_NAME = {spec.name: spec for spec in STATE}

StrSettingName = Literal["language", "theme", "hotkey", "data_dir", "dock", "agent_name", "softphone",
                         "phone_region", "knowledge_role", "team_server"]


def spec(name: str) -> SettingSpec:
    """The declaration of a user setting; SettingsError for a name that is not one."""
    try:
        return _SETTINGS_BY_NAME[name]
    except KeyError:
        raise SettingsError(f"{name!r} is not a setting; settings are "
                            + ", ".join(_SETTINGS_BY_NAME)) from None


def state_spec(name: str) -> StateSpec:
    try:
        return _STATE_BY_NAME[name]
    except KeyError:
        raise SettingsError(f"{name!r} is not a state entry; state entries are "
                            + ", ".join(_STATE_BY_NAME)) from None


def settings_path() -> Path:
    """$ASSIST_CONFIG_DIR/settings.json, else the platform's per-user config folder."""
    from_env = os.environ.get("ASSIST_CONFIG_DIR")
    if from_env:
        return Path(from_env).expanduser() / FILE_NAME
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / FILE_NAME


class Settings:
    """The user's settings and UI state, read from and saved to one JSON file.

    Only values that were read from the file or set since are stored, so a changed default reaches users
    who never touched the setting. A value the file holds but this version rejects (perhaps written by a
    newer version) reads as the default and is written back unchanged unless it is set anew; keys this
    version does not know are written back too. `problems` says, in English, what was wrong with the file.
    `on_change` callbacks get the name of a user setting whose value changed (not state).
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else settings_path()
        self.problems: list[str] = []
        self.on_change: list[Callable[[str], None]] = []
        self._values: dict[str, SettingValue] = {}
        self._state: dict[str, StateValue] = {}
        # What the file holds and this version does not use: written back as it was.
        self._extra_top: dict[str, Any] = {}
        self._extra_settings: dict[str, Any] = {}
        self._extra_state: dict[str, Any] = {}
        # Set when the file could not be read and could not be moved aside: saving must not overwrite it.
        self._unreadable_left_in_place = False
        self._file_version = FORMAT_VERSION

    # -- loading -----------------------------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        """Read the file; never raises for its content. A missing file means defaults, silently."""
        settings = cls(path)
        settings._read()
        return settings

    def _read(self) -> None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as error:
            self._set_aside(f"could not be read ({_reason(error)})")
            return
        try:
            document = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            self._set_aside("is not UTF-8 text")
            return
        except json.JSONDecodeError as error:
            self._set_aside(f"is not valid JSON ({error.msg} at line {error.lineno})")
            return
        if not isinstance(document, dict):
            self._set_aside(f"holds a JSON {_json_type(document)}, not an object")
            return
        for section in ("settings", "state"):
            if section in document and not isinstance(document[section], dict):
                self._set_aside(f"has a '{section}' entry that is a JSON {_json_type(document[section])}, "
                                "not an object")
                return
        self._take(document)

    def _take(self, document: dict[str, Any]) -> None:
        self._extra_top = {key: value for key, value in document.items()
                           if key not in ("version", "settings", "state")}
        version = document.get("version")
        if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
            self._file_version = version  # a newer version's file: do not claim it is older on save
        self._take_section(document.get("settings", {}), _SETTINGS_BY_NAME, self._values,
                           self._extra_settings, "")
        self._take_section(document.get("state", {}), _STATE_BY_NAME, self._state,
                           self._extra_state, "state ")

    def _take_section(self, items: dict[str, Any], specs: Mapping[str, SettingSpec | StateSpec],
                      values: dict[str, Any], extra: dict[str, Any], label: str) -> None:
        """Keep each value its spec accepts; a rejected or unknown one is kept aside, unchanged."""
        for name, value in items.items():
            spec_of = specs.get(name)
            if spec_of is None:
                extra[name] = value
                continue
            try:
                values[name] = spec_of.check(value)
            except SettingsError as error:
                extra[name] = value
                self.problems.append(f"{self.path}: {label}{error}; using the default {spec_of.default!r}")

    def _set_aside(self, what_is_wrong: str) -> None:
        """Move a file that cannot be used out of the way, so nothing in it is lost and defaults apply."""
        try:
            moved_to = _move_aside(self.path)
        except OSError as error:
            self._unreadable_left_in_place = True
            self.problems.append(
                f"{self.path} {what_is_wrong}; it could not be moved aside ({_reason(error)}), so it is left "
                "as it is and settings will not be saved until it is fixed or removed; using defaults")
            return
        self.problems.append(f"{self.path} {what_is_wrong}; it was moved to {moved_to} and defaults are used")

    # -- user settings -----------------------------------------------------------------------------------

    @overload
    def get(self, name: StrSettingName) -> str: ...
    @overload
    def get(self, name: Literal["font_size"]) -> int: ...
    @overload
    def get(self, name: str) -> SettingValue: ...

    def get(self, name: str) -> SettingValue:
        setting = spec(name)
        return self._values.get(name, setting.default)

    def set(self, name: str, value: object) -> None:
        """Validate and set (in memory; call save() to keep it); on_change runs if the value changed."""
        setting = spec(name)
        checked = setting.check(value)
        before = self.get(name)
        self._values[name] = checked
        self._extra_settings.pop(name, None)  # the user chose anew: the rejected file value goes
        if checked != before:
            for callback in list(self.on_change):
                callback(name)

    def reset(self, name: str) -> None:
        """Forget the stored value so the default applies (and later defaults too)."""
        before = self.get(name)
        self._values.pop(name, None)
        self._extra_settings.pop(name, None)
        if self.get(name) != before:
            for callback in list(self.on_change):
                callback(name)

    # -- UI state ----------------------------------------------------------------------------------------

    @overload
    def get_state(self, name: Literal["dock_width"]) -> int: ...
    @overload
    def get_state(self, name: Literal["geometry"]) -> str | list[int] | None: ...
    @overload
    def get_state(self, name: Literal["splitter_sizes"]) -> list[int] | None: ...
    @overload
    def get_state(self, name: str) -> StateValue: ...

    def get_state(self, name: str) -> StateValue:
        entry = state_spec(name)
        return _copied(self._state.get(name, entry.default))

    def set_state(self, name: str, value: object) -> None:
        self._state[name] = state_spec(name).check(value)
        self._extra_state.pop(name, None)

    # -- saving ------------------------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        """The document save() writes: what the file held, with this session's values over it."""
        settings: dict[str, Any] = dict(self._extra_settings)
        settings.update(self._values)
        state: dict[str, Any] = dict(self._extra_state)
        state.update(self._state)
        return {"version": self._file_version, "settings": settings, "state": state, **self._extra_top}

    def save(self) -> None:
        """Write atomically (temporary file, then os.replace); SettingsError leaves the old file intact."""
        if self._unreadable_left_in_place:
            # The file we could not read is still there: try once more to move it aside, never overwrite it.
            try:
                moved_to = _move_aside(self.path)
            except FileNotFoundError:
                pass  # someone removed it meanwhile; nothing left to lose
            except OSError as error:
                raise SettingsError(
                    f"Settings not saved: {self.path} could not be read and could not be moved aside "
                    f"({_reason(error)}); fix or remove it") from None
            else:
                self.problems.append(f"{self.path} was moved to {moved_to} before saving")
            self._unreadable_left_in_place = False
        text = json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n"
        _write_atomically(self.path, text)


def _write_atomically(path: Path, text: str) -> None:
    # Write next to the real file (a symlinked settings.json keeps its link), then swap it in.
    target = Path(os.path.realpath(path))
    temporary: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
        temporary = None
    except OSError as error:
        raise SettingsError(f"Settings not saved to {path}: {_reason(error)}") from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _timestamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


def _move_aside(path: Path) -> Path:
    """Rename to settings.json.broken-YYYYmmdd-HHMMSS (a free name: never over an earlier one)."""
    base = f"{path.name}.broken-{_timestamp()}"
    for attempt in range(100):
        candidate = path.with_name(base if attempt == 0 else f"{base}-{attempt}")
        if not os.path.lexists(candidate):
            os.rename(path, candidate)
            return candidate
    raise FileExistsError(f"too many {base}* files")


def _reason(error: OSError) -> str:
    return error.strerror or str(error) or type(error).__name__


def _json_type(value: object) -> str:
    return {list: "array", str: "string", int: "number", float: "number", bool: "boolean",
            type(None): "null", dict: "object"}.get(type(value), type(value).__name__)


def _shown(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False) if _is_json(value) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _is_json(value: object) -> bool:
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return False
    return True


def _copied(value: StateValue) -> StateValue:
    return list(value) if isinstance(value, list) else value


_TRADITIONAL_REGIONS = ("tw", "hk", "mo")


def resolve_language(setting: str, system_locale_name: str) -> Literal["zh_CN", "zh_TW", "en"]:
    """The UI language for a `language` setting: 'system' reads a locale name such as QLocale().name(),
    'zh_TW', 'zh-Hant-HK' or 'zh_CN.UTF-8'."""
    if setting in UI_LANGUAGES:
        return setting  # type: ignore[return-value]
    if setting != "system":
        raise SettingsError(f"language: {setting!r} is not allowed; expected {spec('language').allowed()}")
    name = system_locale_name.split(".", 1)[0].split("@", 1)[0].replace("-", "_").lower()
    parts = name.split("_")
    if parts[0] != "zh":
        return "en"
    if "hant" in parts:
        return "zh_TW"
    if "hans" in parts:
        return "zh_CN"
    return "zh_TW" if any(part in _TRADITIONAL_REGIONS for part in parts[1:]) else "zh_CN"
