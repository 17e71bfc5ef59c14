"""The sidebar following a team server: the strip at its foot, search over the replica, the editor and
dashboard for the roles that have them, and the server going away under a running sidebar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from assist.settings import Settings
from assist.team.localserver import LocalPostgres
from assist.team.schema import Member
from assist.team.sync import CURRENT, OFFLINE, REFUSED, SYNCING, SyncStatus
from assist.ui.shell import Shell
from assist.ui.team_sync import TeamStrip
from tests.team.support import TeamDb, entry, team_database

WAIT = 30_000


def status(state: str, **changes: object) -> SyncStatus:
    return SyncStatus(server="kb.example.com:5432/assist", state=state, **changes)  # type: ignore[arg-type]


def test_the_strip_says_how_the_copy_stands(qtbot: QtBot) -> None:
    strip = TeamStrip()
    qtbot.addWidget(strip)
    since = dt.datetime(2026, 11, 24, 2, 32, tzinfo=dt.UTC)
    strip.show_status(status(CURRENT, since=since, member=Member("lina", "east", "agent")))
    assert "kb.example.com:5432/assist" in strip.label.text() and "up to date" in strip.label.text()
    assert not strip.dashboard_button.isVisibleTo(strip)
    assert strip.label.property("problem") is False

    strip.show_status(status(SYNCING, doing="entries", done=2000, total=5000))
    digits = strip.label.text().replace(",", "")  # grouped or not, as the locale has it
    assert "2000" in digits and "5000" in digits
    assert strip.progress.isVisibleTo(strip) and strip.progress.value() == 2000

    strip.show_status(status(SYNCING, doing="east-refunds", done=1 << 20, total=3 << 20))
    assert "east-refunds" in strip.label.text() and "3.0 MB" in strip.label.text()

    strip.show_status(status(OFFLINE, since=since, reason="connection refused"))
    text = strip.label.text()
    assert text.startswith("Offline since") and "copy on this computer" in text
    assert strip.label.property("problem") is True and strip.label.toolTip() == "connection refused"
    assert not strip.progress.isVisibleTo(strip)

    strip.show_status(status(REFUSED, reason="lina is not a member of a team"))
    assert "not a member" in strip.label.text()

    strip.show_status(status(CURRENT, since=since, member=Member("wang", "east", "lead"),
                             problems=("east 1.2.0 from the team was refused: bad signature",)))
    assert strip.dashboard_button.isVisibleTo(strip)
    assert "1 pack(s) refused" in strip.label.text() and "bad signature" in strip.label.toolTip()


@pytest.fixture
def team(pg_database_url: str) -> Iterator[TeamDb]:
    with team_database(pg_database_url) as team_db:
        team_db.server_store().upsert([entry("roaming-refund", "国际漫游费用退还",
                                             "漫游费用核实后七个工作日内退回。")])
        yield team_db


@pytest.fixture
def team_shell(qtbot: QtBot, isolated: Path) -> Iterator[list[Shell]]:
    shells: list[Shell] = []
    yield shells
    for shell in shells:
        shell.close()


def start_following(qtbot: QtBot, shells: list[Shell], data_dir: Path, url: str) -> Shell:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    shell = Shell(app, Settings.load(), data_dir, url, interactive=False)
    qtbot.addWidget(shell.sidebar)
    shells.append(shell)
    with qtbot.waitSignal(shell.ready, timeout=WAIT):
        shell.start()
    return shell


def test_a_sidebar_follows_the_server_and_finds_its_answers(qtbot: QtBot, team: TeamDb, isolated: Path,
                                                             team_shell: list[Shell]) -> None:
    shell = start_following(qtbot, team_shell, isolated, team.url_text("alice"))
    assert shell.opened is not None and shell.opened.mode == "store"
    qtbot.waitUntil(lambda: shell.team_sync.status.state == CURRENT, timeout=WAIT)
    # The strip hears of it through the event loop, a moment after the sync thread said so.
    qtbot.waitUntil(lambda: "up to date" in shell.team_strip.label.text(), timeout=WAIT)
    assert shell.team_role() == "agent"
    # An agent has no editor and no dashboard, whatever the local settings say.
    Settings.load().set("knowledge_role", "reviewer")
    assert shell._knowledge_role() == "agent"
    assert not shell.team_strip.dashboard_button.isVisibleTo(shell.team_strip)

    def found(query: str, doc_id: str) -> bool:
        hits = shell.context.search.search(query, limit=5)  # type: ignore[union-attr]
        return doc_id in [hit.doc_id for hit in hits]

    qtbot.waitUntil(lambda: found("漫游 退还", "roaming-refund"), timeout=WAIT)
    # An editor publishes on the server: the sidebar shows it without being asked.
    team.server_store("ed").upsert([entry("esim-transfer", "换手机后eSIM怎么转移", "在新手机上扫码即可。")])
    qtbot.waitUntil(lambda: found("eSIM 转移", "esim-transfer"), timeout=WAIT)


def test_a_lead_gets_the_dashboard(qtbot: QtBot, team: TeamDb, isolated: Path,
                                   team_shell: list[Shell]) -> None:
    shell = start_following(qtbot, team_shell, isolated, team.url_text("lena"))
    qtbot.waitUntil(lambda: shell.team_sync.status.state == CURRENT, timeout=WAIT)
    assert shell.team_strip.dashboard_button.isVisibleTo(shell.team_strip)
    shell.open_dashboard()
    dashboard = shell._dashboard
    with qtbot.waitSignal(dashboard.loaded, timeout=WAIT) as loaded:
        dashboard.refresh()
    assert loaded.args[0].team == "north"
    dashboard.close()


def test_an_editor_edits_on_the_server(qtbot: QtBot, team: TeamDb, isolated: Path,
                                       team_shell: list[Shell]) -> None:
    shell = start_following(qtbot, team_shell, isolated, team.url_text("ed"))
    qtbot.waitUntil(lambda: shell.team_sync.status.state == CURRENT, timeout=WAIT)
    assert shell._knowledge_role() == "reviewer"
    shell.open_editor()
    qtbot.waitUntil(lambda: shell._editor is not None, timeout=WAIT)
    editor = shell._editor
    assert editor.user == team.name("ed") and editor.role == "reviewer"
    # The window edits the server's store, not the replica.
    assert editor.editing.store.engine.dialect.name == "postgresql"
    # What agents could not find is the whole team's (uploaded by their sidebars), not this computer's.
    from assist.team import models
    from tests.team.support import TEAM

    with team.admin.begin() as connection:
        connection.execute(models.usage.insert(), [{
            "id": f"miss-{number}", "team": TEAM, "agent": team.name(short),
            "occurred_at": dt.datetime.now(dt.UTC), "event": "miss", "kind": "", "doc_id": "", "part": "",
            "query": "漫游怎么开", "received_at": dt.datetime.now(dt.UTC)}
            for number, short in enumerate(("alice", "bob"))])
    with qtbot.waitSignal(editor.report_loaded, timeout=WAIT) as loaded:
        editor.load_report()
    report = loaded.args[0]
    assert [(miss.query, miss.count) for miss in report.missed] == [("漫游怎么开", 2)]
    editor.close()


def test_the_server_going_away_leaves_search_working(qtbot: QtBot, own_team: TeamDb, own_pg: LocalPostgres,
                                                      isolated: Path, team_shell: list[Shell]) -> None:
    own_team.server_store().upsert([entry("roaming-refund", "国际漫游费用退还")])
    shell = start_following(qtbot, team_shell, isolated, own_team.url_text("alice"))

    def found() -> bool:
        hits = shell.context.search.search("漫游", limit=5)  # type: ignore[union-attr]
        return "roaming-refund" in [hit.doc_id for hit in hits]

    qtbot.waitUntil(found, timeout=WAIT)
    own_pg.stop()
    try:
        shell.team_sync.sync_now()
        qtbot.waitUntil(lambda: shell.team_sync.status.state == OFFLINE, timeout=WAIT)
        # The strip hears of it through a queued signal.
        qtbot.waitUntil(lambda: shell.team_strip.label.text().startswith("Offline since"), timeout=WAIT)
        assert found()
    finally:
        own_pg.start()
    qtbot.waitUntil(lambda: shell.team_sync.status.state == CURRENT, timeout=WAIT)


def test_a_wrap_up_on_a_team_server_is_recorded_in_the_logins_name(
        qtbot: QtBot, team: TeamDb, isolated: Path, team_shell: list[Shell]) -> None:
    import json

    from sqlalchemy import select

    from assist.cli_calls import CALL_EVENT_ARGUMENT
    from assist.customers.demo import DEMO_FILE, demo_shift
    from assist.customers.importing import read_customer_file
    from assist.customers.models import interactions
    from assist.customers.store import CustomerStore
    from knowledge.resources import demo_dir

    # The team's customer history lives on the server, put there by its owner.
    histories = read_customer_file(demo_dir() / DEMO_FILE, shift=demo_shift(None))
    CustomerStore(team.admin).import_histories(histories[:3])
    customer = histories[0]
    Settings.load().set("agent_name", "小王 8012")  # the local display name is not the record's
    shell = start_following(qtbot, team_shell, isolated, team.url_text("alice"))
    number = customer.customer.phones[0]
    with qtbot.waitSignal(shell.calls.card_shown, timeout=WAIT):
        shell.handle_arguments([CALL_EVENT_ARGUMENT, json.dumps(
            {"event": "ringing", "number": number, "call_id": "team-call"})])
    shell.handle_arguments([CALL_EVENT_ARGUMENT, json.dumps(
        {"event": "ended", "number": number, "call_id": "team-call"})])
    panel = shell.sidebar.wrap_up
    qtbot.waitUntil(panel.isVisible, timeout=WAIT)
    panel.outcome.setCurrentText("Refund status explained")
    with qtbot.waitSignal(shell.calls.wrap_up_saved, timeout=WAIT) as saved:
        qtbot.keyClick(panel.save_button, " ")
    assert saved.args == [True]
    with team.admin.connect() as connection:
        agents = connection.execute(select(interactions.c.agent).where(
            interactions.c.outcome == "Refund status explained")).scalars().all()
    assert agents == [team.name("alice")]
