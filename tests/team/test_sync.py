"""Sidebars following a team server: converging, woken by notices, offline and back, a server killed
mid-sync."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from assist.team import models, sync
from assist.team.errors import TeamError
from assist.team.localserver import LocalPostgres
from assist.team.schema import group_roles
from assist.team.sync import TEAM_ORIGIN, Follower, SyncStatus, replica_digest, server_digest
from knowledge.models import FaqEntry, UsageEvent
from knowledge.usage import UsageLog
from tests.team.support import Running, TeamDb, entries, entry, team_database, wait_until


@pytest.fixture
def team(pg_database_url: str) -> Iterator[TeamDb]:
    with team_database(pg_database_url) as made:
        made.server_store().upsert([entry("refund-days", "退款几天到账"), entry("pickup", "上门取件"),
                                    entry("old", "旧条目", status="archived")])
        yield made


@pytest.fixture
def own_team(own_team: TeamDb) -> TeamDb:
    own_team.server_store().upsert([entry("refund-days", "退款几天到账"), entry("pickup", "上门取件")])
    return own_team


def digest_of(team: TeamDb) -> str:
    with team.admin.connect() as connection:
        return server_digest(connection)


def durable(team: TeamDb) -> None:
    """The private cluster commits asynchronously (fsync off): a kill may lose the last commits, which is
    not what these tests are about. A checkpoint writes them out."""
    with team.admin.connect() as connection:
        connection.execute(text("CHECKPOINT"))


def cursor(follower: Follower) -> tuple[int, str]:
    generation, last_id = json.loads(follower.replica.state("team_cursor") or '[0, ""]')
    return int(generation), str(last_id)


def team_ids(follower: Follower) -> list[str]:
    with follower.replica.session() as session:
        return list(session.scalars(select(FaqEntry.id).where(FaqEntry.origin == TEAM_ORIGIN)
                                    .order_by(FaqEntry.id)))


# -- two sidebars --------------------------------------------------------------------------------------


def test_two_sidebars_converge_while_an_editor_changes_entries(team: TeamDb, tmp_path: Path) -> None:
    alice = team.follower("alice", tmp_path / "a")
    bob = team.follower("bob", tmp_path / "b")
    first = alice.sync_once()
    assert first.entries == 3 and alice.status.state == "current" and alice.status.since is not None
    assert alice.status.member is not None and alice.status.member.name == team.name("alice")
    bob.sync_once()
    assert replica_digest(alice.replica) == replica_digest(bob.replica) == digest_of(team)
    editor = team.server_store("ed")
    for round_number in range(3):
        editor.upsert(entries(40, prefix=f"r{round_number}", version=round_number))
        editor.upsert([entry("refund-days", f"退款几天到账（第 {round_number} 次修改）")])
        if round_number == 1:
            editor.upsert([entry("pickup", "上门取件", status="archived")])
        alice.sync_once()
    bob.sync_once()  # bob was away for the rounds: one pull catches up
    server = digest_of(team)
    assert replica_digest(alice.replica) == replica_digest(bob.replica) == server
    assert alice.replica.count("published") == bob.replica.count("published") == 1 + 3 * 40
    assert alice.replica.get("pickup").status == "archived"  # type: ignore[union-attr]
    assert alice.replica.get("refund-days").title == "退款几天到账（第 2 次修改）"  # type: ignore[union-attr]
    # nothing changed: a round pulls nothing
    assert not alice.sync_once().changed
    assert replica_digest(alice.replica) == server


def test_a_notice_wakes_a_waiting_sidebar(team: TeamDb, tmp_path: Path) -> None:
    alice = team.follower("alice", tmp_path / "a")
    alice.sync_once()
    # nothing happens: the wait times out
    assert alice.wait_for_change(0.2) is False
    woken: list[bool] = []
    waiter = threading.Thread(target=lambda: woken.append(alice.wait_for_change(120)), daemon=True)
    waiter.start()
    time.sleep(0.3)  # most likely blocked on the socket by now (if not, the notice waits there for it)
    team.server_store("ed").upsert([entry("new-one", "新条目")])
    waiter.join(20)
    assert woken == [True], "the commit's notice did not end the wait"
    report = alice.sync_once()
    assert report.entries == 1 and alice.replica.get("new-one") is not None
    assert replica_digest(alice.replica) == digest_of(team)


def test_wake_ends_a_wait_and_a_notice_during_a_sync_is_not_lost(team: TeamDb, tmp_path: Path) -> None:
    alice = team.follower("alice", tmp_path / "a")
    alice.sync_once()
    alice.wake()
    assert alice.wait_for_change(30) is True
    # a change committed while the sidebar is busy (not waiting) ends the next wait at once: the
    # notice is already on the connection when the wait begins
    team.server_store("ed").upsert([entry("while-busy", "忙时的修改")])
    woken: list[bool] = []
    waiter = threading.Thread(target=lambda: woken.append(alice.wait_for_change(120)), daemon=True)
    waiter.start()
    waiter.join(20)
    assert woken == [True], "a notice that came before the wait did not end it"
    assert alice.sync_once().entries == 1


def test_polling_finds_changes_without_notices(team: TeamDb, tmp_path: Path) -> None:
    alice = team.follower("alice", tmp_path / "a")
    alice.sync_once()
    # commits the follower never hears of (it is not waiting): the next round still finds them
    team.server_store("ed").upsert(entries(10, prefix="quiet"))
    report = alice.sync_once()
    assert report.entries == 10
    assert replica_digest(alice.replica) == digest_of(team)


def test_run_follows_changes_as_they_come(team: TeamDb, tmp_path: Path) -> None:
    # the poll interval is far beyond the test's patience: only the notices can bring the changes
    alice = team.follower("alice", tmp_path / "a", poll_seconds=600)
    with Running(alice):
        wait_until(lambda: alice.status.state == "current", what="the first sync")
        team.server_store("ed").upsert([entry("live", "实时条目")])
        wait_until(lambda: alice.replica.get("live") is not None, what="the notice to bring the entry")
        team.server_store("ed").upsert([entry("live", "实时条目（改）")])
        wait_until(lambda: alice.replica.get("live").title == "实时条目（改）",  # type: ignore[union-attr]
                   what="the second notice")
    assert replica_digest(alice.replica) == digest_of(team)


def test_run_polls_when_no_notice_can_arrive(team: TeamDb, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    # as behind a pooler that drops LISTEN: the sidebar listens where nothing is ever said
    monkeypatch.setattr(sync, "CHANNEL", "nobody_talks_here")
    alice = team.follower("alice", tmp_path / "a", poll_seconds=0.3)
    with Running(alice):
        wait_until(lambda: alice.status.state == "current", what="the first sync")
        team.server_store("ed").upsert([entry("polled", "轮询得到的条目")])
        # an admin deletes an entry outright: a poll's full round notices that too
        with team.admin.begin() as connection:
            connection.execute(text("DELETE FROM faq_entries WHERE id = 'pickup'"))
        wait_until(lambda: alice.replica.get("polled") is not None
                   and alice.replica.get("pickup").status == "archived",  # type: ignore[union-attr]
                   what="a poll to bring the changes")
    assert replica_digest(alice.replica) == digest_of(team)


def test_an_entry_deleted_on_the_server_leaves_a_following_replica(team: TeamDb, tmp_path: Path) -> None:
    alice = team.follower("alice", tmp_path / "a")
    alice.sync_once()
    assert alice.replica.get("pickup").status == "published"  # type: ignore[union-attr]
    with team.admin.begin() as connection:
        connection.execute(text("DELETE FROM faq_entries WHERE id = 'pickup'"))
    report = alice.sync_once()
    assert report.removed == 1
    assert alice.replica.get("pickup").status == "archived"  # type: ignore[union-attr]
    assert replica_digest(alice.replica) == digest_of(team)


def test_another_database_behind_the_same_address_starts_the_replica_over(team: TeamDb, tmp_path: Path
                                                                         ) -> None:
    before = team.follower("alice", tmp_path / "a")
    before.sync_once()
    before.close()
    # a backup restored in its place: another store id, and content older than the replica's cursor
    with team.admin.begin() as connection:
        connection.execute(text("UPDATE store_state SET value = 'restored-elsewhere' WHERE key = 'store_id'"))
        connection.execute(text("DELETE FROM faq_entries WHERE id = 'refund-days'"))
        connection.execute(text("UPDATE faq_entries SET generation = 1, title = '恢复的标题' "
                                "WHERE id = 'pickup'"))
    alice = team.follower("alice", tmp_path / "a")  # the sidebar starts again on the same replica
    report = alice.sync_once()
    assert report.entries == 2 and report.removed == 1
    assert alice.replica.state("team_server") == "restored-elsewhere"
    assert alice.replica.get("pickup").title == "恢复的标题"  # type: ignore[union-attr]
    assert alice.replica.get("refund-days").status == "archived"  # type: ignore[union-attr]
    assert replica_digest(alice.replica) == digest_of(team)


def test_a_server_restored_to_an_earlier_state_is_followed_again(team: TeamDb, tmp_path: Path) -> None:
    alice = team.follower("alice", tmp_path / "a")
    alice.sync_once()
    with team.admin.connect() as connection:
        counter = connection.execute(text("SELECT value FROM store_state WHERE key = 'generation'")
                                     ).scalar_one()
    team.server_store("ed").upsert([entry("zz-late", "备份之后的修改")])
    alice.sync_once()
    assert alice.replica.get("zz-late") is not None
    # the server comes back from a backup taken before that edit (the same database, the same store id)
    with team.admin.begin() as connection:
        connection.execute(text("DELETE FROM faq_entries WHERE id = 'zz-late'"))
        connection.execute(text("UPDATE store_state SET value = :value WHERE key = 'generation'"),
                           {"value": counter})
    # the next edit takes the generation the replica has already passed
    team.server_store("ed").upsert([entry("aa-after", "恢复之后的修改")])
    report = alice.sync_once()
    assert alice.replica.get("aa-after") is not None
    assert alice.replica.get("zz-late").status == "archived"  # type: ignore[union-attr]
    assert report.removed == 1
    assert replica_digest(alice.replica) == digest_of(team)


def test_a_login_that_is_not_a_member_is_refused(team: TeamDb, tmp_path: Path) -> None:
    # a login that may connect and read (as a removed member could) but is in no team
    with team.admin.begin() as connection:
        database = connection.execute(text("SELECT current_database()")).scalar_one()
        connection.execute(text(f"CREATE ROLE {team.name('ghost')} LOGIN"))
        agent_group = group_roles(connection)["agent"]
        connection.execute(text(f"GRANT {agent_group} TO {team.name('ghost')}"))
        connection.execute(text(f"GRANT CONNECT ON DATABASE {database} TO {team.name('ghost')}"))
    team.extra.add("ghost")
    ghost = team.follower("ghost", tmp_path / "g")
    with pytest.raises(TeamError, match="not a member of a team"):
        ghost.sync_once()
    assert ghost.replica.count() == 0


# -- usage ---------------------------------------------------------------------------------------------


def test_times_survive_a_server_in_another_time_zone(team: TeamDb, tmp_path: Path) -> None:
    # a server in China keeps its clock in local time; entries' and usage events' times must survive it
    with team.admin.connect() as connection:
        database = connection.execute(text("SELECT current_database()")).scalar_one()
        connection.execute(text(f"ALTER DATABASE {database} SET timezone = 'Asia/Shanghai'"))
        connection.commit()
    alice = team.follower("alice", tmp_path / "a")
    alice.sync_once()
    on_server = team.server_store().get("refund-days")
    held = alice.replica.get("refund-days")
    assert on_server is not None and held is not None and on_server.updated_at is not None
    assert held.updated_at == on_server.updated_at and held.created_at == on_server.created_at
    log = UsageLog(alice.replica)
    log.opened("faq", "refund-days", query="退款")
    log.missed("发票抬头")
    report = alice.sync_once()
    assert report.uploaded == 2
    assert alice.sync_once().uploaded == 0
    with alice.replica.session() as session:
        local = {row.id: row.occurred_at for row in session.scalars(select(UsageEvent))}
    with team.admin.connect() as connection:
        rows = connection.execute(select(models.usage.c.id, models.usage.c.agent, models.usage.c.team,
                                         models.usage.c.occurred_at)).all()
    assert {row.agent for row in rows} == {team.name("alice")} and {row.team for row in rows} == {"north"}
    assert len(rows) == 2
    for row in rows:
        sent = local[row.id]
        sent = sent if sent.tzinfo else sent.replace(tzinfo=dt.UTC)  # SQLite keeps UTC without a zone
        assert abs((row.occurred_at - sent).total_seconds()) < 1, (row.occurred_at, sent)


def test_the_editors_report_is_the_whole_teams(team: TeamDb, tmp_path: Path) -> None:
    from assist.team.schema import add_member
    from assist.team.usage import team_report

    for short, searches in (("alice", ["漫游怎么开", "漫游怎么开"]), ("bob", ["漫游怎么开", "发票抬头"])):
        follower = team.follower(short, tmp_path / short)
        follower.sync_once()
        log = UsageLog(follower.replica)
        for query in searches:
            log.missed(query)
        log.opened("faq", "refund-days")
        assert follower.sync_once().uploaded == len(searches) + 1
    # Another team's searches on the same server are not this team's business.
    stranger = team.name("zoe")
    team.extra.add("zoe")
    add_member(team.admin, stranger, "agent", "south", None)
    with team.admin.begin() as connection:
        connection.execute(models.usage.insert(), [{
            "id": "south-1", "team": "south", "agent": stranger, "occurred_at": dt.datetime.now(dt.UTC),
            "event": "miss", "kind": "", "doc_id": "", "part": "", "query": "南方的问题",
            "received_at": dt.datetime.now(dt.UTC)}])
    report = team_report(team.engine("ed"), days=30)
    assert [(miss.query, miss.count) for miss in report.missed] == [("漫游怎么开", 3), ("发票抬头", 1)]
    assert report.totals.missed == 4 and report.totals.opened == 2
    assert [(doc.doc_id, doc.count) for doc in report.opened] == [("refund-days", 2)]
    with pytest.raises(TeamError, match="not a member"):
        team_report(team.admin)


def test_usage_whose_upload_reply_was_lost_is_not_stored_twice(team: TeamDb, tmp_path: Path) -> None:
    alice = team.follower("alice", tmp_path / "a")
    alice.sync_once()
    log = UsageLog(alice.replica)
    for _ in range(3):
        log.opened("faq", "refund-days")
    # the server committed the batch, the reply never reached the sidebar: the events are still unsent
    with alice.replica.session() as session:
        pending = session.scalars(select(UsageEvent)).all()
    with team.admin.begin() as connection:
        connection.execute(models.usage.insert(), [
            {"id": event.id, "team": "north", "agent": team.name("alice"), "occurred_at": event.occurred_at,
             "event": event.event, "kind": event.kind, "doc_id": event.doc_id, "part": event.part,
             "query": event.query, "received_at": dt.datetime.now(dt.UTC)} for event in pending[:2]])
    alice.sync_once()
    assert team.usage_rows() == 3
    with alice.replica.session() as session:
        assert session.scalar(select(func.count()).select_from(UsageEvent)
                              .where(UsageEvent.uploaded_at.is_(None))) == 0
    assert alice.sync_once().uploaded == 0 and team.usage_rows() == 3


# -- offline and back ----------------------------------------------------------------------------------


def test_offline_the_replica_answers_and_catches_up_on_reconnect(
        own_team: TeamDb, own_pg: LocalPostgres, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sync, "RETRY_SECONDS", (0.2,))
    seen: list[SyncStatus] = []
    alice = own_team.follower("alice", tmp_path / "a", on_status=seen.append)
    bob = own_team.follower("bob", tmp_path / "b")
    with Running(alice):
        wait_until(lambda: alice.status.state == "current", what="the first sync")
        # alice stays away from the server until the test lets her back (her session goes on until then)
        with own_team.admin.begin() as connection:
            connection.execute(text(f"ALTER ROLE {own_team.name('alice')} NOLOGIN"))
        own_pg.stop()
        wait_until(lambda: alice.status.state == "offline", what="the sidebar to notice")
        offline = alice.status
        assert offline.since is not None and offline.reason
        with pytest.raises(DBAPIError):
            bob.sync_once()
        # the replica goes on answering, and takes the usage of the calls meanwhile
        assert alice.replica.count("published") == 2
        assert alice.replica.get("refund-days").title == "退款几天到账"  # type: ignore[union-attr]
        UsageLog(alice.replica).opened("faq", "refund-days")
        UsageLog(alice.replica).missed("改地址")
        own_pg.start()
        # the server is back, alice not yet: an editor changes things meanwhile
        own_team.server_store("ed").upsert([entry("refund-days", "退款几天到账（改）"),
                                            entry("while-away", "离线期间新增")])
        assert own_team.usage_rows() == 0
        assert alice.replica.get("while-away") is None and alice.status.state == "offline"
        assert alice.status.since == offline.since
        with own_team.admin.begin() as connection:
            connection.execute(text(f"ALTER ROLE {own_team.name('alice')} LOGIN"))
        wait_until(lambda: alice.replica.get("while-away") is not None
                   and own_team.usage_rows() == 2 and alice.status.state == "current", what="the catch-up")
    assert alice.status.since is not None and alice.status.since > offline.since
    assert alice.replica.get("refund-days").title == "退款几天到账（改）"  # type: ignore[union-attr]
    assert alice.sync_once().uploaded == 0 and own_team.usage_rows() == 2  # exactly once
    assert replica_digest(alice.replica) == digest_of(own_team)
    states = [status.state for status in seen]
    assert "offline" in states and states[-1] == "current"
    # offline was said once, with one since, however many retries failed
    assert len({status.since for status in seen if status.state == "offline"}) == 1


# -- a server restart mid-sync -------------------------------------------------------------------------


def test_a_server_killed_between_pages_leaves_a_consistent_replica(
        own_team: TeamDb, own_pg: LocalPostgres, tmp_path: Path) -> None:
    pages: list[int] = []
    armed: list[bool] = []

    def kill_after_a_few_pages(status: SyncStatus) -> None:
        # called between pages: the fifth page is in, the sixth not yet asked for
        if armed and status.doing == "entries" and status.done:
            pages.append(status.done)
            if len(pages) == 5:
                own_pg.kill()

    alice = own_team.follower("alice", tmp_path / "a", page=200, on_status=kill_after_a_few_pages)
    alice.sync_once()
    own_team.server_store("ed").upsert(entries(5000, prefix="big"))
    durable(own_team)
    armed.append(True)
    with pytest.raises(DBAPIError):
        alice.sync_once()
    assert not own_pg.running
    # whole pages only, and the cursor at the last entry applied
    held = team_ids(alice)
    big = [entry_id for entry_id in held if entry_id.startswith("big-")]
    assert len(big) == 5 * 200
    assert cursor(alice)[1] == big[-1] == "big-00999"
    assert alice.replica.get("big-00999") is not None and alice.replica.get("big-01000") is None
    own_pg.start()
    armed.clear()
    report = alice.sync_once()
    assert report.entries == 4000
    assert replica_digest(alice.replica) == digest_of(own_team)


def test_a_server_killed_from_outside_during_a_large_pull(
        own_team: TeamDb, own_pg: LocalPostgres, tmp_path: Path) -> None:
    def unhurried(status: SyncStatus) -> None:
        # a page at a time, slowly enough that the kill finds the pull still under way on any machine
        if status.doing == "entries":
            time.sleep(0.05)

    alice = own_team.follower("alice", tmp_path / "a", page=200, on_status=unhurried)
    alice.sync_once()
    own_team.server_store("ed").upsert(entries(5000, prefix="big"))
    durable(own_team)
    failure: list[BaseException] = []

    def pull() -> None:
        try:
            alice.sync_once()
        except BaseException as error:
            failure.append(error)

    puller = threading.Thread(target=pull)
    puller.start()
    wait_until(lambda: alice.status.doing == "entries" and alice.status.done >= 400, what="progress")
    own_pg.kill()
    puller.join(30)
    assert len(failure) == 1 and isinstance(failure[0], DBAPIError)
    last_id = cursor(alice)[1]
    held = [entry_id for entry_id in team_ids(alice) if entry_id.startswith("big-")]
    # every entry up to the cursor, none after it, whole pages
    assert held == [f"big-{number:05d}" for number in range(len(held))]
    assert held[-1] == last_id and len(held) % 200 == 0 and 400 <= len(held) < 5000
    own_pg.start()
    alice.sync_once()
    assert replica_digest(alice.replica) == digest_of(own_team)
    with own_team.admin.connect() as connection:
        assert connection.execute(select(func.count()).select_from(models.usage)).scalar_one() == 0
