"""Everything a pack must pass before it may touch a store: limits and paths, a signature by a trusted
key, the hash of every file, the schema, sound scripts, valid FAQ entries and a clean compliance lint."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

from knowledge.entries import FaqEntryData, entry_from_mapping
from knowledge.importing import CheckedLine, ImportFileError, parse_entries, parse_entry_lines
from knowledge.lint import RuleSet, default_rules, lint_entries
from knowledge.safe_yaml import NotPlainJson, Utf8Error, decode_utf8, plain_json
from scripts_lib.lint import lint_scripts
from scripts_lib.loading import MAX_SCRIPT_BYTES, parse_script
from scripts_lib.model import Script, Text
from scripts_lib.packs.archive import PackArchive, read_pack
from scripts_lib.packs.manifest import Manifest, parse_manifest, parse_version, sha256
from scripts_lib.packs.problems import PackError
from scripts_lib.packs.signing import PublicKey, check_signature, parse_signature, short
from scripts_lib.problems import ScriptError
from scripts_lib.shape import quick_script
from scripts_lib.validation import validate_scripts


@dataclass(frozen=True)
class Checked:
    """What a check of a pack accepted, kept with the version installed (`accepted` of its content)
    so that the next version's check can skip what did not change: the id in each script file and
    in each line of JSON Lines entries (by the line's checksum, line_digest)."""

    scripts: dict[str, str] = field(default_factory=dict)
    lines: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"scripts": self.scripts, "lines": self.lines}

    @classmethod
    def from_json(cls, data: Any) -> Checked:
        if not isinstance(data, dict):
            return cls()
        return cls(dict(data.get("scripts") or {}), dict(data.get("lines") or {}))


@dataclass(frozen=True)
class Installed:
    """The installed version of a pack, as its next version's check sees it: under what checks
    (`under`: checked_under) it was accepted, its files' checksums (from its manifest) and what the
    check accepted."""

    pack: str
    under: str
    files: Mapping[str, str]
    checked: Checked


def checked_under(app_version: str, rules: RuleSet | None) -> str:
    """What a check's verdict depends on beside the content: the app's checks and the lint rules."""
    return f"{app_version} {(rules or default_rules()).digest[:24]}"


@dataclass(frozen=True)
class CarriedScript:
    """A script file with the same bytes as one the installed version's check accepted."""

    id: str
    name: str
    data: bytes

    def stored(self) -> dict[str, Any]:
        """Read again only when it has to be written (someone took it from the pack meanwhile)."""
        return _pack_script(self.data, self.name).to_json()


@dataclass(frozen=True)
class PackContent:
    scripts: tuple[Script, ...]
    entries: tuple[FaqEntryData, ...]
    warnings: tuple[str, ...]
    # Items exactly as the installed version had them, under the same checks (Installed): signed and
    # hashed like the rest, not parsed, validated or linted again. Their lint warnings were given
    # when that version was checked.
    carried_scripts: tuple[CarriedScript, ...] = ()
    carried_entries: tuple[CheckedLine, ...] = ()
    accepted: Checked = field(default_factory=Checked)
    checked_under: str = ""


@dataclass(frozen=True)
class VerifiedPack:
    manifest: Manifest
    signer: PublicKey
    content: PackContent
    data: bytes  # the signed file as it came, kept with the installed version

    @property
    def scripts(self) -> tuple[Script, ...]:
        return self.content.scripts

    @property
    def entries(self) -> tuple[FaqEntryData, ...]:
        return self.content.entries

    @property
    def carried(self) -> int:
        return len(self.content.carried_scripts) + len(self.content.carried_entries)


def carried_entry(line: CheckedLine) -> FaqEntryData:
    """A carried entry, read again only when it has to be written."""
    return entry_from_mapping(json.loads(line.text))


def _pack_script(data: bytes, name: str, known: dict[tuple[str, str], Text] | None = None) -> Script:
    """parse_script(data, name), the short way for what `pack build` writes: JSON of a sound shape.
    That shape nests a few levels only, so the parsed document's depth needs no walk of its own; and
    UTF-8 holds no half of a surrogate pair, so without a \\u escape no string has one. Anything else
    takes parse_script's way, which says what is wrong with it. `known`: texts read so far, shared."""
    if len(data) <= MAX_SCRIPT_BYTES:
        try:
            text = data.decode("utf-8-sig")  # as decode_utf8
            if text.lstrip().startswith("{"):  # as load_yaml, which reads nothing else as JSON
                script = quick_script(plain_json(text, check_depth=False), name,
                                      surrogates_possible="\\u" in text, known=known)
                if script is not None:
                    return script
        except (UnicodeDecodeError, NotPlainJson):
            pass
    return parse_script(data, name)


def _more(count: int) -> str:
    return f" (and {count} more)" if count else ""


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Checking a big pack makes hundreds of thousands of small objects (parsed documents, scripts,
    entries), none in a reference cycle, and keeps many of them. As they pile up the cyclic garbage
    collector runs again and again, the oldest generation's runs walking every live object of the
    process, the app's own included, and frees nothing: a good part of the check's time. Paused for
    the check, it runs as usual afterwards (its next run looks at what the check kept, once)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check_content(files: Mapping[str, bytes], rules: RuleSet | None = None,
                  installed: Installed | None = None) -> PackContent:
    """Scripts and FAQ entries of a pack, parsed, validated and linted; PackError at the first file
    that fails, naming the file, the step or line, and the field. With `installed` (given only when
    its checks are today's and `files` were checked against a manifest: check_unsigned), a script
    file with the bytes it accepted and a line of entries it accepted are carried, not checked again."""
    with _cyclic_gc_paused():
        return _check_content(files, rules, installed)


def _check_content(files: Mapping[str, bytes], rules: RuleSet | None, installed: Installed | None
                   ) -> PackContent:
    scripts: list[Script] = []
    entries: list[FaqEntryData] = []
    carried_scripts: list[CarriedScript] = []
    carried_entries: list[CheckedLine] = []
    accepted = Checked()
    earlier = installed.checked if installed is not None else Checked()
    first_file: dict[str, str] = {}
    known_texts: dict[tuple[str, str], Text] = {}
    for name, data in sorted(files.items()):
        if name.startswith("scripts/"):
            script_id = earlier.scripts.get(name)
            if (script_id is not None and installed is not None
                    and installed.files.get(name) == sha256(data)):
                carried_scripts.append(CarriedScript(script_id, name, data))
                accepted.scripts[name] = script_id
                continue
            try:
                script = _pack_script(data, name, known_texts)
            except ScriptError as error:
                raise PackError(f"invalid script: {error.problems[0]}{_more(len(error.problems) - 1)}"
                                ) from None
            scripts.append(script)
            accepted.scripts[name] = script.id
        else:
            path = PurePosixPath(name)
            try:
                text = decode_utf8(data)
                # JSON Lines (what `pack build` takes) line by line, with each line's checksum.
                lines = (parse_entry_lines(text, path, earlier.lines) if path.suffix.lower() == ".jsonl"
                         else [("", entry) for entry in parse_entries(text, path)])
            except Utf8Error as error:
                raise PackError(f"{name}: {error}") from None
            except ImportFileError as error:
                raise PackError(f"invalid FAQ entry: {error}") from None
            for digest, entry in lines:
                if entry.id in first_file:
                    raise PackError(f"invalid FAQ entry: {name}: id {entry.id!r} is also in "
                                    f"{first_file[entry.id]}")
                first_file[entry.id] = name
                if digest:
                    accepted.lines[digest] = entry.id
                if isinstance(entry, CheckedLine):
                    carried_entries.append(entry)
                else:
                    entries.append(entry)
    if not first_file and not accepted.scripts:
        raise PackError("the pack holds no scripts and no FAQ entries")
    problems = validate_scripts(scripts)
    if problems:
        raise PackError(f"invalid script: {problems[0]}{_more(len(problems) - 1)}")
    # validate_scripts saw the scripts checked now; a carried one's id must not come back in them.
    first_source = {script.id: script.source for script in scripts}
    for carried in carried_scripts:
        if carried.id in first_source:
            raise PackError(f"invalid script: {carried.name}: duplicate script id '{carried.id}'; "
                            f"{first_source[carried.id]} uses it too")
        first_source[carried.id] = carried.name
    errors: list[str] = []
    warnings: list[str] = []
    for script_finding in lint_scripts(scripts, rules):
        (errors if script_finding.finding.is_error else warnings).append(str(script_finding))
    for entry, findings in zip(entries, lint_entries(entries, rules), strict=True):
        for finding in findings:
            (errors if finding.is_error else warnings).append(f"FAQ {entry.id}: {finding.field}: {finding}")
    if errors:
        raise PackError(f"compliance lint: {errors[0]}{_more(len(errors) - 1)}")
    return PackContent(tuple(scripts), tuple(entries), tuple(warnings), tuple(carried_scripts),
                       tuple(carried_entries), accepted)


def stored_content(files: Mapping[str, bytes]) -> tuple[list[dict[str, Any]], list[FaqEntryData]]:
    """The scripts (as stored: Script.to_json) and entries of a pack that passed its checks when it was
    installed, read again for a rollback: parsed, not validated or linted again (the rules may have
    changed since, and a rollback must still bring back what was there)."""
    scripts: list[dict[str, Any]] = []
    entries: list[FaqEntryData] = []
    try:
        for name, data in sorted(files.items()):
            if name.startswith("scripts/"):
                scripts.append(_pack_script(data, name).to_json())
            else:
                entries += parse_entries(decode_utf8(data), PurePosixPath(name))
    except (ScriptError, ImportFileError, Utf8Error) as error:
        raise PackError(str(error)) from None
    return scripts, entries


def check_files(archive: PackArchive, manifest: Manifest) -> None:
    """Every file the manifest lists is there with its hash, and nothing else is."""
    for name in sorted(archive.files):
        if name not in manifest.files:
            raise PackError(f"'{name}' is in the pack but not in its manifest")
    for name, expected in sorted(manifest.files.items()):
        data = archive.files.get(name)
        if data is None:
            raise PackError(f"'{name}' is listed in the manifest but missing from the pack")
        if sha256(data) != expected:
            raise PackError(f"hash mismatch: '{name}' is not the file that was signed")


def check_unsigned(archive: PackArchive, app_version: str, rules: RuleSet | None = None,
                   installed: Installed | None = None) -> tuple[Manifest, PackContent]:
    """Everything install checks apart from the signature: what `sign` checks before signing.
    `installed`: the installed version of the pack (installed_checks), used only if it passed the
    same checks."""
    manifest = parse_manifest(archive.manifest)
    check_files(archive, manifest)
    if parse_version(manifest.min_app_version, "min_app_version") > parse_version(app_version, "app version"):
        raise PackError(f"the pack needs Agent Assist {manifest.min_app_version} or newer; this is "
                        f"{app_version}")
    under = checked_under(app_version, rules)
    if installed is not None and (installed.pack, installed.under) != (manifest.name, under):
        installed = None
    return manifest, replace(check_content(archive.files, rules, installed), checked_under=under)


UNTRUSTED = ("signed by an untrusted key ({key}); if you trust its author, add their public key with "
             "`assist pack trust FILE`")


def verify_archive(archive: PackArchive, trusted: Mapping[str, PublicKey], app_version: str,
                   rules: RuleSet | None = None, untrusted: str = UNTRUSTED,
                   installed: Installed | None = None) -> VerifiedPack:
    """`untrusted`: what to say of a key not in `trusted` ({key}: its short fingerprint), where the
    keys are someone else's to trust (a team's). `installed`: as check_unsigned."""
    signature = parse_signature(archive.signature)
    signer = trusted.get(signature.fingerprint)
    if signer is None:
        raise PackError(untrusted.format(key=short(signature.fingerprint)))
    check_signature(archive.manifest, signature, signer)
    manifest, content = check_unsigned(archive, app_version, rules, installed)
    return VerifiedPack(manifest, signer, content, archive.data)


def verify_pack(path: Path, trusted: Mapping[str, PublicKey], app_version: str,
                rules: RuleSet | None = None) -> VerifiedPack:
    """The pack at `path`, fully checked; PackError (one line) for the first thing wrong with it."""
    return verify_archive(read_pack(path), trusted, app_version, rules)
