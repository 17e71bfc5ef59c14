"""Packs a lead pushes to a team: each pushed version is a release, rolled out to named agents or a
share of the team first and to everyone later; a lead's rollback withdraws the newest release, which
sends every sidebar on it back to the one before, the same way it came."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, update
from sqlalchemy.exc import DBAPIError

from assist.team import models
from assist.team.errors import TeamError, first_line
from knowledge.models import utcnow
from knowledge.store import as_utc
from scripts_lib.packs.archive import read_pack_bytes
from scripts_lib.packs.manifest import parse_version
from scripts_lib.packs.signing import PublicKey, parse_public_key
from scripts_lib.packs.verify import Installed, VerifiedPack, verify_archive

LIVE = "live"
WITHDRAWN = "withdrawn"
EVERYONE = 100


@dataclass(frozen=True)
class Release:
    """A pushed pack version without its bytes (those are fetched only by a sidebar that needs them)."""

    id: int
    team: str
    name: str
    version: str
    content_digest: str
    sha256: str
    size: int
    agents: tuple[str, ...]
    percent: int
    state: str
    published_by: str
    published_at: dt.datetime

    def targets(self, agent: str) -> bool:
        return self.percent >= EVERYONE or agent in self.agents or bucket(self.name, agent) < self.percent

    def audience(self) -> str:
        if self.percent >= EVERYONE:
            return "everyone"
        parts = [f"{self.percent}% of the team"] if self.percent else []
        if self.agents:
            parts.append(", ".join(self.agents))
        return " + ".join(parts) or "nobody yet"


def bucket(pack: str, agent: str) -> int:
    """Where an agent falls in 0..99 for one pack: the same agents form a pack's first 10% for every
    version, so a canary group stays the canary group."""
    digest = hashlib.sha256(f"{pack}\0{agent}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % 100


_COLUMNS = (models.releases.c.id, models.releases.c.team, models.releases.c.name,
            models.releases.c.version, models.releases.c.content_digest, models.releases.c.sha256,
            models.releases.c.size, models.releases.c.agents, models.releases.c.percent,
            models.releases.c.state, models.releases.c.published_by, models.releases.c.published_at)


def _release(row: Any) -> Release:
    values = dict(row._mapping)
    return Release(**values | {"agents": tuple(values["agents"] or ()),
                               "published_at": as_utc(values["published_at"])})


def releases(connection: Connection, team: str, name: str | None = None) -> list[Release]:
    """A team's releases, oldest first (row-level security shows an agent only their own team's)."""
    query = select(*_COLUMNS).where(models.releases.c.team == team).order_by(models.releases.c.id)
    if name is not None:
        query = query.where(models.releases.c.name == name)
    return [_release(row) for row in connection.execute(query)]


def wanted(team_releases: Iterable[Release], agent: str) -> dict[str, Release]:
    """For each pack the team ever pushed, the release this agent's sidebar should have installed: the
    newest live one aimed at them. A pack with none aimed at them is absent."""
    chosen: dict[str, Release] = {}
    for release in sorted(team_releases, key=lambda item: item.id):
        if release.state == LIVE and release.targets(agent):
            chosen[release.name] = release
    return chosen


DOWNLOAD_CHUNK = 1 << 20


def release_bytes(connection: Connection, release: Release,
                  progress: Callable[[int, int], None] | None = None) -> bytes:
    """The pack file of a release, fetched in pieces (so a large pack shows progress) and checked whole
    against what the lead pushed: a transfer cut short or altered on the way is refused before
    anything reads it."""
    column = models.releases.c.data
    parts: list[bytes] = []
    received = 0
    while received < release.size:
        piece = connection.execute(select(func.substr(column, received + 1, DOWNLOAD_CHUNK))
                                   .where(models.releases.c.id == release.id)).scalar_one_or_none()
        if not piece:
            break
        parts.append(bytes(piece))
        received += len(piece)
        if progress is not None:
            progress(received, release.size)
    data = b"".join(parts)
    if len(data) != release.size or hashlib.sha256(data).hexdigest() != release.sha256:
        raise TeamError(f"{release.name} {release.version} arrived damaged ({len(data):,} of "
                        f"{release.size:,} bytes, or a different checksum); it was not applied")
    return data


def team_keys(connection: Connection, team: str) -> dict[str, PublicKey]:
    """The keys a team's packs must be signed with."""
    rows = connection.execute(select(models.keys.c.fingerprint, models.keys.c.name,
                                     models.keys.c.public_key).where(models.keys.c.team == team))
    return {fingerprint: parse_public_key(text.encode("ascii"), f"team key {name}")
            for fingerprint, name, text in rows}


def verify_release(data: bytes, team: str, keys: Mapping[str, PublicKey], app_version: str,
                   installed: Installed | None = None) -> VerifiedPack:
    """`installed`: the installed version of the pack (installed_checks), so an upgrade checks again
    only what it changed."""
    # The team's keys, not this computer's, decide: say who can trust one, and how.
    untrusted = (f"signed by a key team {team} does not trust ({{key}}); a lead of the team trusts its "
                 f"author's public key with `assist pack trust FILE --team {team}`")
    return verify_archive(read_pack_bytes(data), keys, app_version, untrusted=untrusted, installed=installed)


def _check_audience(agents: Sequence[str], percent: int) -> None:
    if not 0 <= percent <= EVERYONE:
        raise TeamError(f"--percent must be between 0 and 100 (got {percent})")
    if not agents and percent == 0:
        raise TeamError("a staged release needs --agents or a --percent above 0")


def _check_members(connection: Connection, team: str, agents: Sequence[str]) -> None:
    """Named agents must be the team's: a mistyped name would stage a release for nobody, silently."""
    if not agents:
        return
    known = set(connection.execute(select(models.members.c.name).where(
        models.members.c.team == team, models.members.c.name.in_(sorted(set(agents))))).scalars())
    unknown = sorted(set(agents) - known)
    if unknown:
        raise TeamError(f"not in {team}: {', '.join(unknown)}; `assist team user list --team {team}` "
                        "shows who is")


def trust_team_key(engine: Engine, team: str, key: PublicKey, added_by: str) -> bool:
    """Let a team's sidebars accept packs signed with `key`; False when it already could."""
    try:
        with engine.begin() as connection:
            if key.fingerprint in team_keys(connection, team):
                return False
            connection.execute(insert(models.keys).values(
                team=team, fingerprint=key.fingerprint, name=key.name,
                public_key=key.to_openssh().strip(), added_by=added_by, added_at=utcnow()))
    except DBAPIError as error:
        raise TeamError(f"the server refused: {first_line(error)}") from None
    return True


def publish(engine: Engine, team: str, data: bytes, publisher: str, app_version: str,
            agents: Sequence[str] = (), percent: int = EVERYONE) -> tuple[Release, VerifiedPack]:
    """Push a pack file to a team. It is verified here against the team's own keys first, exactly as
    every sidebar will, so a pack the team would refuse never reaches the server."""
    _check_audience(agents, percent)
    try:
        with engine.begin() as connection:
            _check_members(connection, team, agents)
            pack = verify_release(data, team, team_keys(connection, team), app_version)
            manifest = pack.manifest
            # Two leads publishing at once must not both pass the checks below: one waits here.
            if connection.dialect.name == "postgresql":
                connection.execute(select(func.pg_advisory_xact_lock(func.hashtext(f"releases:{team}"))))
            every = releases(connection, team, manifest.name)
            # A version names one content for good: sidebars that installed it once (and were away
            # while it was withdrawn) would never learn it changed.
            for release in every:
                if release.version == manifest.version and release.content_digest != manifest.content_digest:
                    raise TeamError(f"{manifest.name} {manifest.version} was published with different "
                                    "content; a changed pack needs a new version")
            earlier = [release for release in every if release.state == LIVE]
            for release in earlier:
                if release.version == manifest.version:  # with the same content (checked above)
                    raise TeamError(f"{manifest.name} {manifest.version} is already published to "
                                    f"{team} ({release.audience()}); widen it with `assist pack promote`")
            if earlier and manifest.semver <= parse_version(earlier[-1].version, "published version"):
                raise TeamError(f"{manifest.name} {earlier[-1].version} is the newest release; to go "
                                f"back, `assist pack rollback {manifest.name} --team {team}`")
            now = utcnow()
            row_id = connection.execute(insert(models.releases).values(
                team=team, name=manifest.name, version=manifest.version,
                content_digest=manifest.content_digest, sha256=hashlib.sha256(data).hexdigest(),
                size=len(data), data=data, agents=sorted(set(agents)), percent=percent, state=LIVE,
                published_by=publisher, published_at=now, changed_at=now)
            ).inserted_primary_key[0]  # type: ignore[index]
            release = next(item for item in releases(connection, team, manifest.name)
                           if item.id == row_id)
    except DBAPIError as error:
        raise TeamError(f"the server refused: {first_line(error)}") from None
    return release, pack


def _newest_live(connection: Connection, team: str, name: str) -> Release:
    live = [release for release in releases(connection, team, name) if release.state == LIVE]
    if not live:
        raise TeamError(f"{team} has no live release of {name}")
    return live[-1]


def promote(engine: Engine, team: str, name: str, agents: Sequence[str] = (),
            percent: int = EVERYONE) -> Release:
    """Widen the newest release of a pack: more agents, a larger share, or everyone."""
    _check_audience(agents, percent)
    try:
        with engine.begin() as connection:
            _check_members(connection, team, agents)
            release = _newest_live(connection, team, name)
            merged = sorted(set(release.agents) | set(agents))
            connection.execute(update(models.releases).where(models.releases.c.id == release.id).values(
                agents=merged, percent=max(percent, release.percent), changed_at=utcnow()))
            return _newest_live(connection, team, name)
    except DBAPIError as error:
        raise TeamError(f"the server refused: {first_line(error)}") from None


def rollback(engine: Engine, team: str, name: str) -> tuple[Release, Release | None]:
    """Withdraw the newest release of a pack: every sidebar on it goes back to the release before (or
    removes the pack when there is none). Returns the withdrawn release and what is live now."""
    try:
        with engine.begin() as connection:
            release = _newest_live(connection, team, name)
            connection.execute(update(models.releases).where(models.releases.c.id == release.id)
                               .values(state=WITHDRAWN, changed_at=utcnow()))
            live = [item for item in releases(connection, team, name) if item.state == LIVE]
            return release, (live[-1] if live else None)
    except DBAPIError as error:
        raise TeamError(f"the server refused: {first_line(error)}") from None
