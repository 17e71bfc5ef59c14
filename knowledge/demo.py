"""Bundled demo content, loaded once into a new store so the sidebar is useful on first start."""

from __future__ import annotations

import shutil
from pathlib import Path

from knowledge.entries import FaqEntryData
from knowledge.importing import read_entries
from knowledge.resources import demo_dir
from knowledge.search.saved import SYNONYMS_FILE
from knowledge.store import KnowledgeStore

_LOADED = "demo_loaded"


def demo_entries() -> list[FaqEntryData]:
    entries: list[FaqEntryData] = []
    for path in sorted((demo_dir() / "faq").glob("*.jsonl")):
        entries += read_entries(path)
    return entries


def load_demo_content(store: KnowledgeStore) -> int:
    """Import the demo FAQ into a store that has never had it; returns how many entries were added."""
    if store.state(_LOADED) is not None:
        return 0
    added = 0
    if store.count() == 0:
        added = store.upsert(demo_entries()).created
    store.set_state(_LOADED, "1")
    return added


def ensure_synonyms_file(data_dir: Path) -> Path:
    """The user's editable copy of the synonym table, seeded from the bundled one."""
    target = Path(data_dir) / SYNONYMS_FILE
    if not target.exists():
        source = demo_dir() / SYNONYMS_FILE
        if source.exists():
            shutil.copyfile(source, target)
    return target
