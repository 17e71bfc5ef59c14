"""Everything a pack must pass before it may touch a store: limits and paths, a signature by a trusted
key, the hash of every file, the schema, sound scripts, valid FAQ entries and a clean compliance lint."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from knowledge.entries import FaqEntryData
from knowledge.importing import ImportFileError, parse_entries
from knowledge.lint import RuleSet, lint_entries
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
class PackContent:
    scripts: tuple[Script, ...]
    entries: tuple[FaqEntryData, ...]
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class VerifiedPack:
    manifest: Manifest
    signer: PublicKey
    content: PackContent

    @property
    def scripts(self) -> tuple[Script, ...]:
        return self.content.scripts

    @property
    def entries(self) -> tuple[FaqEntryData, ...]:
        return self.content.entries


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


def check_content(files: Mapping[str, bytes], rules: RuleSet | None = None) -> PackContent:
    """Scripts and FAQ entries of a pack, parsed, validated and linted; PackError at the first file
    that fails, naming the file, the step or line, and the field."""
    with _cyclic_gc_paused():
        return _check_content(files, rules)


def _check_content(files: Mapping[str, bytes], rules: RuleSet | None) -> PackContent:
    scripts: list[Script] = []
    entries: list[FaqEntryData] = []
    first_file: dict[str, str] = {}
    known_texts: dict[tuple[str, str], Text] = {}
    for name, data in sorted(files.items()):
        if name.startswith("scripts/"):
            try:
                scripts.append(_pack_script(data, name, known_texts))
            except ScriptError as error:
                raise PackError(f"invalid script: {error.problems[0]}{_more(len(error.problems) - 1)}"
                                ) from None
        else:
            try:
                file_entries = parse_entries(decode_utf8(data), PurePosixPath(name))
            except Utf8Error as error:
                raise PackError(f"{name}: {error}") from None
            except ImportFileError as error:
                raise PackError(f"invalid FAQ entry: {error}") from None
            for entry in file_entries:
                if entry.id in first_file:
                    raise PackError(f"invalid FAQ entry: {name}: id {entry.id!r} is also in "
                                    f"{first_file[entry.id]}")
                first_file[entry.id] = name
            entries += file_entries
    if not scripts and not entries:
        raise PackError("the pack holds no scripts and no FAQ entries")
    problems = validate_scripts(scripts)
    if problems:
        raise PackError(f"invalid script: {problems[0]}{_more(len(problems) - 1)}")
    errors: list[str] = []
    warnings: list[str] = []
    for script_finding in lint_scripts(scripts, rules):
        (errors if script_finding.finding.is_error else warnings).append(str(script_finding))
    for entry, findings in zip(entries, lint_entries(entries, rules), strict=True):
        for finding in findings:
            (errors if finding.is_error else warnings).append(f"FAQ {entry.id}: {finding.field}: {finding}")
    if errors:
        raise PackError(f"compliance lint: {errors[0]}{_more(len(errors) - 1)}")
    return PackContent(tuple(scripts), tuple(entries), tuple(warnings))


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


def check_unsigned(archive: PackArchive, app_version: str, rules: RuleSet | None = None
                   ) -> tuple[Manifest, PackContent]:
    """Everything install checks apart from the signature: what `sign` checks before signing."""
    manifest = parse_manifest(archive.manifest)
    check_files(archive, manifest)
    if parse_version(manifest.min_app_version, "min_app_version") > parse_version(app_version, "app version"):
        raise PackError(f"the pack needs Agent Assist {manifest.min_app_version} or newer; this is "
                        f"{app_version}")
    return manifest, check_content(archive.files, rules)


UNTRUSTED = ("signed by an untrusted key ({key}); if you trust its author, add their public key with "
             "`assist pack trust FILE`")


def verify_archive(archive: PackArchive, trusted: Mapping[str, PublicKey], app_version: str,
                   rules: RuleSet | None = None, untrusted: str = UNTRUSTED) -> VerifiedPack:
    """`untrusted`: what to say of a key not in `trusted` ({key}: its short fingerprint), where the
    keys are someone else's to trust (a team's)."""
    signature = parse_signature(archive.signature)
    signer = trusted.get(signature.fingerprint)
    if signer is None:
        raise PackError(untrusted.format(key=short(signature.fingerprint)))
    check_signature(archive.manifest, signature, signer)
    manifest, content = check_unsigned(archive, app_version, rules)
    return VerifiedPack(manifest, signer, content)


def verify_pack(path: Path, trusted: Mapping[str, PublicKey], app_version: str,
                rules: RuleSet | None = None) -> VerifiedPack:
    """The pack at `path`, fully checked; PackError (one line) for the first thing wrong with it."""
    return verify_archive(read_pack(path), trusted, app_version, rules)
