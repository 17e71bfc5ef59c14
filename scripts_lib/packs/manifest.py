"""pack.toml: what a pack is (name, version, who made it, for which app) and the hash of every file."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import semver
import tomli_w

from scripts_lib.packs.problems import PackError

MANIFEST = "pack.toml"
SIGNATURE = "pack.sig"
# The manifest layout this version reads; a newer one means a newer app made the pack.
SCHEMA_VERSION = 1
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
# Origins the store uses for content that is not a pack's.
RESERVED_NAMES = frozenset({"builtin", "local", "demo"})
_SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
# What a pack may carry besides its manifest and signature.
CONTENT_RE = re.compile(r"^(?:scripts/[A-Za-z0-9][A-Za-z0-9._-]{0,120}\.ya?ml|"
                        r"kb/[A-Za-z0-9][A-Za-z0-9._-]{0,120}\.jsonl)$")
_FIELDS = {"schema", "name", "version", "title", "author", "created", "min_app_version", "files"}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parse_version(text: Any, what: str) -> semver.Version:
    if not isinstance(text, str):
        raise PackError(f"{what} must be a version such as \"1.2.0\"")
    try:
        return semver.Version.parse(text)
    except ValueError:
        raise PackError(f"{what} {text[:40]!r} is not a semantic version such as \"1.2.0\"") from None


@dataclass(frozen=True)
class Manifest:
    name: str
    version: str
    title: str
    author: str
    created: dt.datetime
    min_app_version: str
    files: Mapping[str, str] = field(default_factory=dict)
    schema: int = SCHEMA_VERSION

    @property
    def semver(self) -> semver.Version:
        return semver.Version.parse(self.version)

    @property
    def content_digest(self) -> str:
        """What the pack holds, apart from when it was built: the same digest means the same content."""
        # JSON, not joined lines: a newline inside a title must not make two manifests look alike.
        content = {"schema": self.schema, "name": self.name, "version": self.version, "title": self.title,
                   "author": self.author, "min_app_version": self.min_app_version,
                   "files": dict(sorted(self.files.items()))}
        return sha256(json.dumps(content, ensure_ascii=False, sort_keys=True).encode("utf-8"))

    def to_toml(self) -> bytes:
        return tomli_w.dumps({
            "schema": self.schema, "name": self.name, "version": self.version, "title": self.title,
            "author": self.author, "created": self.created, "min_app_version": self.min_app_version,
            "files": dict(sorted(self.files.items())),
        }).encode("utf-8")

    def to_json(self) -> dict[str, Any]:
        return {"schema": self.schema, "name": self.name, "version": self.version, "title": self.title,
                "author": self.author, "created": self.created.isoformat(),
                "min_app_version": self.min_app_version, "files": dict(self.files)}


def _text(data: Mapping[str, Any], key: str, limit: int = 200) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise PackError(f"{MANIFEST}: '{key}' is required text")
    if len(value) > limit:
        raise PackError(f"{MANIFEST}: '{key}' is longer than {limit} characters")
    return value.strip()


def check_header(data: Mapping[str, Any], where: str) -> None:
    """The fields a lead writes in the pack folder's pack.toml, checked before anything is built."""
    name = _text(data, "name", 64)
    if not NAME_RE.match(name):
        raise PackError(f"{where}: 'name' {name!r} must be lowercase letters, digits, '.', '_' or '-'")
    if name in RESERVED_NAMES:
        raise PackError(f"{where}: 'name' {name!r} is reserved; choose another")
    parse_version(data.get("version"), f"{where}: 'version'")
    _text(data, "title")
    _text(data, "author")
    if "min_app_version" in data:
        parse_version(data["min_app_version"], f"{where}: 'min_app_version'")


def parse_manifest(raw: bytes) -> Manifest:
    """A manifest from a pack, every field checked; PackError says which one is wrong."""
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise PackError(f"{MANIFEST} is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise PackError(f"{MANIFEST} is not valid TOML: {error}") from None
    schema = data.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool):
        raise PackError(f"{MANIFEST}: 'schema' must be a whole number")
    if schema != SCHEMA_VERSION:
        raise PackError(f"unknown pack schema version {schema}; this app reads version {SCHEMA_VERSION} "
                        "(a newer Agent Assist may read it)")
    unknown = set(data) - _FIELDS
    if unknown:
        raise PackError(f"{MANIFEST}: unknown field '{sorted(unknown)[0]}'")
    check_header(data, MANIFEST)
    created = data.get("created")
    if not isinstance(created, dt.datetime):
        raise PackError(f"{MANIFEST}: 'created' must be a date and time such as 2026-11-24T09:30:00Z")
    if created.tzinfo is None:
        created = created.replace(tzinfo=dt.UTC)
    min_app = data.get("min_app_version")
    parse_version(min_app, f"{MANIFEST}: 'min_app_version'")
    files = data.get("files")
    if not isinstance(files, dict) or not files:
        raise PackError(f"{MANIFEST}: 'files' must list every file of the pack with its SHA-256")
    for path, digest in files.items():
        if not CONTENT_RE.match(path):
            raise PackError(f"{MANIFEST}: '{path[:80]}' is not a pack file (scripts/NAME.yaml or "
                            "kb/NAME.jsonl)")
        if not isinstance(digest, str) or not _SHA256_RE.match(digest):
            raise PackError(f"{MANIFEST}: the hash of '{path}' must be 64 lowercase hex digits (SHA-256)")
    return Manifest(name=data["name"].strip(), version=data["version"], title=data["title"].strip(),
                    author=data["author"].strip(), created=created, min_app_version=str(min_app),
                    files=dict(files), schema=schema)
