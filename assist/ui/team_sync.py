"""The sidebar following a team server: the Follower runs in a thread of its own, and a one-line strip
says which server it follows, whether the local copy is current, what is downloading, and since when
the server is away (search keeps answering from the local copy all along)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, QTime, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from assist.team.credentials import place
from assist.team.schema import USAGE_ROLES
from assist.team.sync import CONNECTING, OFFLINE, REFUSED, SYNCING, Follower, SyncStatus
from assist.ui.i18n import fill

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

    from knowledge.store import KnowledgeStore

# How long quitting waits for the sync thread to finish its step (a page or a pack install).
STOP_WAIT_S = 10.0


class TeamSync(QObject):
    """Runs a Follower off the GUI thread and hands its status over as a signal. The Follower is made
    in that thread too: making it reads the password from the keyring, which may wait on D-Bus."""

    status_changed = Signal(object)  # SyncStatus

    def __init__(self, url: URL, replica: KnowledgeStore, app_version: str,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._url, self._replica, self._app_version = url, replica, app_version
        self._stop = threading.Event()
        self._first_status = SyncStatus(place(url))
        self.follower: Follower | None = None
        self._thread = threading.Thread(target=self._run, name="team-sync", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        try:
            self.follower = Follower(self._url, self._replica, self._app_version,
                                     on_status=self.status_changed.emit)
        except Exception as error:  # the keyring, most likely: say so where the agent looks
            self.status_changed.emit(replace(self._first_status, state=REFUSED, reason=str(error)))
            return
        try:
            self.follower.run(self._stop)
        finally:
            self.follower.close()

    def sync_now(self) -> None:
        if self.follower is not None:
            self.follower.wake()

    def stop(self) -> bool:
        """Ask the thread to finish its step and wait for it; False when it is still running (a server
        that hangs): its replica must then stay open under it."""
        self._stop.set()
        self.sync_now()
        if self._thread.is_alive():
            self._thread.join(STOP_WAIT_S)
        return not self._thread.is_alive()

    @property
    def status(self) -> SyncStatus:
        return self.follower.status if self.follower is not None else self._first_status


class TeamStrip(QWidget):
    """One line at the foot of the sidebar about the team server."""

    dashboard_requested = Signal()
    sync_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teamStrip")
        self.label = QLabel(self)
        self.label.setObjectName("hint")
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setMaximumHeight(10)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.sync_button = QPushButton(self)
        self.sync_button.setFlat(True)
        self.sync_button.clicked.connect(self.sync_requested)
        self.dashboard_button = QPushButton(self)
        self.dashboard_button.setFlat(True)
        self.dashboard_button.clicked.connect(self.dashboard_requested)
        self.dashboard_button.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.sync_button)
        layout.addWidget(self.dashboard_button)
        self._status: SyncStatus | None = None
        self.retranslate()

    def show_status(self, status: SyncStatus) -> None:
        self._status = status
        member = status.member
        self.dashboard_button.setVisible(member is not None and member.role in USAGE_ROLES)
        self.label.setProperty("problem", status.state in (OFFLINE, REFUSED) or bool(status.problems))
        self.label.style().unpolish(self.label)
        self.label.style().polish(self.label)
        downloading = status.state == SYNCING and status.total > 0
        self.progress.setVisible(downloading)
        if downloading:
            self.progress.setRange(0, max(1, status.total))
            self.progress.setValue(min(status.done, status.total))
        self.label.setText(self._text(status))
        self.label.setToolTip("\n".join(status.problems) or status.reason)

    def _time(self, status: SyncStatus) -> str:
        if status.since is None:
            return ""
        local = status.since.astimezone()
        return QLocale().toString(QTime(local.hour, local.minute, local.second),
                                  QLocale.FormatType.ShortFormat)

    def _text(self, status: SyncStatus) -> str:
        server = status.server
        if status.state == CONNECTING:
            return fill(self.tr("Connecting to %1…"), server)
        if status.state == SYNCING:
            if status.total and status.doing == "entries":
                return fill(self.tr("%1: downloading answers %2 of %3"), server,
                            QLocale().toString(status.done), QLocale().toString(status.total))
            if status.total:
                return fill(self.tr("%1: downloading the pack %2 (%3)"), server, status.doing,
                            f"{status.total / 2**20:.1f} MB")
            return fill(self.tr("%1: checking for changes…"), server)
        if status.state == OFFLINE:
            return fill(self.tr("Offline since %1: %2 cannot be reached. Search uses the copy on this "
                                "computer; editing needs the server."), self._time(status), server)
        if status.state == REFUSED:
            return fill(self.tr("%1 refused: %2"), server, status.reason)
        text = fill(self.tr("Following %1 · up to date (%2)"), server, self._time(status))
        if status.problems:
            text += " · " + self.tr("%n pack(s) refused", "", len(status.problems))
        return text

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.sync_button.setText(self.tr("Sync now"))
        self.dashboard_button.setText(self.tr("Team dashboard"))
        if self._status is not None:
            self.show_status(self._status)


def dashboard_loader(url: URL, replica: KnowledgeStore) -> Callable[[int], Any]:
    """What the team dashboard loads (off the GUI thread): the team's usage, read with the lead's own
    login, with script titles from the local copy."""
    def load(days: int) -> Any:
        from assist.team.schema import connect, member_of
        from assist.team.usage import team_usage
        from scripts_lib.storage import script_from_record

        def title(script_id: str) -> str | None:
            record = replica.script(script_id)
            return script_from_record(record).title.get("zh-Hans") if record is not None else None

        engine = connect(url)
        try:
            with engine.connect() as connection:
                member = member_of(connection)
                return team_usage(connection, member.team, days, script_title=title)
        finally:
            engine.dispose()

    return load

