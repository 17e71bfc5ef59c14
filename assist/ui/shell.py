"""Everything around the sidebar widget: settings, language, theme, docking, tray, hotkey, the store.

The store opens in the background after the window is up; whatever goes wrong on the way (a broken
settings file, a store that will not open, no Chinese font) is said in the sidebar's banner.
"""

from __future__ import annotations

import getpass
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFontDatabase, QGuiApplication, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon
from shiboken6 import isValid

from assist.settings import SETTINGS, Settings, SettingsError, resolve_language
from assist.ui.calls import CallsController
from assist.ui.docking import (
    MAX_WIDTH,
    MIN_WIDTH,
    EdgeHandle,
    docked_geometry,
    reserve_edge,
    screen_for,
    window_flags,
)
from assist.ui.i18n import Translations
from assist.ui.ops import BackgroundOps
from assist.ui.settings_dialog import SettingsDialog
from assist.ui.sidebar import Sidebar
from assist.ui.theme import apply_theme
from knowledge.resources import resources_dir

if TYPE_CHECKING:
    from assist.context import AppContext, Opened
    from knowledge.search.saved import SavedSearch

log = logging.getLogger(__name__)

REFRESH_INTERVAL_MS = 1000

CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
                "Microsoft YaHei", "PingFang SC", "Noto Sans CJK TC", "Microsoft JhengHei")


def prefer_cjk_font(app: QApplication, families: set[str] | None = None) -> bool:
    """Put a CJK family first in the application font; False when the machine has none."""
    available = families if families is not None else set(QFontDatabase.families())
    for family in CJK_FAMILIES:
        if family in available:
            font = app.font()
            font.setFamilies([family, *font.families()])
            app.setFont(font)
            return True
    return False


class Shell(QObject):
    searchable = Signal()  # the saved index answers queries; the store is still opening
    ready = Signal(object)  # the Opened result, once the store is open (or known not to open)

    def __init__(self, app: QApplication, settings: Settings, data_dir: Path, db_url: str | None,
                 interactive: bool = True, font_families: set[str] | None = None,
                 overrides: dict[str, str] | None = None) -> None:
        super().__init__()
        # Search and store reads run in worker threads but hold the GIL while they compute; a
        # shorter switch interval hands it back to the GUI thread sooner, so painting never waits
        # the default 5 ms behind them.
        sys.setswitchinterval(0.001)
        self._overrides = dict(overrides or {})
        self._app = app
        self.settings = settings
        self._data_dir = data_dir
        self._db_url = db_url
        self._interactive = interactive
        self._ops = BackgroundOps(self, threads=1)
        self.opened: Opened | None = None
        self._worker_opened: Opened | None = None
        self.translations = Translations()
        self.language: str = resolve_language(self._setting("language"), QLocale.system().name())
        translation_problem = self.translations.switch(self.language)
        self.dark = apply_theme(app, self._setting("theme"), settings.get("font_size"))
        has_cjk = prefer_cjk_font(app, font_families)
        self.sidebar = Sidebar(self.translations.language)
        self.sidebar.setWindowIcon(self.icon())
        self.sidebar.settings_requested.connect(self.open_settings)
        for problem in settings.problems:
            self.sidebar.banner.add(self.tr("Settings: %1").replace("%1", problem))
        if translation_problem:
            self.sidebar.banner.add(translation_problem)
        if not has_cjk:
            self.sidebar.banner.add(self.tr(
                "No Chinese font was found, so Chinese text may show as boxes. Install one "
                "(on Debian: fonts-noto-cjk) and start the sidebar again."))
        self.edge = EdgeHandle(self.sidebar)
        self.edge.width_changed.connect(self._dock_width_changed)
        QShortcut(QKeySequence("Ctrl+Q"), self.sidebar, context=Qt.ShortcutContext.WindowShortcut
                  ).activated.connect(self.quit)
        settings.on_change.append(self._setting_changed)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)
        self.hotkey: Any = None  # a GlobalHotkey once shown interactively: pynput needs a display
        self.calls = CallsController(self.sidebar, settings, data_dir, self._ring,
                                     self.sidebar.banner.add)
        self.sidebar.set_agent(str(settings.get("agent_name")))
        self.tray: QSystemTrayIcon | None = None
        self._editor: Any = None  # the knowledge editor window, made when first asked for
        self._dashboard: Any = None  # the team lead's dashboard, made when first asked for
        self._shown_team_role: str | None = None

    def _setting(self, name: str) -> str:
        """A text setting, as overridden for this run (--lang, --theme) or as the agent set it."""
        return self._overrides.get(name) or str(self.settings.get(name))

    # -- start and stop -----------------------------------------------------------------------------

    @staticmethod
    def icon() -> QIcon:
        return QIcon(str(resources_dir() / "icons" / "assist.svg"))

    def start(self) -> None:
        """First the saved index alone (search answers), then the store behind it (answers open)."""
        data_dir = self._data_dir

        def open_saved() -> SavedSearch | None:
            from knowledge.search.saved import open_saved_search

            return open_saved_search(data_dir)

        self._ops.run(open_saved, self._saved_opened, lambda _error: self._open_store(None))

    def _saved_opened(self, saved: SavedSearch | None) -> None:
        if saved is not None:
            self.sidebar.attach_early(saved)
            self.searchable.emit()
        self._open_store(saved)

    def _open_store(self, saved: SavedSearch | None) -> None:
        data_dir, db_url = self._data_dir, self._db_url

        def open_store() -> Opened:
            # Imported here, in the worker: the database layer is a third of a cold start.
            from assist.context import open_for_sidebar

            opened = open_for_sidebar(data_dir, db_url, saved)
            # Kept here too: if the app quits before the answer is delivered, close() still
            # finds the store to close.
            self._worker_opened = opened
            if saved is not None and opened.mode != "store":
                with saved.lock:  # that index belongs to the store that did not open
                    saved.engine.index.close()
            return opened

        self._ops.run(open_store, self._opened, self._open_crashed)

    def _opened(self, opened: Opened) -> None:
        self.opened = opened
        where = opened.location
        if opened.mode != "store":
            self.sidebar.banner.add(self.tr("The knowledge base at %1 could not be opened (%2). "
                                            "Nothing in it was changed.").replace("%1", where)
                                    .replace("%2", opened.failure))
        if opened.mode == "copy":
            self.sidebar.banner.add(self.tr("Showing a copy of it: search works, but changes made "
                                            "now are not kept."))
        elif opened.mode == "builtin":
            self.sidebar.banner.add(self.tr("Showing the built-in answers and scripts only; changes "
                                            "made now are not kept."))
        elif opened.mode == "none":
            self.sidebar.banner.add(self.tr("The built-in content could not be opened either (%1). "
                                            "Search is unavailable.").replace("%1",
                                                                              opened.fallback_failure))
            self.sidebar.set_unavailable(self.tr("Search is unavailable."))
        self._start_desktop_hooks()
        if opened.context is not None:
            from knowledge.usage import UsageLog

            usage = None if opened.provisional else UsageLog(opened.context.store)
            self.sidebar.attach(opened.context, usage)
            self.calls.attach(opened.context)
            self._follow_store(opened.context)
            if opened.context.team_url is not None and not opened.provisional:
                self._follow_team(opened.context)
        self.ready.emit(opened)

    def _follow_store(self, context: AppContext) -> None:
        """Editors publish from other processes (assist editor, kb approve, a team's server): each
        second the index folds in whatever the store has that it has not (a few small queries
        when nothing changed), so agents find a published answer within seconds."""
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setInterval(REFRESH_INTERVAL_MS)
        self._refreshing = False

        def tick() -> None:
            if self._refreshing:
                return
            self._refreshing = True
            self._ops.run(context.search.refresh, refreshed, refreshed)

        def refreshed(_result: object) -> None:
            self._refreshing = False

        self._refresh_timer.timeout.connect(tick)
        self._refresh_timer.start()

    def _follow_team(self, context: AppContext) -> None:
        """Keep the local copy in step with the team server; the index follows the copy (above)."""
        from assist import __version__
        from assist.ui.team_sync import TeamStrip, TeamSync

        assert context.team_url is not None
        self.team_strip = TeamStrip(self.sidebar)
        self.sidebar.add_footer(self.team_strip)
        self.team_sync = TeamSync(context.team_url, context.store, __version__, self)
        self.team_sync.status_changed.connect(self._team_status)
        self.team_strip.sync_requested.connect(self.team_sync.sync_now)
        self.team_strip.dashboard_requested.connect(self.open_dashboard)
        self.team_strip.show_status(self.team_sync.status)
        self.team_sync.start()

    def _team_status(self, status: Any) -> None:
        self.team_strip.show_status(status)
        role = status.member.role if status.member is not None else None
        if role != self._shown_team_role:
            # The editor's tray entry follows the server's role; progress updates leave it alone.
            self._shown_team_role = role
            self._retranslate_tray()

    def team_role(self) -> str | None:
        """The team role the server gave this login (None: not following a team, or not known yet)."""
        sync = getattr(self, "team_sync", None)
        member = sync.status.member if sync is not None else None
        return member.role if member is not None else None

    def open_dashboard(self) -> None:
        context = self.context
        if context is None or context.team_url is None:
            return
        if self._dashboard is None or not isValid(self._dashboard):
            from assist.ui.team_dashboard import TeamDashboard
            from assist.ui.team_sync import dashboard_loader

            self._dashboard = TeamDashboard(dashboard_loader(context.team_url, context.store))
            self._dashboard.setWindowIcon(self.icon())
        self._dashboard.show()
        self._dashboard.raise_()
        self._dashboard.activateWindow()

    def _open_crashed(self, error: Exception) -> None:
        # open_for_sidebar turns every failure into a mode; this is the last line of defence.
        self.sidebar.banner.add(self.tr("The knowledge base could not be opened: %1").replace(
            "%1", str(error)))
        self.ready.emit(None)

    @property
    def context(self) -> AppContext | None:
        return self.opened.context if self.opened is not None else None

    def show(self) -> None:
        self._place()
        self.sidebar.show()
        self.bring_forward()

    def _start_desktop_hooks(self) -> None:
        """Tray icon and global hotkey: after the store is open, off the path to a usable search."""
        if self._interactive and self.hotkey is None:
            from assist.ui.hotkey import GlobalHotkey

            self._start_tray()
            self.hotkey = GlobalHotkey(self)
            self.hotkey.activated.connect(self.bring_forward)
            self.hotkey.failed.connect(lambda problem: self.sidebar.banner.add(
                self.tr("The hotkey is not available: %1").replace("%1", problem)))
            self._start_hotkey()

    def _start_hotkey(self) -> None:
        if self.hotkey is None:
            return
        # start() drops the previous registration first; an empty sequence only drops it.
        problem = self.hotkey.start(str(self.settings.get("hotkey")))
        if problem:
            self.sidebar.banner.add(self.tr("The hotkey is not available: %1").replace("%1", problem))

    def bring_forward(self) -> None:
        if not self.sidebar.isVisible():
            self.sidebar.show()
        self.sidebar.raise_()
        self.sidebar.activateWindow()
        self.sidebar.focus_search()

    def _ring(self) -> None:
        """A call's card is up: the sidebar comes to the front, without taking the agent's keyboard
        from the softphone they are answering on."""
        if not self.sidebar.isVisible():
            self.sidebar.show()
        self.sidebar.raise_()

    def handle_arguments(self, arguments: list[str]) -> None:
        """A second launch forwards its command line here: come forward, and type its query. The command
        hook (`assist call ...`) forwards a call event instead."""
        from assist.cli_calls import CALL_EVENT_ARGUMENT

        if len(arguments) == 2 and arguments[0] == CALL_EVENT_ARGUMENT:
            self.calls.hook_message(arguments[1])
            return
        self.bring_forward()
        for flag in ("--query", "--state"):
            if flag in arguments:
                at = arguments.index(flag)
                if at + 1 < len(arguments):
                    query = arguments[at + 1].removeprefix("search:")
                    self.sidebar.search_box.setText(query)

    def quit(self) -> None:
        self._app.quit()  # aboutToQuit saves the window state

    def close(self) -> None:
        if getattr(self, "_refresh_timer", None) is not None:
            self._refresh_timer.stop()
        team_still_running = getattr(self, "team_sync", None) is not None and not self.team_sync.stop()
        if self._editor is not None and isValid(self._editor):
            self._editor.close()  # its last draft save runs before the store closes
        if self.hotkey is not None:
            self.hotkey.stop()
        self.calls.close()
        # No time limit: closing the store under a running read or write could corrupt nothing
        # (SQLite), but would turn the last usage event or settings save into an error.
        self._ops.wait(-1)
        self.sidebar.wait_for_background_work()
        opened = self.opened or self._worker_opened
        # A sync thread stuck on a hung server may still be writing the replica: the process is
        # ending anyway, and closing the store under it would turn its last write into an error.
        if opened is not None and opened.context is not None and not team_still_running:
            opened.context.close()

    def save_state(self) -> None:
        """At quit: where the window was and how the panes were split, for the next start.

        Waits for a settings save still running in the background first: one file, one writer.
        """
        self._ops.wait(-1)
        try:
            self.settings.set_state("splitter_sizes", self.sidebar.splitter.sizes())
            if self.settings.get("dock") == "float":
                geometry = self.sidebar.geometry()
                self.settings.set_state("geometry", [geometry.x(), geometry.y(), geometry.width(),
                                                     geometry.height()])
            else:
                self.settings.set_state("dock_width", max(MIN_WIDTH, min(MAX_WIDTH, self.sidebar.width())))
            self.settings.save()
        except SettingsError as error:
            log.warning("window state not saved: %s", error)

    # -- placing the window -------------------------------------------------------------------------

    def _place(self) -> None:
        dock = str(self.settings.get("dock"))
        visible = self.sidebar.isVisible()
        # New window flags re-create the window: hidden and shown again, not closed by the agent.
        self.sidebar.keep_session_on_hide = True
        self.sidebar.setWindowFlags(window_flags(dock))
        self.sidebar.keep_session_on_hide = False
        available = screen_for(self.sidebar).availableGeometry()
        if dock == "float":
            geometry = self.settings.get_state("geometry")
            # A window remembered on a screen that is gone would open out of sight.
            if isinstance(geometry, list) and len(geometry) == 4 \
                    and available.intersects(QRect(*geometry)):
                self.sidebar.setGeometry(QRect(*geometry))
            else:
                self.sidebar.resize(420, min(820, available.height()))
            self.edge.hide()
        else:
            self.sidebar.setGeometry(docked_geometry(available, dock,
                                                     self.settings.get_state("dock_width")))
            self.edge.edge = dock
            self.edge.show()
            self.edge.place()
        if self._interactive:
            problem = reserve_edge(self.sidebar, "" if dock == "float" else dock,
                                   self.sidebar.geometry())
            if problem:
                log.info("screen edge not reserved: %s", problem)
        sizes = self.settings.get_state("splitter_sizes")
        if sizes:
            self.sidebar.splitter.setSizes(sizes)
        if visible:
            self.sidebar.show()

    def _dock_width_changed(self, width: int) -> None:
        self.settings.set_state("dock_width", width)
        self.edge.place()
        if self._interactive:
            reserve_edge(self.sidebar, str(self.settings.get("dock")), self.sidebar.geometry())

    # -- tray ---------------------------------------------------------------------------------------

    def _start_tray(self) -> None:
        if self.tray is not None or not QSystemTrayIcon.isSystemTrayAvailable():
            return
        self.tray = QSystemTrayIcon(self.icon(), self)
        menu = QMenu()
        self._tray_menu = menu
        self._tray_actions: dict[str, QAction] = {}
        for key in ("show", "editor", "settings", "quit"):
            action = menu.addAction("")
            self._tray_actions[key] = action
        self._tray_actions["show"].triggered.connect(self.bring_forward)
        self._tray_actions["editor"].triggered.connect(self.open_editor)
        self._tray_actions["settings"].triggered.connect(self.open_settings)
        self._tray_actions["quit"].triggered.connect(self.quit)
        self.tray.setContextMenu(menu)
        self.tray.activated.connect(lambda reason: self.bring_forward()
                                    if reason == QSystemTrayIcon.ActivationReason.Trigger else None)
        self._retranslate_tray()
        self.tray.show()

    def _retranslate_tray(self) -> None:
        if self.tray is None:
            return
        self.tray.setToolTip(self.tr("Agent Assist"))
        self._tray_actions["show"].setText(self.tr("Show the sidebar"))
        self._tray_actions["settings"].setText(self.tr("Settings…"))
        self._tray_actions["editor"].setText(self.tr("Knowledge editor…"))
        # Agents read the knowledge base; writing it is for editors and reviewers.
        self._tray_actions["editor"].setVisible(self._knowledge_role() != "agent")
        self._tray_actions["quit"].setText(self.tr("Quit"))

    def _knowledge_role(self) -> str:
        """Following a team, the server's role decides (its grants enforce the same); else the setting."""
        context = self.context
        if context is not None and context.team_url is not None:
            from assist.team.schema import knowledge_role

            return knowledge_role(self.team_role() or "")
        return str(self.settings.get("knowledge_role"))

    def open_editor(self) -> None:
        """The knowledge editor on the sidebar's own store (the team server when following one), as the
        role allows."""
        role = self._knowledge_role()
        context = self.context
        if role == "agent" or context is None or (self.opened is not None and self.opened.provisional):
            return
        if self._editor is None or not isValid(self._editor):
            if context.team_url is not None:
                # Connecting to the server waits on the network: off the GUI thread, then the window.
                self._ops.run(context.team_identity, lambda identity: self._make_editor(context, *identity),
                              lambda error: self.sidebar.banner.add(str(error)))
                return
            self._make_editor(context, str(self.settings.get("agent_name")) or getpass.getuser(), role)
            return
        self._show_editor()

    def _make_editor(self, context: AppContext, user: str, role: str) -> None:
        from assist.ui.editor import EditorWindow

        if role == "agent":
            return
        self._editor = EditorWindow(context, user, role)
        self._editor.setWindowIcon(self.icon())
        self._show_editor()

    def _show_editor(self) -> None:
        self._editor.show()
        self._editor.raise_()
        self._editor.activateWindow()

    # -- settings -----------------------------------------------------------------------------------

    def open_settings(self) -> None:
        current = {setting.name: self.settings.get(setting.name) for setting in SETTINGS}
        dialog = SettingsDialog(current, self.sidebar)
        dialog.setWindowIcon(self.icon())
        if dialog.exec() == SettingsDialog.DialogCode.Accepted:
            self.apply_settings(dialog.values())

    def apply_settings(self, values: dict[str, Any]) -> None:
        for name, value in values.items():
            try:
                self.settings.set(name, value)
            except SettingsError as error:
                self.sidebar.banner.add(str(error))
        settings = self.settings

        def save() -> None:
            settings.save()

        self._ops.run(save, lambda _none: None, lambda error: self.sidebar.banner.add(
            self.tr("Settings were not saved: %1").replace("%1", str(error))))

    def _setting_changed(self, name: str) -> None:
        # The agent chose anew in the dialog: that wins over this run's command line.
        self._overrides.pop(name, None)
        if name == "language":
            self.set_language(resolve_language(self._setting("language"), QLocale.system().name()))
        elif name in ("theme", "font_size"):
            # apply_theme keeps the font's families, so the CJK family chosen at start stays first.
            self.dark = apply_theme(self._app, self._setting("theme"), self.settings.get("font_size"))
        elif name == "dock":
            self._place()
        elif name == "hotkey":
            self._start_hotkey()
        elif name == "knowledge_role":
            self._retranslate_tray()
        elif name == "agent_name":
            self.sidebar.set_agent(str(self.settings.get("agent_name")))
        elif name in ("softphone", "call_http_port"):
            self.calls.restart_sources()
        elif name == "phone_region":
            self.calls.apply_region()

    def set_language(self, language: str) -> None:
        problem = self.translations.switch(language)
        if problem:
            self.sidebar.banner.add(problem)
        self.language = self.translations.language
        self.sidebar.set_ui_language(self.language)
        self._retranslate_tray()

    def _system_scheme_changed(self, _scheme: Any) -> None:
        if self._setting("theme") == "system":
            self.dark = apply_theme(self._app, "system", self.settings.get("font_size"))
