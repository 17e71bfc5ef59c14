"""Scripts in the knowledge store: to and from stored records, and the built-in library's sync."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from knowledge.resources import resources_dir
from knowledge.search.document import SearchDocument
from knowledge.store import ImportResult, KnowledgeStore, ScriptRecord
from scripts_lib.loading import SCRIPT_SUFFIXES, builtin_scripts
from scripts_lib.model import Script, script_id_of

BUILTIN = "builtin"


def script_record(script: Script, origin: str = BUILTIN) -> ScriptRecord:
    return ScriptRecord(id=script.id, data=script.to_json(), origin=origin)


def script_from_record(record: ScriptRecord) -> Script:
    return Script.from_json(record.data)


def script_documents(record: ScriptRecord) -> Sequence[SearchDocument]:
    """What KnowledgeSearch indexes for a stored script."""
    return script_from_record(record).to_documents()


def published_script(store: KnowledgeStore, script_id: str) -> Script | None:
    record = store.script(script_id)
    if record is None or record.status != "published":
        return None
    return script_from_record(record)


def load_stored_script(store: KnowledgeStore, doc_id: str) -> tuple[Script, str] | None:
    """The published script behind a search hit, with the hit's language."""
    named = script_id_of(doc_id)
    if named is None:
        return None
    script = published_script(store, named[0])
    return (script, named[1]) if script is not None else None


def sync_builtin_scripts(store: KnowledgeStore) -> ImportResult:
    """Bring the built-in scripts in the store up to this version's library.

    Runs on every start: unchanged scripts are left alone (no new generation, no reindex). A script
    a pack has taken over (same id, another origin) stays the pack's; a built-in script this version
    no longer ships is archived, not deleted, so history keeps it.
    """
    stored = store.scripts(status=None)
    fingerprint = _library_fingerprint()
    if fingerprint is not None and store.state(_SYNCED) == _synced_state(fingerprint, stored):
        # Nothing shipped and nothing stored changed since the last sync: parsing 19 YAML files
        # would cost most of a start for the same answer.
        return ImportResult(0, 0, sum(1 for record in stored if record.origin == BUILTIN))
    shipped = {script.id: script for script in builtin_scripts()}
    taken_over = {record.id for record in stored if record.origin != BUILTIN}
    records = [script_record(script) for script_id, script in shipped.items()
               if script_id not in taken_over]
    records += [ScriptRecord(id=record.id, data=record.data, origin=BUILTIN, status="archived")
                for record in stored
                if record.origin == BUILTIN and record.status == "published"
                and record.id not in shipped]
    result = store.put_scripts(records)
    if fingerprint is not None:
        store.set_state(_SYNCED, _synced_state(fingerprint, store.scripts(status=None)))
    return result


_SYNCED = "builtin_scripts_synced"


def _library_fingerprint() -> str | None:
    """A hash of the shipped script files' names and bytes; None when they cannot be read."""
    digest = hashlib.sha256()
    try:
        for path in sorted((resources_dir() / "scripts").iterdir()):
            if path.suffix in SCRIPT_SUFFIXES and path.is_file():
                digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    except OSError:
        return None
    return digest.hexdigest()


def _synced_state(fingerprint: str, stored: Sequence[ScriptRecord]) -> str:
    """The library and what the store held right after syncing it: any later change to either,
    by a pack, an editor or a new version, makes the next start sync again."""
    rows = sorted((record.id, record.origin, record.status,
                   hashlib.sha256(json.dumps(record.data, sort_keys=True, ensure_ascii=False)
                                  .encode()).hexdigest()[:16]) for record in stored)
    return json.dumps([fingerprint, rows], ensure_ascii=False)
