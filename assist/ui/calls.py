"""The phone side of the sidebar: call sources in, the caller's card and the wrap-up out.

Sources (baresip's event socket, local HTTP) run in threads of their own and hand each CallEvent over
through a queued signal; the command hook's events come from the single-instance socket. The desk works
out the card on a worker thread of its own (one, so a call's events are handled in order), and the GUI
thread only shows it: ringing pops the card and raises the sidebar, ended queues the call's wrap-up.
Starting and stopping sources (the keyring, joining threads) happens on another worker.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from assist.settings import Settings
from assist.telephony.events import CallEvent, CallEventError, make_event
from assist.telephony.problems import ProblemLog
from assist.ui.ops import BackgroundOps

if TYPE_CHECKING:
    from assist.context import AppContext
    from assist.customers.card import CallerCard
    from assist.telephony.desk import Call, CallDesk, CallUpdate
    from assist.ui.sidebar import Sidebar
    from assist.ui.wrap_up import WrapUp

_EARLY_EVENTS = 16  # held while the store opens; a phone rings a few times at most in that second
SourceConfig = tuple[str, int]


def hook_event(payload: str) -> CallEvent:
    """The event `assist call ...` sent over the single-instance socket; CallEventError if not one."""
    try:
        document = json.loads(payload)
    except (ValueError, RecursionError):
        raise CallEventError("the command hook sent something that is not JSON") from None
    if not isinstance(document, dict):
        raise CallEventError("the command hook sent something that is not an event")
    return make_event(document.get("event"), document.get("number"), "hook", document.get("name"),
                      document.get("call_id"))


class CallsController(QObject):
    event_arrived = Signal(object)  # a CallEvent; emitted from any thread
    card_shown = Signal(object)  # the CallUpdate whose card is now on screen (tests, benchmarks)
    wrap_up_saved = Signal(bool)  # True when saved on the customer's history

    def __init__(self, sidebar: Sidebar, settings: Settings, data_dir: Path,
                 bring_forward: Callable[[], None], problem: Callable[[str], None]) -> None:
        super().__init__(sidebar)
        self.sidebar = sidebar
        self.settings = settings
        self.data_dir = data_dir
        self._bring_forward = bring_forward
        self._problem = problem
        self._ops = BackgroundOps(self, threads=1)
        self._source_ops = BackgroundOps(self, threads=1)
        self.problems = ProblemLog()
        self.desk: CallDesk | None = None
        self._titles: dict[str, Any] = {}
        self._early: list[CallEvent] = []
        self._sources: list[Any] = []
        self._source_config: SourceConfig | None = None
        self.current: Call | None = None  # the call whose card is shown
        self._wrap_ups: list[Call] = []  # ended calls waiting for their wrap-up, oldest first
        self.wrapping: Call | None = None  # the call the wrap-up panel is open for
        self._login: str | None = None  # the team server's login, when following one
        self.event_arrived.connect(self._on_event)
        sidebar.entry_shown.connect(self._entry_shown)
        sidebar.wrap_up.saved.connect(self._save_wrap_up)
        sidebar.wrap_up.skipped.connect(self._wrap_up_closed)

    # -- set-up --------------------------------------------------------------------------------------

    def attach(self, context: AppContext) -> None:
        """Open the customer store and the scripts' triggers off the GUI thread, then start listening."""
        problems = self.problems
        self._login = context.team_url.username if context.team_url is not None else None

        def open_desk() -> tuple[CallDesk, dict[str, Any]]:
            from assist.customers.lookup import CardLookupService
            from assist.telephony.desk import CallDesk
            from scripts_lib.storage import script_from_record

            records = context.store.scripts()
            titles = {record.id: script_from_record(record).title for record in records}
            triggers = context.script_triggers(records)
            return CallDesk(CardLookupService(context.customers, triggers), problems), titles

        self._ops.run(open_desk, self._desk_ready,
                      lambda error: self._problem(self.tr("Caller cards are unavailable: %1")
                                                  .replace("%1", str(error))))

    def use(self, desk: CallDesk, titles: dict[str, Any]) -> None:
        """Take calls with this desk (`titles`: script id to its Text, for the suggestion buttons)."""
        self.desk, self._titles = desk, titles

    def _desk_ready(self, ready: tuple[CallDesk, dict[str, Any]]) -> None:
        self.use(*ready)
        self.apply_region()
        self.restart_sources()
        early, self._early = self._early, []
        for event in early:
            self._on_event(event)

    def apply_region(self) -> None:
        """How numbers without a country code are read; takes effect with the next call."""
        from assist.customers.phones import DEFAULT_REGION, region_ok

        region = str(self.settings.get("phone_region")).strip().upper()
        if not region_ok(region):
            self._problem(self.tr("The phone region %1 is not a region code such as CN, HK or TW; "
                                  "numbers are read as %2 ones.").replace("%1", region)
                          .replace("%2", DEFAULT_REGION))
            region = DEFAULT_REGION
        if self.desk is not None:
            self.desk.cards.region = region

    def restart_sources(self) -> None:
        """(Re)start what the settings ask for, off the GUI thread (the keyring may wait on a prompt,
        stopping a source joins its thread); unchanged settings keep the running sources."""
        desk = self.desk
        if desk is None:
            return
        config = (str(self.settings.get("softphone")).strip(), int(self.settings.get("call_http_port")))
        if config == self._source_config:
            return
        self._source_config = config
        old, self._sources = self._sources, []
        data_dir, deliver = self.data_dir, self.deliver

        def switch() -> tuple[list[Any], list[tuple[str, str, str]]]:
            for source in old:
                source.stop()
            return _start_sources(config, data_dir, deliver, desk.problems)

        self._source_ops.run(switch, self._sources_started,
                             lambda error: self._problem(str(error)))

    def _sources_started(self, started: tuple[list[Any], list[tuple[str, str, str]]]) -> None:
        sources, problems = started
        self._sources += sources
        for kind, first, second in problems:
            if kind == "port":
                self._problem(self.tr("Call events over HTTP are off: port %1 is not free (%2).")
                              .replace("%1", first).replace("%2", second))
            else:
                self._problem(first)

    def close(self) -> None:
        self._source_ops.wait(-1)
        for source in self._sources:
            source.stop()
        self._sources = []
        self._ops.wait(-1)

    # -- events ----------------------------------------------------------------------------------------

    def deliver(self, event: CallEvent) -> None:
        """For sources, from their threads: the signal queues it to the GUI thread."""
        self.event_arrived.emit(event)

    def hook_message(self, payload: str) -> None:
        try:
            event = hook_event(payload)
        except CallEventError as error:
            self.problems.report("hook", str(error))
            return
        self._on_event(event)

    def _on_event(self, event: CallEvent) -> None:
        desk = self.desk
        if desk is None:
            if len(self._early) < _EARLY_EVENTS:
                self._early.append(event)
            return
        self._ops.run(lambda: desk.handle(event), self._show,
                      lambda error: desk.problems.report(event.source, f"a {event.event} event could not be "
                                                                       f"handled ({type(error).__name__})"))

    def _show(self, update: CallUpdate | None) -> None:
        if update is None:
            return
        event = update.event.event
        if event == "ringing":
            self.current = update.call
            lookup = update.call.lookup
            self.sidebar.set_caller(lookup.card, self._suggestions(lookup.card), withheld=lookup.withheld)
            self._bring_forward()
            self.card_shown.emit(update)
        elif event == "ended":
            self._wrap_ups.append(update.call)
            if self.wrapping is None:
                self._next_wrap_up()

    def _language(self) -> str:
        return {"zh_TW": "zh-Hant", "en": "en"}.get(self.sidebar.ui_language, "zh-Hans")

    def _title(self, script_id: str) -> str:
        title = self._titles.get(script_id)
        return title.get(self._language()) if title is not None else script_id

    def _suggestions(self, card: CallerCard) -> list[tuple[str, str]]:
        from scripts_lib.model import script_doc_id

        # The lines are said to the caller: in their language.
        lang = card.language if card.language in ("en", "zh-Hant") else "zh-Hans"
        return [(script_doc_id(script_id, lang), self._title(script_id))
                for script_id in card.suggested_scripts if script_id in self._titles]

    def _entry_shown(self, doc_id: str) -> None:
        from scripts_lib.model import script_id_of

        named = script_id_of(doc_id)
        call, desk = self.current, self.desk
        if named is not None and call is not None and desk is not None and call.ended_at is None:
            desk.note_script(call, named[0])

    # -- wrap-up ---------------------------------------------------------------------------------------

    def _next_wrap_up(self) -> None:
        if not self._wrap_ups:
            return
        call = self._wrap_ups.pop(0)
        self.wrapping = call
        card = call.lookup.card
        scripts = [(script_id, self._title(script_id)) for script_id in call.scripts_used]
        promises = [(promise.row_id, promise.promise, promise.promise_due) for promise in card.promises
                    if promise.row_id]
        self.sidebar.wrap_up.open_for(card.address_as or self.tr("Unknown caller"), scripts, promises,
                                      can_save=card.known)

    def _save_wrap_up(self, wrap_up: WrapUp) -> None:
        call, desk = self.wrapping, self.desk
        if call is None or desk is None:
            return
        # On a team server a wrap-up is recorded in the login's name (the server checks it); alone,
        # in the name the agent set.
        agent = self._login or str(self.settings.get("agent_name")) or self.tr("agent")
        self._ops.run(lambda: desk.wrap_up(call, agent, wrap_up.outcome, list(wrap_up.scripts),
                                           wrap_up.promise, wrap_up.promise_due, wrap_up.kept),
                      self._wrap_up_done, self._wrap_up_failed)

    def _wrap_up_done(self, saved: bool) -> None:
        self.wrap_up_saved.emit(saved)
        self._wrap_up_closed()

    def _wrap_up_failed(self, error: Exception) -> None:
        self._problem(self.tr("The wrap-up was not saved: %1").replace("%1", str(error)))
        self.sidebar.wrap_up.show()

    def _wrap_up_closed(self) -> None:
        """Saved or skipped: the card goes too, unless a newer call's card has taken its place."""
        done, self.wrapping = self.wrapping, None
        if done is not None and done is self.current:
            self.current = None
            self.sidebar.set_caller(None)
        self._next_wrap_up()


def _start_sources(config: SourceConfig, data_dir: Path, deliver: Callable[[CallEvent], None],
                   problems: ProblemLog) -> tuple[list[Any], list[tuple[str, str, str]]]:
    """Start what `config` asks for; what could not start comes back as (kind, detail, detail)."""
    from assist.telephony.token import TokenError, call_token

    softphone, port = config
    sources: list[Any] = []
    failed: list[tuple[str, str, str]] = []
    if softphone:
        from assist.telephony.baresip import BaresipSource, parse_softphone_url

        try:
            host, softphone_port = parse_softphone_url(softphone)
        except ValueError as error:
            failed.append(("softphone", str(error), ""))
        else:
            source = BaresipSource(host, softphone_port, deliver, problems)
            source.start()
            sources.append(source)
    if port:
        from assist.telephony.http_source import HttpSource

        try:
            token = call_token(data_dir)
            assert token is not None
            http = HttpSource(port, token, deliver, problems)
        except TokenError as error:
            failed.append(("token", str(error), ""))
        except OSError as error:
            failed.append(("port", str(port), error.strerror or str(error)))
        else:
            http.start()
            sources.append(http)
    return sources, failed
