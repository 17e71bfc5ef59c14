"""Scripts in the knowledge store: to and from stored records, and the built-in library's sync."""

from __future__ import annotations

from collections.abc import Sequence

from knowledge.search.document import SearchDocument
from knowledge.store import ImportResult, KnowledgeStore, ScriptRecord
from scripts_lib.loading import builtin_scripts
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
    shipped = {script.id: script for script in builtin_scripts()}
    stored = store.scripts(status=None)
    taken_over = {record.id for record in stored if record.origin != BUILTIN}
    records = [script_record(script) for script_id, script in shipped.items()
               if script_id not in taken_over]
    records += [ScriptRecord(id=record.id, data=record.data, origin=BUILTIN, status="archived")
                for record in stored
                if record.origin == BUILTIN and record.status == "published"
                and record.id not in shipped]
    return store.put_scripts(records)
