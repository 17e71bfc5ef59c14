"""The local usage log: which FAQ entries and scripts agents open and copy, and which searches found
nothing worth opening, so knowledge editors and team leads can see what to write or fix next.

It holds no customer data. Agents type phone numbers, order numbers, ID card numbers and emails into
the search box, so every query is masked before it is stored (`mask_query`): an email becomes "@", any
run of 4 or more digits (Chinese numerals and separators such as spaces or dashes included) and any
letters-and-digits token holding one (order numbers, ID cards, passports, plates) becomes "#", the
text is lower-cased with its whitespace folded and cut to 64 characters. Nothing about the caller is
ever passed in. Names typed into the box cannot be told from words; the search box is for questions,
and a miss is only the last query of a search that opened nothing.

Miss rule (`SearchSession`): a search session is a run of queries where each edits the one before
it: the agent keeps typing or deleting, so one is a prefix of the other, or the two share most of
their text. The session ends when the box is cleared, the sidebar is hidden, or an unrelated query
starts a new one. If nothing was opened during the session and its last non-empty query has at least
2 characters, that query is a miss. Single characters are noise, and a session in which something
was opened found what it needed. The result count does not change the rule: a list of results nobody
opened is as much a miss as an empty one.

Every event has a random id (uuid4 hex) and a UTC time, so logs from many sidebars can be merged
later without clashes. All `UsageLog` calls do I/O: call them off the GUI thread.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, FromClause, and_, delete, func, select
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from knowledge.models import FaqEntry, UsageEvent, utcnow
from knowledge.store import KnowledgeStore, as_utc
from knowledge.usage_session import fold_text

KINDS = ("faq", "script")
OPEN, COPY, MISS = "open", "copy", "miss"
MAX_QUERY_CHARS = 64
NUMBER_MASK = "#"
EMAIL_MASK = "@"

_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]*")
# Digits, Chinese numerals as a number is read out (幺 for one), each maybe after one separator.
_DIGIT = "0-9〇零一二三四五六七八九幺"
_NUMBER_RUN = re.compile(rf"[{_DIGIT}](?:[ .\-]?[{_DIGIT}]){{3,}}")
# A code made of letters and digits (SO20240101, A123456(7), 京A12345's A12345), or what is left
# of one once its digits were masked.
_CODE = re.compile(r"[A-Za-z0-9#](?:[A-Za-z0-9#_\-/]*[A-Za-z0-9#])?(?:\([0-9A-Za-z]\))?")
_MASKS = re.compile(rf"{NUMBER_MASK}(?:[ .\-]?{NUMBER_MASK})+")
_PART = re.compile(r"[a-z][a-z0-9_]{0,31}")


class UsageLogError(Exception):
    """The usage log could not be read or written (read-only folder, disk full, database locked)."""


def _mask_code(match: re.Match[str]) -> str:
    code = match.group()
    return NUMBER_MASK if NUMBER_MASK in code or sum(c.isdigit() for c in code) >= 4 else code


def mask_query(query: str) -> str:
    """A query as the log keeps it: no numbers or emails a customer could be found by (see the
    module docstring), lower case, whitespace folded, at most MAX_QUERY_CHARS characters."""
    text = _EMAIL.sub(EMAIL_MASK, fold_text(query))
    text = _NUMBER_RUN.sub(NUMBER_MASK, text)
    text = _CODE.sub(_mask_code, text)
    text = _MASKS.sub(NUMBER_MASK, text)
    # The same question counted once: "退款多久?", "退款 多久" and "退款多久" are one miss.
    text = _SPACE_BETWEEN_HAN.sub("", text)
    text = text.rstrip(_TRAILING_PUNCTUATION + " ")
    # Masked before it is cut, so a cut can never leave part of a number behind.
    return text.lower()[:MAX_QUERY_CHARS].strip()


_SPACE_BETWEEN_HAN = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")
_TRAILING_PUNCTUATION = "?？!！。.,，、;；:：~～…"


# -- the report -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocUsage:
    """How often one entry or script was opened or copied."""

    kind: str
    doc_id: str
    count: int
    # None when the entry or script is no longer in the store (or its kind has no title lookup).
    title: str | None = None
    # Copies only: how often each part was copied.
    parts: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.doc_id, "kind": self.kind, "title": self.title,
                                "count": self.count}
        if self.parts:
            data["parts"] = dict(self.parts)
        return data


@dataclass(frozen=True)
class MissedQuery:
    query: str
    count: int
    last: dt.datetime | None = None  # the newest time it was searched in vain

    def as_json(self) -> dict[str, Any]:
        return {"query": self.query, "count": self.count,
                "last": self.last.isoformat(timespec="seconds") if self.last else None}


@dataclass(frozen=True)
class UsageTotals:
    opened: int = 0
    copied: int = 0
    missed: int = 0


@dataclass(frozen=True)
class UsageReport:
    """What agents used in the last `days` days: top opened and copied documents, top missed queries."""

    days: int
    since: dt.datetime
    until: dt.datetime
    totals: UsageTotals
    opened: tuple[DocUsage, ...] = ()
    copied: tuple[DocUsage, ...] = ()
    missed: tuple[MissedQuery, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {"days": self.days, "since": self.since.isoformat(), "until": self.until.isoformat(),
                "totals": {"opened": self.totals.opened, "copied": self.totals.copied,
                           "missed": self.totals.missed},
                "opened": [doc.as_json() for doc in self.opened],
                "copied": [doc.as_json() for doc in self.copied],
                "missed": [miss.as_json() for miss in self.missed]}


# -- the log ----------------------------------------------------------------------------------------


def _where(store: KnowledgeStore) -> str:
    url = store.engine.url
    if url.get_backend_name() == "sqlite":
        return url.database or "an in-memory database"
    return url.render_as_string(hide_password=True)


def _reason(error: Exception) -> str:
    cause = error.orig if isinstance(error, DBAPIError) else error
    lines = str(cause).strip().splitlines()
    return lines[0] if lines else type(cause).__name__


class UsageLog:
    """Records usage events in the knowledge store and reports on them. Thread-safe: each call uses
    its own database session."""

    def __init__(self, store: KnowledgeStore,
                 script_title: Callable[[str], str | None] | None = None) -> None:
        """`script_title` names a script from its doc id for reports; a script's shape belongs to
        scripts_lib, which this package does not import."""
        self.store = store
        self._script_title = script_title

    @contextmanager
    def _session(self, doing: str) -> Iterator[Session]:
        try:
            with self.store.session() as session, session.begin():
                yield session
        except (SQLAlchemyError, OSError) as error:
            raise UsageLogError(f"cannot {doing} the usage log in {_where(self.store)}: "
                                f"{_reason(error)}") from error

    def _record(self, event: str, kind: str = "", doc_id: str = "", part: str = "",
                query: str = "") -> None:
        row = UsageEvent(id=uuid.uuid4().hex, occurred_at=utcnow(), event=event, kind=kind,
                         doc_id=doc_id, part=part, query=mask_query(query))
        with self._session("write") as session:
            session.add(row)

    def opened(self, kind: str, doc_id: str, query: str = "") -> None:
        """An agent opened an entry or script, after searching for `query` (masked before storing)."""
        self._record(OPEN, *_checked_doc(kind, doc_id), query=query)

    def copied(self, kind: str, doc_id: str, part: str) -> None:
        """An agent copied a part of an entry or script ("body", "scenario", "say"...)."""
        if not _PART.fullmatch(part):
            raise ValueError(f"usage: part must be a short lower-case name like 'body', not {part!r}")
        self._record(COPY, *_checked_doc(kind, doc_id), part=part)

    def missed(self, query: str) -> None:
        """A search found nothing the agent opened (SearchSession decides when); stored masked."""
        if mask_query(query):
            self._record(MISS, query=query)

    def report(self, days: int = 30, limit: int = 20) -> UsageReport:
        with self._session("read") as session:
            return usage_report(session, UsageEvent.__table__, days, limit, self._script_title)

    def prune(self, keep_days: int = 180) -> int:
        """Delete the events older than `keep_days` days; returns how many were deleted."""
        if keep_days < 0:
            raise ValueError("usage: keep_days cannot be negative")
        cutoff = utcnow() - dt.timedelta(days=keep_days)
        with self._session("prune") as session:
            result = session.execute(delete(UsageEvent).where(UsageEvent.occurred_at < cutoff))
            return int(getattr(result, "rowcount", 0) or 0)


def _checked_doc(kind: str, doc_id: str) -> tuple[str, str]:
    if kind not in KINDS:
        raise ValueError(f"usage: kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if not doc_id or len(doc_id) > 200:
        raise ValueError(f"usage: doc_id must be 1 to 200 characters, not {doc_id!r}")
    return kind, doc_id


def usage_report(session: Session, events: FromClause, days: int = 30, limit: int = 20,
                 script_title: Callable[[str], str | None] | None = None,
                 where: Sequence[ColumnElement[bool]] = ()) -> UsageReport:
    """The report over `events`: this store's own log, or the usage a team's sidebars uploaded to their
    server (the same columns; `where` narrows it to one team). FAQ titles come from the same database."""
    if days < 1 or limit < 1:
        raise ValueError("usage: days and limit must be at least 1")
    until = utcnow()
    since = until - dt.timedelta(days=days)
    column = events.c
    in_window = and_(column.occurred_at >= since, *where)
    count = func.count().label("count")
    totals: dict[str, int] = {event: n for event, n in session.execute(
        select(column.event, func.count()).where(in_window).group_by(column.event))}
    top: dict[str, list[tuple[str, str, int]]] = {}
    for event in (OPEN, COPY):
        top[event] = [(kind, doc_id, n) for kind, doc_id, n in session.execute(
            select(column.kind, column.doc_id, count)
            .where(in_window, column.event == event)
            .group_by(column.kind, column.doc_id)
            .order_by(count.desc(), column.kind, column.doc_id).limit(limit))]
    parts: dict[tuple[str, str], dict[str, int]] = {}
    copied_ids = sorted({doc_id for _, doc_id, _ in top[COPY]})
    if copied_ids:
        for kind, doc_id, part, n in session.execute(
                select(column.kind, column.doc_id, column.part, count)
                .where(in_window, column.event == COPY, column.doc_id.in_(copied_ids))
                .group_by(column.kind, column.doc_id, column.part)
                .order_by(count.desc(), column.part)):
            parts.setdefault((kind, doc_id), {})[part] = n
    last = func.max(column.occurred_at).label("last")
    # Most frequent first; of equally frequent ones, the newest (what is failing agents now).
    missed = tuple(MissedQuery(query, n, as_utc(newest)) for query, n, newest in session.execute(
        select(column.query, count, last).where(in_window, column.event == MISS)
        .group_by(column.query).order_by(count.desc(), last.desc(), column.query)
        .limit(limit)))
    faq_ids = sorted({doc_id for rows in top.values() for kind, doc_id, _ in rows if kind == "faq"})
    # Titles only: at most 2 x limit ids, one query, no bodies or alias lists decoded.
    faq_titles: dict[str, str] = {entry_id: entry_title for entry_id, entry_title in session.execute(
        select(FaqEntry.id, FaqEntry.title).where(FaqEntry.id.in_(faq_ids)))}

    def title(kind: str, doc_id: str) -> str | None:
        if kind == "faq":
            return faq_titles.get(doc_id)
        return script_title(doc_id) if script_title is not None else None

    return UsageReport(
        days=days, since=as_utc(since), until=as_utc(until),
        totals=UsageTotals(opened=totals.get(OPEN, 0), copied=totals.get(COPY, 0),
                           missed=totals.get(MISS, 0)),
        opened=tuple(DocUsage(kind, doc_id, n, title(kind, doc_id)) for kind, doc_id, n in top[OPEN]),
        copied=tuple(DocUsage(kind, doc_id, n, title(kind, doc_id), parts.get((kind, doc_id), {}))
                     for kind, doc_id, n in top[COPY]),
        missed=missed)
