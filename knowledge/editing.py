"""Editing FAQ entries without losing an edit: drafts, review, publish, history and rollback (Qt-free).

An editor's draft is theirs alone and is saved as they type (it survives a crash). Submitting checks
every field and the compliance lint (errors block); a reviewer approves, which publishes a new version,
or rejects with a comment. Every published version is kept (`faq_revisions`), and rolling back publishes
an old version again as a new one.

No silent overwrite: a draft remembers the version it started from, and publishing is a compare-and-set
on that version. If someone published in between, EditConflict carries the three sides (what the draft
started from, what is published now, the draft), and `merge` combines them field by field, leaving only
the fields both changed for the editor to decide.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, cast

from sqlalchemy import CursorResult, delete, select, update
from sqlalchemy.orm import Session

from knowledge.entries import EntryError, FaqEntryData, entry_from_mapping, make_id
from knowledge.lint.check import SPOKEN_FIELDS, Finding, lint_entry
from knowledge.lint.rules import RuleSet
from knowledge.lint.versions import RuleSets
from knowledge.models import FaqDraft, FaqEntry, FaqRevision, utcnow
from knowledge.store import (
    HISTORY_FIELDS,
    KnowledgeStore,
    as_utc,
    entry_columns,
    entry_data,
    history_fields,
)

# What an editor edits: the import format's fields (the id is fixed once the entry exists).
FIELDS = HISTORY_FIELDS
LIST_FIELDS = ("aliases", "tags")
# A draft is saved as typed, before it is checked; this bounds what one field may hold meanwhile.
MAX_DRAFT_FIELD = 200_000


class EditError(ValueError):
    """A field that cannot be saved as it is: the message names the field."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(f"{field}: {message}")


class LintBlocked(ValueError):
    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = tuple(findings)
        first = findings[0]
        super().__init__(f"{first.field}: {first}" + (f" (and {len(findings) - 1} more)"
                                                      if len(findings) > 1 else ""))


@dataclass(frozen=True)
class Draft:
    entry_id: str
    editor: str
    data: dict[str, Any]
    base_version: int
    state: str
    reviewer: str = ""
    review_comment: str = ""
    updated_at: dt.datetime | None = None


@dataclass(frozen=True)
class Revision:
    entry_id: str
    version: int
    data: dict[str, Any]
    action: str
    author: str
    reviewer: str
    comment: str
    created_at: dt.datetime | None


@dataclass(frozen=True)
class FieldConflict:
    field: str
    base: Any
    theirs: Any
    yours: Any


@dataclass(frozen=True)
class Merge:
    """The draft merged with what was published meanwhile; `conflicts` are the fields both changed."""

    data: dict[str, Any]
    their_version: int
    conflicts: tuple[FieldConflict, ...]


class EditConflict(Exception):
    """Someone published this entry after the draft was started: nothing was written."""

    def __init__(self, entry_id: str, base_version: int, merge: Merge, their_author: str) -> None:
        self.entry_id = entry_id
        self.base_version = base_version
        self.merge = merge
        self.their_author = their_author
        super().__init__(f"{entry_id}: version {merge.their_version} was published by "
                         f"{their_author or 'someone'} after this draft started from version "
                         f"{base_version}; merge or re-apply it")


def entry_fields(entry: FaqEntryData) -> dict[str, Any]:
    """An entry's editable fields, as a draft holds them (lists as lists, the date as ISO text)."""
    return history_fields(entry)


def _empty_fields() -> dict[str, Any]:
    return {"title": "", "body": "", "scenario_answer": "", "aliases": [], "tags": [], "category": "",
            "lang": "zh-Hans", "verify_by": None, "status": "published"}


def _clean_draft(data: Mapping[str, Any]) -> dict[str, Any]:
    """What a draft may hold before it is checked: known fields of the right kind, bounded in size."""
    cleaned = _empty_fields()
    for field, value in data.items():
        if field not in FIELDS:
            raise EditError(field, "is not a field of an FAQ entry")
        if field in LIST_FIELDS:
            if not isinstance(value, list | tuple) or not all(isinstance(item, str) for item in value):
                raise EditError(field, "must be a list of texts")
            if sum(len(item) for item in value) > MAX_DRAFT_FIELD:
                raise EditError(field, f"holds more than {MAX_DRAFT_FIELD:,} characters")
            cleaned[field] = list(value)
        elif value is None:
            cleaned[field] = None if field == "verify_by" else "published" if field == "status" else ""
        elif not isinstance(value, str):
            raise EditError(field, "must be text")
        elif len(value) > MAX_DRAFT_FIELD:
            raise EditError(field, f"is {len(value):,} characters long; a draft field holds at most "
                                   f"{MAX_DRAFT_FIELD:,}")
        else:
            cleaned[field] = value
    return cleaned


def check_fields(entry_id: str, data: Mapping[str, Any]) -> FaqEntryData:
    """The draft as a publishable entry, or EditError naming the first field that is not."""
    try:
        given = {key: value for key, value in data.items()
                 if value not in (None, "") or key in ("title", "body")}
        return entry_from_mapping({"id": entry_id, **given})
    except EntryError as error:
        raise EditError(error.field, str(error).split(": ", 1)[-1]) from None


def placeholder_findings(entry: FaqEntryData) -> list[Finding]:
    """Placeholders in the spoken answers that the sidebar cannot fill: the agent would meet a gap named
    after a typo. Their names are the scripts' (scripts_lib.placeholders)."""
    from scripts_lib.placeholders import PLACEHOLDERS, unknown_placeholder_spans

    known = ", ".join("{" + name + "}" for name in sorted(PLACEHOLDERS))
    return [Finding("unknown-placeholder", "error", field, start, end, text[start:end],
                    "The sidebar cannot fill this placeholder: agents would see an empty gap.",
                    f"Use one of {known}, or write the words themselves.", None)
            for field in SPOKEN_FIELDS for text in (getattr(entry, field),)
            for start, end in unknown_placeholder_spans(text)]


class Editing:
    def __init__(self, store: KnowledgeStore, rules: RuleSet | None = None) -> None:
        self.store = store
        # None: the rule set in force in the store (editors may change it), read at each check.
        self.rules = rules
        self.rule_sets = RuleSets(store)

    # -- drafts ----------------------------------------------------------------------------------------

    def drafts(self, state: str | None = None, editor: str | None = None) -> list[Draft]:
        with self.store.session() as session:
            query = select(FaqDraft).order_by(FaqDraft.updated_at.desc())
            if state is not None:
                query = query.where(FaqDraft.state == state)
            if editor is not None:
                query = query.where(FaqDraft.editor == editor)
            return [_draft(row) for row in session.scalars(query)]

    def draft(self, entry_id: str, editor: str) -> Draft | None:
        with self.store.session() as session:
            row = session.get(FaqDraft, (entry_id, editor))
            return _draft(row) if row is not None else None

    def start(self, entry_id: str, editor: str) -> Draft:
        """This editor's draft of an entry: the one they left, or a new one from the published entry."""
        _check_name(editor, "editor")
        with self.store.session() as session, session.begin():
            row = session.get(FaqDraft, (entry_id, editor))
            if row is None:
                entry = session.get(FaqEntry, entry_id)
                if entry is None:
                    raise EditError("id", f"there is no entry {entry_id!r}")
                row = FaqDraft(entry_id=entry_id, editor=editor, data=entry_fields(entry_data(entry)),
                               base_version=entry.version, state="draft", updated_at=utcnow())
                session.add(row)
            return _draft(row)

    def new(self, editor: str, data: Mapping[str, Any], entry_id: str = "") -> Draft:
        """A draft of a new entry; its id comes from the title unless given."""
        _check_name(editor, "editor")
        fields = _clean_draft(data)
        entry_id = entry_id.strip() or make_id(fields["title"] or "entry")
        check_fields(entry_id, {**fields, "title": fields["title"] or "x", "body": fields["body"] or "x"})
        with self.store.session() as session, session.begin():
            taken = session.get(FaqEntry, entry_id) is not None
            if taken or session.get(FaqDraft, (entry_id, editor)) is not None:
                raise EditError("id", f"{entry_id!r} is already taken")
            row = FaqDraft(entry_id=entry_id, editor=editor, data=fields, base_version=0, state="draft",
                           updated_at=utcnow())
            session.add(row)
            return _draft(row)

    def save(self, entry_id: str, editor: str, data: Mapping[str, Any], base_version: int | None = None
             ) -> Draft:
        """Autosave: the fields as typed, unchecked but bounded; a submitted or rejected draft that is
        edited again is a draft again. `base_version`: the version the caller's copy of the draft starts
        from; if the draft was merged onto a newer one meanwhile, this older copy must not replace it."""
        fields = _clean_draft(data)
        with self.store.session() as session, session.begin():
            row = session.get(FaqDraft, (entry_id, editor))
            if row is None:
                raise EditError("id", f"{editor} has no draft of {entry_id!r}; start one first")
            if base_version is not None and row.base_version != base_version:
                raise EditError("version", f"this draft now starts from version {row.base_version} (it was "
                                "merged meanwhile); open it again to see the merged text")
            if row.data != fields:
                row.data = fields
                row.state = "draft"
                row.updated_at = utcnow()
            return _draft(row)

    def discard(self, entry_id: str, editor: str) -> None:
        with self.store.session() as session, session.begin():
            session.execute(delete(FaqDraft).where(FaqDraft.entry_id == entry_id, FaqDraft.editor == editor))

    def lint(self, entry_id: str, data: Mapping[str, Any], lang: str = "en"
             ) -> tuple[FaqEntryData, list[Finding]]:
        """The checked entry and its findings, worded in `lang` (the reader's: zh-Hans, zh-Hant, en)."""
        fields = _clean_draft(data)
        entry = check_fields(entry_id, fields)
        findings = lint_entry(entry, self.rules_in_force(), lang) + placeholder_findings(entry)
        # The entry's texts are stripped; the editor's fields are not: offsets count from the field.
        return entry, [_shifted(finding, fields) for finding in findings]

    def _publishable(self, entry_id: str, data: Mapping[str, Any]) -> FaqEntryData:
        """The entry `data` makes, or EditError for a field or LintBlocked for the lint's errors."""
        entry, findings = self.lint(entry_id, data)
        errors = [finding for finding in findings if finding.is_error]
        if errors:
            raise LintBlocked(errors)
        return entry

    def rules_in_force(self) -> RuleSet:
        return self.rules or self.rule_sets.current()

    def submit(self, entry_id: str, editor: str) -> Draft:
        """For review: every field checked, and lint errors block (warnings are the reviewer's to see)."""
        draft = self._require(entry_id, editor)
        self._publishable(entry_id, draft.data)
        with self.store.session() as session, session.begin():
            # Someone published since this draft started: the editor merges now, not the reviewer later.
            current = session.get(FaqEntry, entry_id)
            if (current.version if current is not None else 0) != draft.base_version:
                raise self._conflict(session, entry_id, draft.base_version, draft)
            row = session.get(FaqDraft, (entry_id, editor))
            assert row is not None
            row.state, row.reviewer, row.review_comment = "review", "", ""
            row.updated_at = utcnow()
            return _draft(row)

    def reject(self, entry_id: str, editor: str, reviewer: str, comment: str) -> Draft:
        _check_name(reviewer, "reviewer")
        if not comment.strip():
            raise EditError("comment", "say what to change: a rejection needs a comment")
        with self.store.session() as session, session.begin():
            row = session.get(FaqDraft, (entry_id, editor))
            if row is None or row.state != "review":
                raise EditError("state", f"{editor}'s draft of {entry_id!r} is not waiting for review")
            row.state, row.reviewer, row.review_comment = "rejected", reviewer, comment.strip()
            row.updated_at = utcnow()
            return _draft(row)

    # -- publishing ------------------------------------------------------------------------------------

    def approve(self, entry_id: str, editor: str, reviewer: str, comment: str = "") -> Revision:
        """Publish the reviewed draft as a new version, searchable at once (the store's generation moves,
        and KnowledgeSearch.refresh() folds in just this entry). EditConflict if someone published the
        entry since the draft started; nothing is written then."""
        _check_name(reviewer, "reviewer")
        if reviewer.strip() == editor.strip():
            raise EditError("reviewer", "a draft is approved by someone other than its author")
        draft = self._require(entry_id, editor)
        if draft.state != "review":
            raise EditError("state", f"{editor}'s draft of {entry_id!r} has not been submitted for review")
        entry = self._publishable(entry_id, draft.data)
        with self.store.session() as session, session.begin():
            revision = self._publish(session, entry, draft.base_version, "publish", editor, reviewer,
                                     comment, draft)
            # Only the draft that was reviewed: one saved again meanwhile is newer work, not this.
            gone = cast(CursorResult[Any], session.execute(delete(FaqDraft).where(
                FaqDraft.entry_id == entry_id, FaqDraft.editor == editor, FaqDraft.state == "review",
                FaqDraft.updated_at == draft.updated_at)))
            if gone.rowcount != 1:
                raise EditError("state", f"{editor} changed the draft of {entry_id!r} while it was being "
                                "approved; review it again")
            return revision

    def rollback(self, entry_id: str, version: int, editor: str, comment: str = "") -> Revision:
        """Publish an earlier version's content again, as a new version."""
        _check_name(editor, "editor")
        with self.store.session() as session, session.begin():
            old = session.scalar(select(FaqRevision).where(FaqRevision.entry_id == entry_id,
                                                           FaqRevision.version == version))
            current = session.get(FaqEntry, entry_id)
            if old is None or current is None:
                raise EditError("version", f"{entry_id!r} has no version {version}")
            # An old version may hold a phrase the rules forbid now: it is not republished unchecked.
            entry = self._publishable(entry_id, old.data)
            return self._publish(session, entry, current.version, "rollback", editor, editor,
                                 comment or f"back to version {version}", None)

    def _publish(self, session: Session, entry: FaqEntryData, base_version: int, action: str, author: str,
                 reviewer: str, comment: str, draft: Draft | None) -> Revision:
        now = utcnow()
        # What a reviewer publishes is live, unless the editor archived it (taken out of agents' search,
        # kept with its history); an imported draft or in-review status becomes published.
        status = "archived" if entry.status == "archived" else "published"
        # The generation is claimed first: that write takes the database's write lock, so whatever this
        # publish reads next (the version, the history) cannot change under it before it commits.
        generation = self.store.claim_generation(session)
        current = session.get(FaqEntry, entry.id)
        if base_version == 0:
            if current is not None:
                raise self._conflict(session, entry.id, 0, draft)
            session.add(FaqEntry(id=entry.id, **entry_columns(entry), status=status, origin="local",
                                 version=1, created_at=now, updated_at=now, generation=generation))
            version = 1
        else:
            if current is None:
                raise EditError("id", f"{entry.id!r} was deleted meanwhile")
            self._keep_baseline(session, current)
            # Compare-and-set on the version: of two editors publishing at once, one wins and the
            # other gets EditConflict, whichever database this is.
            changed = cast(CursorResult[Any], session.execute(
                update(FaqEntry).where(FaqEntry.id == entry.id, FaqEntry.version == base_version).values(
                    **entry_columns(entry), status=status, origin="local", version=base_version + 1,
                    updated_at=now, generation=generation)
                .execution_options(synchronize_session=False)))
            if changed.rowcount != 1:
                raise self._conflict(session, entry.id, base_version, draft)
            version = base_version + 1
        row = FaqRevision(entry_id=entry.id, version=version, data=entry_fields(entry), action=action,
                          author=author, reviewer=reviewer, comment=comment.strip(), created_at=now)
        session.add(row)
        session.flush()
        return _revision(row)

    @staticmethod
    def _keep_baseline(session: Session, current: FaqEntry) -> None:
        """The first edit of an imported (or pack, or demo) entry keeps what it was, as its history's
        first version."""
        exists = session.scalar(select(FaqRevision.id).where(FaqRevision.entry_id == current.id,
                                                             FaqRevision.version == current.version))
        if exists is None:
            session.add(FaqRevision(entry_id=current.id, version=current.version,
                                    data=entry_fields(entry_data(current)), action="baseline",
                                    author=current.origin, reviewer="", comment="",
                                    created_at=as_utc(current.updated_at) or utcnow()))

    def _conflict(self, session: Session, entry_id: str, base_version: int, draft: Draft | None
                  ) -> EditConflict:
        current = session.get(FaqEntry, entry_id)
        theirs = entry_fields(entry_data(current)) if current is not None else _empty_fields()
        their_version = current.version if current is not None else 0
        base_row = session.scalar(select(FaqRevision).where(FaqRevision.entry_id == entry_id,
                                                            FaqRevision.version == base_version))
        base = dict(base_row.data) if base_row is not None else _empty_fields()
        author_row = session.scalar(select(FaqRevision).where(FaqRevision.entry_id == entry_id,
                                                              FaqRevision.version == their_version))
        yours = draft.data if draft is not None else theirs
        merge = merge_fields(base, theirs, yours, their_version)
        return EditConflict(entry_id, base_version, merge, author_row.author if author_row else "")

    def merge(self, entry_id: str, editor: str) -> Merge:
        """The draft combined with what was published since it started (no conflicts: nothing new)."""
        draft = self._require(entry_id, editor)
        with self.store.session() as session:
            current = session.get(FaqEntry, entry_id)
            their_version = current.version if current is not None else 0
            if their_version == draft.base_version:
                return Merge(dict(draft.data), their_version, ())
            return self._conflict(session, entry_id, draft.base_version, draft).merge

    def rebase(self, entry_id: str, editor: str, data: Mapping[str, Any], onto_version: int) -> Draft:
        """After a conflict: the draft, resolved by the editor, now starts from `onto_version`."""
        fields = _clean_draft(data)
        with self.store.session() as session, session.begin():
            row = session.get(FaqDraft, (entry_id, editor))
            if row is None:
                raise EditError("id", f"{editor} has no draft of {entry_id!r}")
            row.data, row.base_version, row.state = fields, onto_version, "draft"
            row.updated_at = utcnow()
            return _draft(row)

    # -- reading ---------------------------------------------------------------------------------------

    def history(self, entry_id: str) -> list[Revision]:
        """Every kept version, newest first."""
        with self.store.session() as session:
            query = (select(FaqRevision).where(FaqRevision.entry_id == entry_id)
                     .order_by(FaqRevision.version.desc()))
            return [_revision(row) for row in session.scalars(query)]

    def stale(self, today: dt.date | None = None) -> list[FaqEntryData]:
        """Published entries past their verify-by date, the longest overdue first."""
        today = today or dt.date.today()
        with self.store.session() as session:
            query = (select(FaqEntry).where(FaqEntry.status == "published", FaqEntry.verify_by.is_not(None),
                                            FaqEntry.verify_by < today).order_by(FaqEntry.verify_by))
            return [entry_data(row) for row in session.scalars(query)]

    def _require(self, entry_id: str, editor: str) -> Draft:
        draft = self.draft(entry_id, editor)
        if draft is None:
            raise EditError("id", f"{editor} has no draft of {entry_id!r}")
        return draft


def merge_fields(base: Mapping[str, Any], theirs: Mapping[str, Any], yours: Mapping[str, Any],
                 their_version: int) -> Merge:
    """Three-way, field by field: a field only one side changed takes that side; a field both changed
    the same way is fine; a field both changed differently is a conflict (the draft keeps its value
    until the editor decides)."""
    merged: dict[str, Any] = {}
    conflicts: list[FieldConflict] = []
    for field in FIELDS:
        old, their, your = base.get(field), theirs.get(field), yours.get(field)
        if your in (old, their):
            merged[field] = their
        elif their == old:
            merged[field] = your
        else:
            merged[field] = your
            conflicts.append(FieldConflict(field, old, their, your))
    return Merge(merged, their_version, tuple(conflicts))


_TOKEN = re.compile(r"[A-Za-z0-9_]+|\s+|.", re.DOTALL)


def diff_segments(old: str, new: str) -> list[tuple[str, str]]:
    """What changed from `old` to `new` as ("equal" | "delete" | "insert", text) runs. Chinese is
    compared character by character, Latin text word by word (a changed letter marks its word)."""
    old_tokens, new_tokens = _TOKEN.findall(old), _TOKEN.findall(new)
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    segments: list[tuple[str, str]] = []

    def add(kind: str, tokens: list[str]) -> None:
        text = "".join(tokens)
        if not text:
            return
        if segments and segments[-1][0] == kind:
            segments[-1] = (kind, segments[-1][1] + text)
        else:
            segments.append((kind, text))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("equal", old_tokens[i1:i2])
        else:
            add("delete", old_tokens[i1:i2])
            add("insert", new_tokens[j1:j2])
    return segments


def _shifted(finding: Finding, fields: Mapping[str, Any]) -> Finding:
    raw = fields.get(finding.field)
    lead = len(raw) - len(raw.lstrip()) if isinstance(raw, str) else 0
    return replace(finding, start=finding.start + lead, end=finding.end + lead) if lead else finding


def _check_name(name: str, what: str) -> None:
    if not name.strip() or len(name) > 200:
        raise EditError(what, "needs a name of 1-200 characters")


def _draft(row: FaqDraft) -> Draft:
    return Draft(row.entry_id, row.editor, dict(row.data), row.base_version, row.state, row.reviewer,
                 row.review_comment, as_utc(row.updated_at))


def _revision(row: FaqRevision) -> Revision:
    return Revision(row.entry_id, row.version, dict(row.data), row.action, row.author, row.reviewer,
                    row.comment, as_utc(row.created_at))
