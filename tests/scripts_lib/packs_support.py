"""Making packs for tests: real ones through build_pack, and hand-made zips that break one rule."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import tomli_w

from assist import __version__
from scripts_lib.loading import builtin_scripts
from scripts_lib.packs.manifest import SCHEMA_VERSION
from scripts_lib.packs.signing import private_key, sign_manifest
from tests.scripts_lib.sample import sample, to_yaml


def write_source(folder: Path, version: str = "1.0.0", name: str = "east-refunds",
                 scripts: Mapping[str, Any] | None = None,
                 entries: list[dict[str, Any]] | None = None) -> Path:
    """A lead's pack folder: by default one new script and two FAQ entries."""
    (folder / "scripts").mkdir(parents=True, exist_ok=True)
    (folder / "kb").mkdir(exist_ok=True)
    (folder / "pack.toml").write_text(tomli_w.dumps({
        "name": name, "version": version, "title": "East region refunds", "author": "Lead Wang"}),
        encoding="utf-8")
    if scripts is None:
        script = sample()
        script["id"] = "east-refund-check"
        script["title"] = {"zh-Hans": "华东退款核对流程", "en": "East region refund check"}
        scripts = {"east-refund-check.yaml": script}
    for file_name, data in scripts.items():
        (folder / "scripts" / file_name).write_text(to_yaml(data), encoding="utf-8")
    if entries is None:
        entries = [
            {"id": "east-refund-window", "title": "华东仓退款几天到账",
             "body": "华东仓签收退货后，原路退款一般两个工作日内到账。", "tags": ["退款", "华东"]},
            {"id": "east-pickup", "title": "华东上门取件怎么约",
             "body": "我可以为您在线预约上门取件，快递员会在约定时段上门。", "tags": ["退货"]},
        ]
    (folder / "kb" / "entries.jsonl").write_text(
        "".join(json.dumps(entry, ensure_ascii=False) + "\n" for entry in entries), encoding="utf-8")
    return folder


def builtin_script_files() -> dict[str, Any]:
    return {f"{script.id}.yaml": script.to_file_data() for script in builtin_scripts()}


def manifest_bytes(files: Mapping[str, bytes], **fields: Any) -> bytes:
    manifest: dict[str, Any] = {
        "schema": SCHEMA_VERSION, "name": "hand-made", "version": "1.0.0", "title": "Hand made",
        "author": "Tests", "created": dt.datetime(2026, 11, 24, 9, tzinfo=dt.UTC),
        "min_app_version": __version__,
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in files.items()},
    }
    manifest.update(fields)
    return tomli_w.dumps(manifest).encode("utf-8")


def hand_made_pack(path: Path, files: Mapping[str, bytes], key: str | None = "lead",
                   manifest: bytes | None = None, extra: Mapping[str, bytes] | None = None) -> Path:
    """A zip written entry by entry, so a test can put in exactly what a builder never would."""
    manifest = manifest if manifest is not None else manifest_bytes(files)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("pack.toml", manifest)
        if key is not None:
            archive.writestr("pack.sig", sign_manifest(manifest, private_key(key)))
        for name, data in {**files, **(extra or {})}.items():
            archive.writestr(name, data)
    return path


def script_bytes(data: Any) -> bytes:
    return to_yaml(data).encode("utf-8")


def zip_with_entry(path: Path, info: zipfile.ZipInfo, data: bytes, files: Mapping[str, bytes]) -> Path:
    """A signed hand-made pack plus one raw entry described by `info` (a symlink, an odd path)."""
    buffer = io.BytesIO()
    manifest = manifest_bytes(files)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("pack.toml", manifest)
        archive.writestr("pack.sig", sign_manifest(manifest, private_key("lead")))
        for name, content in files.items():
            archive.writestr(name, content)
        archive.writestr(info, data)
    path.write_bytes(buffer.getvalue())
    return path
