"""Making a pack from a lead's folder, and signing it."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from knowledge.lint import RuleSet
from scripts_lib.packs.archive import MAX_FILE_BYTES, read_pack, write_pack
from scripts_lib.packs.manifest import MANIFEST, Manifest, check_header, sha256
from scripts_lib.packs.problems import PackError, read_capped
from scripts_lib.packs.signing import sign_manifest
from scripts_lib.packs.verify import PackContent, check_content, check_unsigned

_HEADER_FIELDS = {"name", "version", "title", "author", "min_app_version"}


def _read(path: Path) -> bytes:
    data = read_capped(path, MAX_FILE_BYTES)
    if len(data) > MAX_FILE_BYTES:
        raise PackError(f"{path} is larger than {MAX_FILE_BYTES // 2**20} MB, the limit for a pack file")
    return data


def _header(source: Path) -> dict[str, object]:
    path = source / MANIFEST
    if not path.is_file():
        raise PackError(f"{source} has no {MANIFEST}; write one with name, version, title and author")
    try:
        header = tomllib.loads(_read(path).decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise PackError(f"{path}: not valid TOML: {error}") from None
    unknown = set(header) - _HEADER_FIELDS
    if unknown:
        raise PackError(f"{path}: unknown field '{sorted(unknown)[0]}' (a pack folder's {MANIFEST} has "
                        f"{', '.join(sorted(_HEADER_FIELDS))}; the rest is computed)")
    check_header(header, str(path))
    return header


def build_pack(source: Path, output: Path, app_version: str, key: Ed25519PrivateKey | None = None,
               rules: RuleSet | None = None) -> tuple[Manifest, PackContent]:
    """Check a folder (pack.toml, scripts/*.yaml, kb/*.jsonl) as an install would, then write the pack.

    Scripts are written as JSON, which is YAML too: the pack says exactly what was validated, and
    every sidebar verifying it reads JSON far faster than YAML.
    """
    source = Path(source)
    if not source.is_dir():
        raise PackError(f"{source} is not a folder")
    header = _header(source)
    originals = {f"scripts/{path.name}": _read(path)
                 for path in sorted((source / "scripts").glob("*.y*ml")) if path.is_file()}
    originals |= {f"kb/{path.name}": _read(path)
                  for path in sorted((source / "kb").glob("*.jsonl")) if path.is_file()}
    content = check_content(originals, rules)
    files = {name: data for name, data in originals.items() if name.startswith("kb/")}
    by_source = {script.source: script for script in content.scripts}
    for name in originals:
        if name.startswith("scripts/"):
            files[name] = (json.dumps(by_source[name].to_file_data(), ensure_ascii=False, indent=1)
                           + "\n").encode("utf-8")
    manifest = Manifest(
        name=str(header["name"]).strip(), version=str(header["version"]),
        title=str(header["title"]).strip(), author=str(header["author"]).strip(),
        created=dt.datetime.now(dt.UTC).replace(microsecond=0),
        min_app_version=str(header.get("min_app_version", app_version)),
        files={name: sha256(data) for name, data in files.items()})
    manifest_bytes = manifest.to_toml()
    signature = sign_manifest(manifest_bytes, key) if key is not None else None
    write_pack(output, manifest_bytes, files, signature)
    return manifest, content


def sign_pack(path: Path, key: Ed25519PrivateKey, app_version: str, rules: RuleSet | None = None
              ) -> Manifest:
    """Sign (or re-sign) a pack in place, after checking it as an install would: a signature vouches
    for the content, so nothing unchecked gets one."""
    archive = read_pack(path)
    manifest, _ = check_unsigned(archive, app_version, rules)
    write_pack(path, archive.manifest, archive.files, sign_manifest(archive.manifest, key))
    return manifest
