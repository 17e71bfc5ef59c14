"""Packs a lead pushes: staged rollout, promotion, rollback, the team's keys, and what a sidebar refuses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from assist import __version__
from assist.team import models, releases
from assist.team.errors import TeamError
from assist.team.localserver import LocalPostgres
from assist.team.releases import EVERYONE, LIVE, WITHDRAWN, Release, bucket, publish, wanted
from assist.team.sync import Follower, SyncStatus, replica_digest, server_digest
from scripts_lib.packs import PackError, installed_packs
from tests.team.support import TEAM, TeamDb, built_pack, entry, signing_key, team_database

PACK = "east-refunds"


@pytest.fixture
def team(pg_database_url: str) -> Iterator[TeamDb]:
    with team_database(pg_database_url) as made:
        made.server_store().upsert([entry("refund-days", "退款几天到账")])
        yield made


def lead_publishes(team: TeamDb, data: bytes, agents: tuple[str, ...] = (), percent: int = EVERYONE
                   ) -> Release:
    release, _ = publish(team.engine("lena"), TEAM, data, team.name("lena"), __version__,
                         [team.name(short) for short in agents], percent)
    return release


def trusted_lead(team: TeamDb) -> None:
    assert releases.trust_team_key(team.engine("lena"), TEAM, signing_key(), team.name("lena"))


def packs_of(follower: Follower) -> dict[str, str]:
    return {pack.name: pack.version for pack in installed_packs(follower.replica)}


def digest_of(team: TeamDb) -> str:
    with team.admin.connect() as connection:
        return server_digest(connection)


def release_count(team: TeamDb) -> int:
    with team.admin.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(models.releases)).scalar_one())


def test_staged_rollout_promotion_and_rollback_reach_every_sidebar(team: TeamDb, tmp_path: Path) -> None:
    trusted_lead(team)
    alice = team.follower("alice", tmp_path / "a")
    bob = team.follower("bob", tmp_path / "b")
    first = lead_publishes(team, built_pack(tmp_path, "1.0.0").read_bytes())
    assert first.audience() == "everyone"
    for follower in (alice, bob):
        report = follower.sync_once()
        assert report.packs == [f"{PACK} 1.0.0"] and not report.problems
        assert packs_of(follower) == {PACK: "1.0.0"}
        assert follower.replica.get(f"{PACK}-window").title.endswith("1.0.0")  # type: ignore[union-attr]
        assert follower.replica.script("east-refund-check") is not None

    # 1.1.0 to alice alone first
    staged = lead_publishes(team, built_pack(tmp_path, "1.1.0").read_bytes(), agents=("alice",), percent=0)
    assert staged.audience() == team.name("alice")
    alice.sync_once()
    bob_report = bob.sync_once()
    assert packs_of(alice) == {PACK: "1.1.0"} and packs_of(bob) == {PACK: "1.0.0"}
    assert bob_report.packs == []
    assert alice.replica.get(f"{PACK}-window").title.endswith("1.1.0")  # type: ignore[union-attr]

    # then everyone
    promoted = releases.promote(team.engine("lena"), TEAM, PACK)
    assert (promoted.version, promoted.percent) == ("1.1.0", 100)
    assert not alice.sync_once().packs
    assert bob.sync_once().packs == [f"{PACK} 1.0.0 -> 1.1.0"]
    assert packs_of(bob) == {PACK: "1.1.0"}

    # the lead rolls back: both go back to 1.0.0, the way it came
    withdrawn, live = releases.rollback(team.engine("lena"), TEAM, PACK)
    assert withdrawn.version == "1.1.0" and live is not None and live.version == "1.0.0"
    for follower in (alice, bob):
        assert follower.sync_once().packs == [f"{PACK} 1.1.0 -> 1.0.0 (rolled back)"]
        assert packs_of(follower) == {PACK: "1.0.0"}
        assert follower.replica.get(f"{PACK}-window").title.endswith("1.0.0")  # type: ignore[union-attr]

    # and again: nothing is live, the pack leaves both sidebars
    withdrawn, live = releases.rollback(team.engine("lena"), TEAM, PACK)
    assert withdrawn.version == "1.0.0" and live is None
    for follower in (alice, bob):
        assert follower.sync_once().packs == [f"{PACK} 1.0.0 removed"]
        assert packs_of(follower) == {}
        assert follower.replica.get(f"{PACK}-window").status == "archived"  # type: ignore[union-attr]
        assert follower.replica.state("team_packs") == "[]"
        # the team's own content was never touched by any of it
        assert replica_digest(follower.replica) == digest_of(team)
    with team.engine("lena").connect() as connection:
        assert [(r.version, r.state) for r in releases.releases(connection, TEAM, PACK)] == [
            ("1.0.0", WITHDRAWN), ("1.1.0", WITHDRAWN)]
    with pytest.raises(TeamError, match="no live release"):
        releases.rollback(team.engine("lena"), TEAM, PACK)


def test_a_sidebar_that_was_away_jumps_straight_to_what_it_should_have(team: TeamDb, tmp_path: Path
                                                                       ) -> None:
    trusted_lead(team)
    alice = team.follower("alice", tmp_path / "a")
    lead_publishes(team, built_pack(tmp_path, "1.0.0").read_bytes())
    alice.sync_once()
    lead_publishes(team, built_pack(tmp_path, "1.1.0").read_bytes())
    alice.sync_once()
    lead_publishes(team, built_pack(tmp_path, "1.2.0").read_bytes())
    alice.sync_once()
    assert packs_of(alice) == {PACK: "1.2.0"}
    # while alice is away, the lead withdraws 1.2.0 and 1.1.0: the one before her previous version
    releases.rollback(team.engine("lena"), TEAM, PACK)
    releases.rollback(team.engine("lena"), TEAM, PACK)
    report = alice.sync_once()
    assert report.packs == [f"{PACK} 1.2.0 -> 1.0.0"] and packs_of(alice) == {PACK: "1.0.0"}


def test_percent_targeting_is_deterministic(team: TeamDb, tmp_path: Path) -> None:
    agents = [f"agent_{number}" for number in range(400)]
    assert [bucket(PACK, agent) for agent in agents] == [bucket(PACK, agent) for agent in agents]
    assert all(0 <= bucket(PACK, agent) < 100 for agent in agents)

    def release(percent: int, version: str = "1.0.0", agents_first: tuple[str, ...] = ()) -> Release:
        return Release(1, TEAM, PACK, version, "d", "s", 1, agents_first, percent, LIVE, "lena",
                       dt.datetime.now(dt.UTC))

    ten = {agent for agent in agents if release(10).targets(agent)}
    fifty = {agent for agent in agents if release(50).targets(agent)}
    # a canary group stays the canary group: the same agents for every version, and inside every wider share
    assert ten == {agent for agent in agents if release(10, "2.0.0").targets(agent)}
    assert ten < fifty
    assert 10 <= len(ten) <= 80 and 140 <= len(fifty) <= 260  # 40 and 200 expected
    assert {agent for agent in agents if release(0).targets(agent)} == set()
    assert {agent for agent in agents if release(100).targets(agent)} == set(agents)
    assert {agent for agent in agents if release(0, agents_first=("agent_7",)).targets(agent)} == {"agent_7"}
    # another pack picks another group
    assert ten != {agent for agent in agents if bucket("another-pack", agent) < 10}
    # wanted: the newest live release aimed at the agent, per pack
    older, newer = release(100), Release(2, TEAM, PACK, "1.1.0", "d", "s", 1, (), 50, LIVE, "lena",
                                         dt.datetime.now(dt.UTC))
    inside = next(iter(fifty))
    outside = next(agent for agent in agents if agent not in fifty)
    assert wanted([newer, older], inside)[PACK].version == "1.1.0"
    assert wanted([newer, older], outside)[PACK].version == "1.0.0"
    assert wanted([older], outside)[PACK].version == "1.0.0"

    # and end to end: a 50% release reaches exactly the sidebars whose bucket is under 50
    trusted_lead(team)
    lead_publishes(team, built_pack(tmp_path, "1.0.0").read_bytes(), percent=50)
    for short in ("alice", "bob", "ed"):
        follower = team.follower(short, tmp_path / short)
        follower.sync_once()
        expected = {PACK: "1.0.0"} if bucket(PACK, team.name(short)) < 50 else {}
        assert packs_of(follower) == expected, short


def test_only_packs_the_team_trusts_are_published(team: TeamDb, tmp_path: Path) -> None:
    trusted_lead(team)
    signing_key("stranger")
    stranger = built_pack(tmp_path, "1.0.0", key="stranger").read_bytes()
    with pytest.raises(PackError, match=f"key team {TEAM} does not trust"):
        lead_publishes(team, stranger)
    assert release_count(team) == 0
    good = built_pack(tmp_path, "1.0.0").read_bytes()
    lead_publishes(team, good)
    with pytest.raises(TeamError, match="already published"):
        lead_publishes(team, good)
    with pytest.raises(TeamError, match="different content"):
        lead_publishes(team, built_pack(tmp_path / "other", "1.0.0", entry_title="另一个标题").read_bytes())
    with pytest.raises(TeamError, match="is the newest release"):
        lead_publishes(team, built_pack(tmp_path, "0.9.0").read_bytes())
    with pytest.raises(TeamError, match="between 0 and 100"):
        lead_publishes(team, built_pack(tmp_path, "2.0.0").read_bytes(), percent=150)
    with pytest.raises(TeamError, match="needs --agents or a --percent"):
        lead_publishes(team, built_pack(tmp_path, "2.0.0").read_bytes(), percent=0)
    with pytest.raises(TeamError, match="no live release"):
        releases.promote(team.engine("lena"), TEAM, "no-such-pack")
    # a staged release for someone who is not in the team would reach nobody
    with pytest.raises(TeamError, match=f"not in {TEAM}: {team.name('nobody')}"):
        lead_publishes(team, built_pack(tmp_path, "2.0.0").read_bytes(), agents=("alice", "nobody"),
                       percent=0)
    with pytest.raises(TeamError, match=f"not in {TEAM}"):
        releases.promote(team.engine("lena"), TEAM, PACK, agents=[team.name("nobody")], percent=0)
    assert release_count(team) == 1


def test_trusting_a_key_twice_changes_nothing(team: TeamDb) -> None:
    key = signing_key()
    assert releases.trust_team_key(team.engine("lena"), TEAM, key, team.name("lena")) is True
    assert releases.trust_team_key(team.engine("lena"), TEAM, key, team.name("lena")) is False
    with team.engine("alice").connect() as connection:
        assert list(releases.team_keys(connection, TEAM)) == [key.fingerprint]


def test_a_release_altered_on_the_server_is_refused_and_changes_nothing(team: TeamDb, tmp_path: Path
                                                                        ) -> None:
    trusted_lead(team)
    alice = team.follower("alice", tmp_path / "a")
    lead_publishes(team, built_pack(tmp_path, "1.0.0").read_bytes())
    alice.sync_once()
    lead_publishes(team, built_pack(tmp_path, "1.1.0").read_bytes())
    # someone with write access to the table changes a byte of the stored pack
    with team.admin.begin() as connection:
        connection.execute(text("UPDATE team_pack_releases SET data = overlay(data placing '\\x00'::bytea "
                                "from 200 for 1) WHERE version = '1.1.0'"))
    before = replica_digest(alice.replica)
    report = alice.sync_once()
    assert report.packs == [] and len(report.problems) == 1
    assert "1.1.0" in report.problems[0] and "damaged" in report.problems[0]
    assert alice.status.problems == tuple(report.problems) and alice.status.state == "current"
    assert packs_of(alice) == {PACK: "1.0.0"}
    assert alice.replica.get(f"{PACK}-window").title.endswith("1.0.0")  # type: ignore[union-attr]
    assert replica_digest(alice.replica) == before
    # it is not fetched again and again, and the problem stays on show while the release is live
    assert alice.sync_once().problems == []
    assert packs_of(alice) == {PACK: "1.0.0"} and len(alice.status.problems) == 1
    # the lead withdraws it: nothing left to complain about
    releases.rollback(team.engine("lena"), TEAM, PACK)
    assert not alice.sync_once().packs
    assert not alice.status.problems and packs_of(alice) == {PACK: "1.0.0"}


def test_a_release_signed_by_a_key_the_team_no_longer_trusts_is_refused(team: TeamDb, tmp_path: Path
                                                                         ) -> None:
    trusted_lead(team)
    alice = team.follower("alice", tmp_path / "a")
    lead_publishes(team, built_pack(tmp_path, "1.0.0").read_bytes())
    with team.admin.begin() as connection:
        connection.execute(text("DELETE FROM team_keys"))
    report = alice.sync_once()
    assert len(report.problems) == 1 and "does not trust" in report.problems[0]
    assert f"assist pack trust FILE --team {TEAM}" in report.problems[0]
    assert packs_of(alice) == {}


def test_a_pack_taking_over_a_team_entry_gives_it_back_as_the_server_has_it(team: TeamDb, tmp_path: Path
                                                                            ) -> None:
    trusted_lead(team)
    # the team already has an entry with the id the pack brings, edited twice on the server
    editor = team.server_store("ed")
    editor.upsert([entry(f"{PACK}-window", "团队自己的退款条目")])
    editor.upsert([entry(f"{PACK}-window", "团队自己的退款条目（改）")])
    alice = team.follower("alice", tmp_path / "a")
    alice.sync_once()
    assert replica_digest(alice.replica) == digest_of(team)
    lead_publishes(team, built_pack(tmp_path, "1.0.0").read_bytes())
    alice.sync_once()
    assert alice.replica.get(f"{PACK}-window").origin == PACK  # type: ignore[union-attr]
    assert replica_digest(alice.replica) == digest_of(team)
    # the server's entry changes while the pack holds it: the change waits aside
    editor.upsert([entry(f"{PACK}-window", "团队自己的退款条目（再改）")])
    alice.sync_once()
    assert alice.replica.get(f"{PACK}-window").origin == PACK  # type: ignore[union-attr]
    assert replica_digest(alice.replica) == digest_of(team)
    # the pack goes: the team's entry is back, as the server has it now
    releases.rollback(team.engine("lena"), TEAM, PACK)
    alice.sync_once()
    back = alice.replica.get(f"{PACK}-window")
    assert back is not None and back.title == "团队自己的退款条目（再改）" and back.origin == "team"
    assert replica_digest(alice.replica) == digest_of(team)


# -- a download cut short ------------------------------------------------------------------------------


def test_a_pack_download_cut_short_is_never_installed(own_team: TeamDb, own_pg: LocalPostgres,
                                                      tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                      ) -> None:
    monkeypatch.setattr(releases, "DOWNLOAD_CHUNK", 512)
    trusted_lead(own_team)
    data = built_pack(tmp_path, "1.0.0").read_bytes()
    assert len(data) > 3 * 512
    publish(own_team.engine("lena"), TEAM, data, own_team.name("lena"), __version__)
    with own_team.admin.connect() as connection:
        connection.execute(text("CHECKPOINT"))  # the private cluster commits asynchronously
    seen: list[SyncStatus] = []
    armed = [True]

    def kill_mid_download(status: SyncStatus) -> None:
        seen.append(status)
        if armed and status.doing == PACK and 0 < status.done < status.total:
            armed.clear()
            own_pg.kill()

    alice = own_team.follower("alice", tmp_path / "a", on_status=kill_mid_download)
    with pytest.raises(DBAPIError):
        alice.sync_once()
    assert any(status.doing == PACK and 0 < status.done < status.total for status in seen)
    assert packs_of(alice) == {}
    assert alice.replica.get(f"{PACK}-window") is None
    own_pg.start()
    report = alice.sync_once()
    assert report.packs == [f"{PACK} 1.0.0"] and packs_of(alice) == {PACK: "1.0.0"}
    assert seen[-1].state == "current" and seen[-1].problems == ()
