"""`assist bench team`: N sidebars (each a real Follower: its own login and server connection, its own
SQLite replica, its own thread, in a few worker processes) follow one PostgreSQL server while an editor
(a process of its own) publishes entry changes and a lead pushes one pack.

Everything happens in a scratch database created on the given server and dropped afterwards, with
scratch logins for the sidebars (PostgreSQL roles belong to the cluster, so they are dropped too).

Figures:
- converged_s: from the editor's first change until every replica's content digest equals the
  server's (so it includes the time the editor took to publish: publish_s);
- lag_s: from the editor's last commit to that moment;
- pack_rollout_s: from the lead's push of a new version of the team's pack until every replica has it
  installed (the version before went out earlier: sidebars have installed packs before; an upgrade
  checks and writes only what it changed);
- first_pack_s: the same for that earlier version, which every sidebar checks in full;
- lost: (replica, changed entry) pairs where the replica does not hold the server's final version;
- server_cpu_s: CPU time the server's processes used from the first change to the end (a server on
  this machine only; null otherwise); server_cpu_s_pack: its part from the push of 1.1.0 on.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import URL

from assist.team.credentials import with_password
from assist.team.errors import TeamError
from assist.team.releases import publish, trust_team_key
from assist.team.schema import add_member, connect, group_role_names, init_database
from assist.team.sync import CURRENT, Follower, replica_digest, server_digest
from knowledge.bench.synthetic import synthetic_entries
from knowledge.demo import demo_entries
from knowledge.entries import FaqEntryData
from knowledge.models import FaqEntry
from knowledge.store import KnowledgeStore
from scripts_lib.packs.build import build_pack
from scripts_lib.packs.install import installed_packs
from scripts_lib.packs.signing import PublicKey

GOALS = {"converged_s": 10.0, "pack_rollout_s": 5.0, "lost": 0}
SEED_ENTRIES = 2000
# Changes per commit: 1 makes every change its own commit and notice (an editor approving one entry
# after another); larger batches are a reviewed batch published at once (kb import).
EDIT_BATCH = 100
# The pushed pack: a team's scripts and, by default, FAQ entries beside them (what makes a pack costly
# to check and install on every sidebar).
PACK_SCRIPTS, PACK_ENTRIES = 20, 200
TIMEOUT_S = 180.0
# Sidebars run in several processes: on their own computers none waits for another's turn at an
# interpreter lock, and fewer, larger groups would measure mostly that queue.
DEFAULT_WORKERS = 8
TEAM = "bench"


def _admin_engine(url: URL, database: str = "postgres") -> Any:
    return create_engine(with_password(url.set(database=database)), isolation_level="AUTOCOMMIT")


def _check_room(url: URL, clients: int) -> None:
    engine = _admin_engine(url, url.database or "postgres")
    try:
        with engine.connect() as connection:
            allowed = int(connection.execute(text("SHOW max_connections")).scalar_one())
            used = int(connection.execute(text("SELECT count(*) FROM pg_stat_activity")).scalar_one())
    finally:
        engine.dispose()
    needed = clients + 8
    if allowed - used < needed:
        raise TeamError(f"the server allows {allowed} connections ({used} in use); {clients} sidebars "
                        f"need about {needed}: raise max_connections, or start a server for the "
                        "benchmark with `python -m assist.team.localserver DIR --max-connections "
                        f"{clients + 100}`")


def _server_cpu() -> float | None:
    """CPU time of the PostgreSQL processes on this machine, with what their ended children used (a
    backend's time goes to the server's main process when it ends): the difference of two readings is
    all the server did between them, for connections that came and went too. None: no server here."""
    total, found = 0.0, False
    for process in psutil.process_iter(["name"]):
        if process.info["name"] not in ("postgres", "postmaster"):
            continue
        found = True
        try:
            times = process.cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system + times.children_user + times.children_system
    return total if found else None


def _pack(work: Path, app_version: str, key: Ed25519PrivateKey, version: int, entries: int) -> bytes:
    from scripts_lib.packs.bench import _entries, _scripts, _write_source

    source = _write_source(work / f"pack-src-{version}", _scripts(PACK_SCRIPTS, version),
                           _entries(entries, version) if entries else [], f"1.{version - 1}.0")
    path = work / f"team-{version}.assistpack"
    build_pack(source, path, app_version, key)
    return path.read_bytes()


def _changes(seed: list[FaqEntryData], edits: int) -> list[FaqEntryData]:
    return [dataclasses.replace(entry, body=f"{entry.body}（第{number}次修订）")
            for number, entry in enumerate(seed[:edits], 1)]


def _editor_main() -> None:
    """The editor process: `batch` changes per upsert (one commit, one notice each), as fast as the
    server takes them, when told to go."""

    setup = json.loads(sys.stdin.readline())
    store = KnowledgeStore.from_url(setup["url"])  # as an editor's app opens the server
    changed = _changes(synthetic_entries(demo_entries(), SEED_ENTRIES, seed=31), setup["edits"])
    batch = setup["batch"]

    def publish(order: dict[str, Any]) -> dict[str, Any]:
        if order["do"] == "publish":
            for start in range(0, len(changed), batch):
                store.upsert(changed[start: start + batch])
        return {"done": True}

    try:
        _serve(publish)
    finally:
        store.close()


def _wait(condition: Callable[[], bool], deadline: float, every: float = 0.05) -> bool:
    while time.perf_counter() < deadline:
        if condition():
            return True
        time.sleep(every)
    return condition()


class _Worker:
    """A process of the benchmark's own (the editor, or a group of sidebars), told what to do and
    answering in JSON lines: each runs as it would on a computer of its own, not queued behind the
    others at one interpreter's lock."""

    def __init__(self, main: str, setup: dict[str, Any]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", f"from assist.team.bench import {main}; {main}()"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        # URLs with passwords go through a pipe: never a command line or the environment.
        self.send(setup)

    def send(self, order: dict[str, Any]) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(order) + "\n")
        self.process.stdin.flush()

    def answer(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise TeamError("a benchmark process stopped unexpectedly")
        answer: dict[str, Any] = json.loads(line)
        if "error" in answer:
            raise TeamError(f"a benchmark process failed: {answer['error']}")
        return answer

    def close(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.send({"do": "stop"})
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _serve(answer: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
    """A worker's side of the pipe: one JSON answer per order until told to stop; an error is the
    answer too (the benchmark reads one line either way)."""
    try:
        for line in sys.stdin:
            order = json.loads(line)
            if order.get("do") == "stop":
                return
            print(json.dumps(answer(order)), flush=True)
    except Exception as error:
        print(json.dumps({"error": f"{type(error).__name__}: {error}"}), flush=True)


def _ask(groups: list[_Worker], order: dict[str, Any]) -> list[dict[str, Any]]:
    for group in groups:
        group.send(order)
    return [group.answer() for group in groups]


def _group_answer(order: dict[str, Any], followers: list[Follower]) -> dict[str, Any]:
    return _answer(order, followers) | {"cpu_s": time.process_time()}


def _answer(order: dict[str, Any], followers: list[Follower]) -> dict[str, Any]:
    deadline = time.perf_counter() + TIMEOUT_S
    if order["do"] == "first_sync":
        done = _wait(lambda: all(f.status.state == CURRENT for f in followers), deadline, 0.1)
        return {"at": time.time(), "done": done}
    if order["do"] == "caught_up":
        newest = tuple(order["cursor"])
        done = _wait(lambda: all(f.applied is not None and f.applied >= newest for f in followers),
                     deadline, 0.02)
        # When the last of them got there, not when the benchmark asked (it asks after the editor's
        # process has ended and the server's digest is read).
        return {"at": max((f.applied_at or time.time() for f in followers), default=time.time()),
                "done": done}
    if order["do"] == "digests":
        return {"digests": [replica_digest(f.replica) for f in followers]}
    if order["do"] == "lost":
        final: dict[str, int] = order["versions"]
        lost = 0
        for follower in followers:
            with follower.replica.session() as session:
                held = dict(session.execute(select(FaqEntry.id, FaqEntry.version)
                                            .where(FaqEntry.id.in_(list(final)))).tuples().all())
            lost += sum(1 for entry_id, version in final.items() if held.get(entry_id) != version)
        return {"lost": lost}
    # What each follower says it installed (free to read), then the replicas themselves, untimed.
    done = _wait(lambda: all(f.packs.get(order["name"]) == order["version"] for f in followers),
                 deadline, 0.02)
    at = time.time()
    installed = all(any(pack.name == order["name"] and pack.version == order["version"]
                        for pack in installed_packs(f.replica)) for f in followers)
    return {"at": at, "done": done and installed}


def _group_main() -> None:
    """One group of sidebars: answers the benchmark's questions with wall-clock times (time.time(),
    comparable between processes on one machine)."""
    setup = json.loads(sys.stdin.readline())
    from sqlalchemy.engine import make_url

    stop = threading.Event()
    followers = [Follower(make_url(url), KnowledgeStore.open(Path(folder)), setup["app_version"])
                 for url, folder in zip(setup["urls"], setup["folders"], strict=True)]
    threads = [threading.Thread(target=follower.run, args=(stop,), daemon=True) for follower in followers]
    for thread in threads:
        thread.start()

    try:
        _serve(lambda order: _group_answer(order, followers))
    finally:
        stop.set()
        for follower in followers:
            follower.wake()
        for thread in threads:
            thread.join(timeout=10)
        for follower in followers:
            follower.close()
            follower.replica.close()


def run_team_benchmark(url: URL, clients: int, edits: int, app_version: str, batch: int = EDIT_BATCH,
                       workers: int | None = None, pack_entries: int = PACK_ENTRIES,
                       log: Callable[[str], None] = lambda _line: None) -> dict[str, Any]:
    if url.get_backend_name() != "postgresql":
        raise TeamError("the team benchmark needs a PostgreSQL server")
    _check_room(url, clients)
    workers = max(1, min(clients, workers or DEFAULT_WORKERS))
    tag = secrets.token_hex(3)
    database = f"assist_bench_{tag}"
    agents = [f"bench_{tag}_a{number:04d}" for number in range(clients)]
    editor, lead = f"bench_{tag}_editor", f"bench_{tag}_lead"
    admin = _admin_engine(url)
    work = Path(tempfile.mkdtemp(prefix="assist-bench-team-"))
    groups: list[_Worker] = []
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{database}"'))
        server = connect(url.set(database=database))
        init_database(server)
        log(f"scratch database {database}: {clients} agents, an editor and a lead")
        # Real logins with passwords (held in memory only), as a server with password checks needs.
        passwords = {name: secrets.token_urlsafe(18) for name in [*agents, editor, lead]}
        for name in agents:
            add_member(server, name, "agent", TEAM, passwords[name])
        add_member(server, editor, "editor", TEAM, passwords[editor])
        add_member(server, lead, "lead", TEAM, passwords[lead])
        seed = synthetic_entries(demo_entries(), SEED_ENTRIES, seed=31)
        KnowledgeStore(server).upsert(seed)

        log(f"{clients} sidebars in {workers} processes: first sync of {SEED_ENTRIES:,} entries")
        started = time.time()
        for part in range(workers):
            names = agents[part::workers]
            groups.append(_Worker("_group_main", {
                "urls": [url.set(database=database, username=name, password=passwords[name])
                         .render_as_string(hide_password=False) for name in names],
                "folders": [str(work / name) for name in names], "app_version": app_version}))
        answers = _ask(groups, {"do": "first_sync"})
        if not all(answer["done"] for answer in answers):
            raise TeamError("the sidebars did not finish their first sync in time")
        first_sync_s = max(answer["at"] for answer in answers) - started
        cpu_before_edits = sum(answer["cpu_s"] for answer in answers)

        cpu_before = _server_cpu()
        changed = _changes(seed, edits)
        log(f"the editor publishes {len(changed):,} changes, {batch} per commit, from a process of its "
            "own (an editor works on another computer)")
        editor_url = url.set(database=database, username=editor, password=passwords[editor])
        editor_process = _Worker("_editor_main", {"url": editor_url.render_as_string(hide_password=False),
                                                  "edits": edits, "batch": batch})
        try:
            # Its changes prepared (answering means it got that far): only the publishing is timed.
            editor_process.send({"do": "ready"})
            editor_process.answer()
            edit_started = time.time()
            editor_process.send({"do": "publish"})
            editor_process.answer()
            publish_s = time.time() - edit_started
        finally:
            editor_process.close()
        with server.connect() as connection:
            newest = connection.execute(select(FaqEntry.generation, FaqEntry.id)
                                        .order_by(FaqEntry.generation.desc(), FaqEntry.id.desc()).limit(1)
                                        ).one()
            target = server_digest(connection)
            final = {row.id: row.version for row in connection.execute(
                select(FaqEntry.id, FaqEntry.version).where(FaqEntry.id.in_([e.id for e in changed])))}
        # Each replica's cursor is watched (free); the digests that prove convergence are compared
        # once the cursors say so, outside the time measured.
        answers = _ask(groups, {"do": "caught_up", "cursor": list(newest)})
        caught_up = all(answer["done"] for answer in answers)
        # Converged once every replica caught up, and no sooner than the editor's last commit.
        converged_s = max(publish_s, max(answer["at"] for answer in answers) - edit_started)
        edits_cpu_s = sum(answer["cpu_s"] for answer in answers) - cpu_before_edits
        digests = [digest for answer in _ask(groups, {"do": "digests"}) for digest in answer["digests"]]
        converged = caught_up and all(digest == target for digest in digests)
        if not converged:
            log(f"{sum(digest != target for digest in digests)} sidebar(s) did not converge")
        lost = sum(answer["lost"] for answer in _ask(groups, {"do": "lost", "versions": final}))

        key = Ed25519PrivateKey.generate()
        lead_engine = connect(url.set(database=database, username=lead, password=passwords[lead]))
        trust_team_key(lead_engine, TEAM, PublicKey(key.public_key(), "bench lead"), lead)
        # The team's pack, 1.0.0, went out earlier in the day: sidebars that ran all day have
        # installed packs before. What the goal is about is the lead's next version reaching everyone.
        first_data = _pack(work, app_version, key, 1, pack_entries)
        first_started = time.time()
        first, _ = publish(lead_engine, TEAM, first_data, lead, app_version)
        answers = _ask(groups, {"do": "pack", "name": first.name, "version": first.version})
        first_pack_s = max(answer["at"] for answer in answers) - first_started
        if not all(answer["done"] for answer in answers):
            raise TeamError("the sidebars did not install the team's first pack in time")
        data = _pack(work, app_version, key, 2, pack_entries)
        log(f"the lead pushes version 1.1.0 of the team's pack: {PACK_SCRIPTS} scripts and "
            f"{pack_entries} entries ({len(data):,} bytes)")
        cpu_before_push = sum(answer["cpu_s"] for answer in answers)
        server_before_push = _server_cpu()
        push_started = time.time()
        release, _ = publish(lead_engine, TEAM, data, lead, app_version)
        answers = _ask(groups, {"do": "pack", "name": release.name, "version": release.version})
        rolled = all(answer["done"] for answer in answers)
        pack_rollout_s = max(answer["at"] for answer in answers) - push_started
        pack_cpu_s = sum(answer["cpu_s"] for answer in answers) - cpu_before_push
        cpu_after = _server_cpu()
        server_cpu_s = cpu_after - cpu_before if cpu_after is not None and cpu_before is not None else None
        server_pack_s = (cpu_after - server_before_push
                         if cpu_after is not None and server_before_push is not None else None)
        lead_engine.dispose()
        server.dispose()
        result: dict[str, Any] = {
            "clients": clients, "edits": len(changed),
            "converged_s": round(converged_s, 2) if converged else None,
            "pack_rollout_s": round(pack_rollout_s, 2) if rolled else None,
            "lost": lost,
            "server_cpu_s": round(server_cpu_s, 2) if server_cpu_s is not None else None,
            "edits_per_commit": batch, "publish_s": round(publish_s, 2),
            "lag_s": round(converged_s - publish_s, 2), "first_sync_s": round(first_sync_s, 2),
            # CPU the sidebars' processes used for each: on their own computers this is spread over
            # N machines; in the benchmark it is what the two cores must find room for.
            "sidebar_cpu_ms_each": {"edits": round(edits_cpu_s * 1000 / clients, 1),
                                    "pack": round(pack_cpu_s * 1000 / clients, 1)},
            # The first version, where every sidebar checks everything (an upgrade checks what changed).
            "first_pack_s": round(first_pack_s, 2),
            # The server's share of server_cpu_s from the lead's push until every sidebar had the pack.
            "server_cpu_s_pack": round(server_pack_s, 2) if server_pack_s is not None else None,
            "seed_entries": SEED_ENTRIES, "sidebar_processes": workers,
            "pack": {"scripts": PACK_SCRIPTS, "entries": pack_entries, "bytes": len(data)},
            "goals": GOALS,
        }
        result["met"] = {"converged_s": converged and converged_s <= GOALS["converged_s"],
                         "pack_rollout_s": rolled and pack_rollout_s <= GOALS["pack_rollout_s"],
                         "lost": lost == 0}
        return result
    finally:
        for group in groups:
            group.close()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
            for name in [*agents, editor, lead, *reversed(list(group_role_names(database).values()))]:
                connection.execute(text(f'DROP ROLE IF EXISTS "{name}"'))
        admin.dispose()
        shutil.rmtree(work, ignore_errors=True)
