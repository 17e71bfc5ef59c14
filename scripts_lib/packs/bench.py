"""`assist bench packs`: verify, install, upgrade and roll back a pack of 500 scripts and 5,000 FAQ
entries in a fresh store, and check that search shows each change at once."""

from __future__ import annotations

import json
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tomli_w
import yaml
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from knowledge.bench.synthetic import synthetic_entries
from knowledge.demo import demo_entries
from knowledge.search.service import KnowledgeSearch
from knowledge.store import KnowledgeStore
from scripts_lib.loading import builtin_scripts
from scripts_lib.model import script_doc_id
from scripts_lib.packs.build import build_pack
from scripts_lib.packs.install import install_pack, rollback_pack
from scripts_lib.packs.signing import PublicKey
from scripts_lib.packs.trust import trust_key, trusted_keys
from scripts_lib.packs.verify import verify_pack
from scripts_lib.storage import script_documents, sync_builtin_scripts

GOALS_MS = {"verify": 300, "install": 3000, "rollback": 1000}
REGIONS = ("华东", "华南", "华北", "西南", "西北", "东北", "华中", "港澳")


def _scripts(count: int, version: int) -> dict[str, dict[str, Any]]:
    """Variants of the built-in library (real sizes, real step graphs) under new ids and titles."""
    library = builtin_scripts()
    scripts: dict[str, dict[str, Any]] = {}
    for number in range(count):
        data = library[number % len(library)].to_file_data()
        region = REGIONS[number % len(REGIONS)]
        data["id"] = f"bench-{number:04d}-{data['id']}"[:100]
        data["title"] = {"zh-Hans": f"{region}{number}号线：{data['title']['zh-Hans']}",
                         "en": f"{region} line {number}: {data['title']['en']}"}
        if version > 1 and number % 10 == 0:
            data["title"]["zh-Hans"] += "（修订版）"
        scripts[f"{data['id']}.yaml"] = data
    return scripts


def _write_source(folder: Path, scripts: dict[str, dict[str, Any]], entries: list[dict[str, Any]],
                  version: str) -> Path:
    (folder / "scripts").mkdir(parents=True)
    (folder / "kb").mkdir()
    (folder / "pack.toml").write_text(tomli_w.dumps({
        "name": "bench-region-pack", "version": version, "title": "Benchmark region pack",
        "author": "assist bench"}), encoding="utf-8")
    for name, data in scripts.items():
        # Block YAML as a lead writes it; the build turns it into JSON.
        (folder / "scripts" / name).write_text(
            yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # Several files: one file of a pack is at most 1 MB.
    for start in range(0, len(entries), 500):
        (folder / "kb" / f"entries-{start // 500:03d}.jsonl").write_text(
            "".join(json.dumps(entry, ensure_ascii=False) + "\n" for entry in entries[start: start + 500]),
            encoding="utf-8")
    return folder


def _entries(count: int, version: int) -> list[dict[str, Any]]:
    generated = synthetic_entries(demo_entries(), count, seed=23)
    records: list[dict[str, Any]] = []
    for number, entry in enumerate(generated):
        record = entry.to_import_record() | {"id": f"bench-faq-{number:05d}"}
        if number == 0:
            record["title"] = f"基准包专用问题第{version}版"
        elif version > 1 and number % 10 == 0:
            record["body"] += "（已更新）"
        records.append(record)
    return records


def _timed(action: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    result = action()
    return result, (time.perf_counter() - started) * 1000


def _found(search: KnowledgeSearch, query: str, doc_id: str) -> tuple[bool, float]:
    def look() -> bool:
        search.refresh()
        return doc_id in [hit.doc_id for hit in search.search(query, limit=5)]

    found, elapsed = _timed(look)
    return bool(found), elapsed


def run_pack_benchmark(scripts: int = 500, entries: int = 5000, app_version: str = "0.1.0",
                       repeats: int = 5, log: Callable[[str], None] = lambda _line: None
                       ) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="assist-bench-packs-"))
    try:
        key = Ed25519PrivateKey.generate()
        log(f"building two versions of a pack with {scripts} scripts and {entries:,} FAQ entries")
        packs = []
        for version in (1, 2):
            source = _write_source(work / f"src{version}", _scripts(scripts, version),
                                   _entries(entries, version), f"1.{version - 1}.0")
            packs.append(work / f"bench-{version}.assistpack")
            build_pack(source, packs[-1], app_version, key)
        store = KnowledgeStore.open(work / "data")
        store.upsert(demo_entries())
        sync_builtin_scripts(store)
        trust_key(store, PublicKey(key.public_key(), "bench"))
        search = KnowledgeSearch(store, work / "data", script_documents=script_documents)
        trusted = trusted_keys(store)

        log("verifying")
        verify_ms = []
        for _ in range(repeats):
            verify_ms.append(_timed(lambda: verify_pack(packs[0], trusted, app_version))[1])

        def install(path: Path) -> None:
            install_pack(store, verify_pack(path, trusted, app_version))

        log("installing 1.0.0, then 1.1.0, then rolling back")
        _, install_ms = _timed(lambda: install(packs[0]))
        found_v1, refresh_v1_ms = _found(search, "基准包专用问题第1版", "bench-faq-00000")
        _, upgrade_ms = _timed(lambda: install(packs[1]))
        found_v2, refresh_v2_ms = _found(search, "基准包专用问题第2版", "bench-faq-00000")
        _, rollback_ms = _timed(lambda: rollback_pack(store, "bench-region-pack"))
        found_back, refresh_back_ms = _found(search, "基准包专用问题第1版", "bench-faq-00000")
        script_hit = script_doc_id(next(iter(_scripts(1, 1).values()))["id"], "zh-Hans")
        found_script, _ = _found(search, "华东0号线", script_hit)
        search.engine.index.close()
        store.close()
        figures = {"verify": statistics.median(verify_ms), "install": install_ms, "rollback": rollback_ms}
        return {
            "scripts": scripts, "entries": entries, "pack_bytes": packs[0].stat().st_size,
            "verify_ms": round(figures["verify"], 1), "verify_ms_runs": [round(v, 1) for v in verify_ms],
            "install_ms": round(install_ms, 1), "upgrade_install_ms": round(upgrade_ms, 1),
            "rollback_ms": round(rollback_ms, 1),
            "search_refresh_ms": {"after_install": round(refresh_v1_ms, 1),
                                  "after_upgrade": round(refresh_v2_ms, 1),
                                  "after_rollback": round(refresh_back_ms, 1)},
            "search_shows": {"install": found_v1, "upgrade": found_v2, "rollback": found_back,
                             "scripts": found_script},
            "goals_ms": GOALS_MS,
            "met": {name: figures[name] <= goal for name, goal in GOALS_MS.items()}
                   | {"search": found_v1 and found_v2 and found_back and found_script},
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)
