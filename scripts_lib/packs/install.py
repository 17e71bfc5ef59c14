"""Installing, rolling back and removing packs in a store, each in one transaction.

A pack owns the scripts and FAQ entries it installed (their `origin` is the pack's name). When it takes
over an item that was already there (a built-in script, a locally edited entry), the item's state is
kept aside and put back when the pack lets go of it; items only the pack ever had are archived, so
history and usage keep pointing at something.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from knowledge.entries import FaqEntryData, entry_from_mapping
from knowledge.importing import CheckedLine
from knowledge.models import FaqEntry, PackDisplaced, PackVersion, StoredScript
from knowledge.store import KnowledgeStore, ScriptRecord, as_utc, entry_data, origins_by_id, rows_by_id
from scripts_lib.packs.archive import read_pack_bytes
from scripts_lib.packs.manifest import parse_version
from scripts_lib.packs.problems import PackError
from scripts_lib.packs.signing import short
from scripts_lib.packs.verify import (
    CarriedScript,
    Checked,
    Installed,
    VerifiedPack,
    carried_entry,
    stored_content,
)

ACTIVE = "active"
PREVIOUS = "previous"


@dataclass(frozen=True)
class InstalledPack:
    name: str
    version: str
    title: str
    author: str
    signer: str
    installed_at: dt.datetime
    scripts: int
    entries: int
    previous: str | None


@dataclass(frozen=True)
class PackChange:
    """What an install, rollback or uninstall did; `version` is what is active afterwards (None when
    the pack is gone), `replaced` what was active before."""

    name: str
    version: str | None
    replaced: str | None
    changed: bool = True
    # Items the pack took back from a local edit or another pack; uninstalling brings those back.
    taken_back: int = 0


def _entry_from_record(record: dict[str, Any], origin: str) -> FaqEntryData:
    return dataclasses.replace(entry_from_mapping(record), origin=origin)


@dataclass(frozen=True)
class _Version:
    id: int
    version: str
    state: str
    content_digest: str


def _versions(session: Session, name: str) -> tuple[_Version | None, _Version | None]:
    """The active and previous versions' bookkeeping, without their content (megabytes of JSON)."""
    query = select(PackVersion.id, PackVersion.version, PackVersion.state, PackVersion.content_digest
                   ).where(PackVersion.name == name)
    rows = [_Version(*row) for row in session.execute(query)]
    active = next((row for row in rows if row.state == ACTIVE), None)
    previous = next((row for row in rows if row.state == PREVIOUS), None)
    return active, previous


class _Kind:
    """How one kind of item (scripts, FAQ entries) is read, set aside, put back and written."""

    name: str
    model: type[StoredScript] | type[FaqEntry]

    def snapshot(self, row: Any) -> dict[str, Any]:
        raise NotImplementedError

    def restored(self, snapshot: dict[str, Any]) -> Any:
        raise NotImplementedError

    def archived(self, row: Any) -> Any:
        raise NotImplementedError

    def wanted(self, pack: str, item: Any) -> Any:
        raise NotImplementedError

    def from_carried(self, carried: Any) -> Any:
        """A carried item (verify.PackContent), read for writing (what `wanted` takes)."""
        raise NotImplementedError

    def write(self, store: KnowledgeStore, session: Session, items: list[Any]) -> None:
        raise NotImplementedError


class _Scripts(_Kind):
    name, model = "script", StoredScript

    def snapshot(self, row: StoredScript) -> dict[str, Any]:
        return {"origin": row.origin, "status": row.status, "data": row.data}

    def restored(self, snapshot: dict[str, Any]) -> ScriptRecord:
        return ScriptRecord(id=snapshot["data"]["id"], data=snapshot["data"], origin=snapshot["origin"],
                            status=snapshot["status"])

    def archived(self, row: StoredScript) -> ScriptRecord:
        return ScriptRecord(id=row.id, data=row.data, origin=row.origin, status="archived")

    def wanted(self, pack: str, item: dict[str, Any]) -> ScriptRecord:
        return ScriptRecord(id=item["id"], data=item, origin=pack)

    def from_carried(self, carried: CarriedScript) -> dict[str, Any]:
        return carried.stored()

    def write(self, store: KnowledgeStore, session: Session, items: list[ScriptRecord]) -> None:
        store.put_scripts(items, session=session)


class _Entries(_Kind):
    name, model = "faq", FaqEntry

    def snapshot(self, row: FaqEntry) -> dict[str, Any]:
        return {"origin": row.origin, "record": entry_data(row).to_import_record()}

    def restored(self, snapshot: dict[str, Any]) -> FaqEntryData:
        return _entry_from_record(snapshot["record"], snapshot["origin"])

    def archived(self, row: FaqEntry) -> FaqEntryData:
        return dataclasses.replace(entry_data(row), status="archived")

    def wanted(self, pack: str, item: FaqEntryData) -> FaqEntryData:
        return dataclasses.replace(item, origin=pack, status="published")

    def from_carried(self, carried: CheckedLine) -> FaqEntryData:
        return carried_entry(carried)

    def write(self, store: KnowledgeStore, session: Session, items: list[FaqEntryData]) -> None:
        store.upsert(items, session=session)


def _apply_kind(store: KnowledgeStore, session: Session, pack: str, kind: _Kind,
                items: dict[str, Any], carried: Sequence[CarriedScript | CheckedLine] = ()) -> int:
    """Make the pack hold exactly `items` (by id) of one kind, plus `carried` (unchanged since the
    version installed); returns how many items it took back from a local edit or another pack since
    it last held them.

    Each pack keeps, per item it took over, the state it replaced. Taking an item from anyone else
    records what they had (again, if it changed hands since: a local edit made over the pack's content
    comes back on uninstall). Letting go of an item puts that state back; if someone else holds the
    item by then, the record goes to them instead, so whatever they let go of later falls back to it.
    """
    records = {row.item_id: row for row in session.scalars(
        select(PackDisplaced).where(PackDisplaced.pack == pack, PackDisplaced.kind == kind.name))}
    kept = {item.id: item for item in carried}
    owned = set(session.scalars(select(kind.model.id).where(kind.model.origin == pack,
                                                            kind.model.status == "published")))
    # What the pack still shows as it was stays untouched; what someone took from it meanwhile is
    # written again, like a changed item.
    items = items | {item_id: kind.from_carried(item) for item_id, item in kept.items()
                     if item_id not in owned}
    wanted_ids = set(items) | set(kept)
    # Who holds the rest: what the pack still shows is its own.
    holders = origins_by_id(session, kind.model, sorted(set(items) | set(records)))
    taken_back = 0
    taken = [item_id for item_id in items if item_id in holders and holders[item_id] != pack]
    for row in rows_by_id(session, kind.model, taken):
        if row.id in records:
            taken_back += 1
            records[row.id].data = kind.snapshot(row)
        else:
            session.add(PackDisplaced(pack=pack, kind=kind.name, item_id=row.id, data=kind.snapshot(row)))
    changes = [kind.wanted(pack, item) for item in items.values()]
    released = sorted(owned - wanted_ids)
    for row in rows_by_id(session, kind.model, released):
        record = records.pop(row.id, None)
        if record is not None:
            changes.append(kind.restored(record.data))
            session.delete(record)
        else:
            changes.append(kind.archived(row))
    # Items the pack had set something aside for but no longer holds: hand the record down.
    for item_id, record in records.items():
        if item_id in wanted_ids or item_id in owned:
            continue
        holder = holders.get(item_id)
        heir = session.get(PackDisplaced, (holder, kind.name, item_id)) if holder else None
        if heir is not None and heir.data.get("origin") == pack:
            heir.data = record.data
        session.delete(record)
    kind.write(store, session, changes)
    return taken_back


def _apply(store: KnowledgeStore, session: Session, name: str, scripts: Sequence[dict[str, Any]],
           entries: Sequence[FaqEntryData], carried_scripts: Sequence[CarriedScript] = (),
           carried_entries: Sequence[CheckedLine] = ()) -> int:
    """Make the store show exactly this content for the pack (the carried items as it has them)."""
    return (_apply_kind(store, session, name, _Scripts(), {data["id"]: data for data in scripts},
                        carried_scripts)
            + _apply_kind(store, session, name, _Entries(), {entry.id: entry for entry in entries},
                          carried_entries))


def install_pack(store: KnowledgeStore, pack: VerifiedPack, allow_downgrade: bool = False) -> PackChange:
    """Install a verified pack in one transaction; the version it replaces stays for rollback."""
    manifest = pack.manifest
    version = manifest.semver
    scripts = [script.to_json() for script in pack.scripts]
    content = pack.content
    with store.session() as session, session.begin():
        active, previous = _versions(session, manifest.name)
        if active is not None:
            installed = parse_version(active.version, "installed version")
            if version == installed:
                if active.content_digest == manifest.content_digest:
                    return PackChange(manifest.name, active.version, active.version, changed=False)
                raise PackError(f"{manifest.name} {manifest.version} is already installed with different "
                                "content; a changed pack needs a new version")
            if version < installed and not allow_downgrade:
                raise PackError(f"{manifest.name} {active.version} is installed; installing the older "
                                f"{manifest.version} needs --allow-downgrade")
            if previous is not None:
                session.execute(delete(PackVersion).where(PackVersion.id == previous.id))
            session.execute(update(PackVersion).where(PackVersion.id == active.id).values(state=PREVIOUS))
        # One INSERT, without the unit of work: nothing else in the session refers to the row.
        session.execute(insert(PackVersion).values(
            name=manifest.name, version=manifest.version, state=ACTIVE, title=manifest.title,
            author=manifest.author, signer=pack.signer.fingerprint,
            content_digest=manifest.content_digest, manifest=manifest.to_json(), **_kept(pack)))
        taken_back = _apply(store, session, manifest.name, scripts, pack.entries, content.carried_scripts,
                            content.carried_entries)
        return PackChange(manifest.name, manifest.version, active.version if active else None,
                          taken_back=taken_back)


def _kept(pack: VerifiedPack) -> dict[str, Any]:
    """What a pack version keeps for a rollback: the signed file itself, with what its check accepted
    (the next version checks again only what changed). Versions installed before 0008 keep their
    content as JSON in `scripts` and `entries` instead (_stored reads either)."""
    content = pack.content
    return {"archive": pack.data, "scripts": [], "entries": [], "checked": content.accepted.to_json(),
            "checked_under": content.checked_under or None}


def installed_checks(store: KnowledgeStore, name: str) -> Installed | None:
    """The installed version of a pack as its next version's check sees it (None: none installed, or
    one installed before checks were kept)."""
    with store.session() as session:
        row = session.execute(select(PackVersion.checked_under, PackVersion.manifest, PackVersion.checked)
                              .where(PackVersion.name == name, PackVersion.state == ACTIVE)).first()
    if row is None or not row.checked_under or row.checked is None:
        return None
    return Installed(name, row.checked_under, dict(row.manifest.get("files") or {}),
                     Checked.from_json(row.checked))


def _installed(session: Session, name: str) -> tuple[_Version, _Version | None]:
    active, previous = _versions(session, name)
    if active is None:
        raise PackError(f"no pack named '{name}' is installed")
    return active, previous


def _stored(session: Session, version: _Version, name: str
            ) -> tuple[list[dict[str, Any]], list[FaqEntryData]]:
    """The content a pack version keeps: read from its signed file, or its JSON."""
    row = session.execute(select(PackVersion.archive, PackVersion.scripts, PackVersion.entries)
                          .where(PackVersion.id == version.id)).one()
    if row.archive:
        try:
            scripts, entries = stored_content(read_pack_bytes(row.archive).files)
        except PackError as error:
            raise PackError(f"the copy kept of {name} {version.version} cannot be read: {error}") from None
        return scripts, [dataclasses.replace(entry, origin=name) for entry in entries]
    return row.scripts, [_entry_from_record(record, name) for record in row.entries]


def rollback_pack(store: KnowledgeStore, name: str) -> PackChange:
    """Return to the version installed before the active one; the active one is dropped."""
    with store.session() as session, session.begin():
        active, previous = _installed(session, name)
        if previous is None:
            raise PackError(f"{name} {active.version} has no previous version to roll back to")
        scripts, entries = _stored(session, previous, name)
        _apply(store, session, name, scripts, entries)
        session.execute(delete(PackVersion).where(PackVersion.id == active.id))
        session.execute(update(PackVersion).where(PackVersion.id == previous.id).values(state=ACTIVE))
        return PackChange(name, previous.version, active.version)


def uninstall_pack(store: KnowledgeStore, name: str) -> PackChange:
    """Remove a pack: what it took over comes back, what only it had is archived."""
    with store.session() as session, session.begin():
        active, _ = _installed(session, name)
        _apply(store, session, name, [], [])
        session.execute(delete(PackVersion).where(PackVersion.name == name))
        session.execute(delete(PackDisplaced).where(PackDisplaced.pack == name))
        return PackChange(name, None, active.version)


def _published_by_origin(session: Session, model: type[StoredScript] | type[FaqEntry]) -> dict[str, int]:
    query = (select(model.origin, func.count()).where(model.status == "published")
             .group_by(model.origin))
    return {origin: count for origin, count in session.execute(query)}


@dataclass(frozen=True)
class PackVersions:
    active: str
    previous: str | None


def pack_versions(store: KnowledgeStore) -> dict[str, PackVersions]:
    """Each installed pack's active and previous version, from the bookkeeping alone: what a sidebar
    following a team compares with the team's releases every round (installed_packs also counts
    every pack's items)."""
    with store.session() as session:
        rows = session.execute(select(PackVersion.name, PackVersion.version, PackVersion.state)).all()
    previous = {row.name: row.version for row in rows if row.state == PREVIOUS}
    return {row.name: PackVersions(row.version, previous.get(row.name))
            for row in rows if row.state == ACTIVE}


def installed_packs(store: KnowledgeStore) -> list[InstalledPack]:
    """Installed packs with what each shows in the store now (items another pack or a local edit took
    over are not counted)."""
    with store.session() as session:
        rows = session.execute(select(PackVersion.name, PackVersion.version, PackVersion.state,
                                      PackVersion.title, PackVersion.author, PackVersion.signer,
                                      PackVersion.installed_at).order_by(PackVersion.name)).all()
        scripts = _published_by_origin(session, StoredScript)
        entries = _published_by_origin(session, FaqEntry)
    previous = {row.name: row.version for row in rows if row.state == PREVIOUS}
    return [InstalledPack(name=row.name, version=row.version, title=row.title, author=row.author,
                          signer=short(row.signer),
                          installed_at=as_utc(row.installed_at),
                          scripts=scripts.get(row.name, 0), entries=entries.get(row.name, 0),
                          previous=previous.get(row.name))
            for row in rows if row.state == ACTIVE]
