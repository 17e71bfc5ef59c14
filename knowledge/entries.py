"""FAQ entries as plain data, and their validation against the import format (architecture.md)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from knowledge.languages import LANGS
from knowledge.models import STATUSES
from knowledge.search.document import SearchDocument
from knowledge.search.normalize import contains_han, is_han_run, normalize, runs, to_simplified
from knowledge.search.pinyin import readings

MAX_TITLE = 500
MAX_TEXT = 20_000
MAX_LIST_ITEMS = 100
MAX_ITEM = 500
# Keys the import format defines, plus the ones an export writes so that files round-trip.
IMPORT_KEYS = frozenset({"id", "title", "body", "scenario_answer", "aliases", "tags", "category",
                         "lang", "status", "verify_by"})
EXPORT_ONLY_KEYS = frozenset({"version", "created_at", "updated_at"})
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$")
# Control characters, and halves of surrogate pairs that a JSON "\ud800" escape can smuggle in and that
# no UTF-8 file or database column can hold.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


class EntryError(ValueError):
    """A field of an entry is wrong; `field` names it so the message can point at it."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name


@dataclass(frozen=True)
class FaqEntryData:
    id: str
    title: str
    body: str
    scenario_answer: str = ""
    aliases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    category: str = ""
    lang: str = "zh-Hans"
    status: str = "published"
    verify_by: dt.date | None = None
    # "local" or the name of the pack that installed the entry; not part of the import format.
    origin: str = "local"
    version: int = 0
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None

    def to_document(self) -> SearchDocument:
        return SearchDocument(doc_id=self.id, kind="faq", lang=self.lang, title=self.title,
                              aliases=self.aliases, tags=self.tags, body=self.body,
                              extra=self.scenario_answer)

    def content_key(self) -> tuple[Any, ...]:
        """What an import compares to decide whether an entry really changed."""
        return (self.title, self.body, self.scenario_answer, self.aliases, self.tags,
                self.category, self.lang, self.status, self.verify_by)

    def to_import_record(self) -> dict[str, Any]:
        """The entry in the import format alone: what a pack stores and entry_from_mapping reads back."""
        return {key: value for key, value in self.to_record().items() if key in IMPORT_KEYS}

    def to_record(self) -> dict[str, Any]:
        """The import format plus status and bookkeeping, as written by an export."""
        # Field by field, not asdict(): its deep copy of every value was most of a pack install's time
        # (hundreds of entries), and every value here is immutable already.
        record = {field.name: getattr(self, field.name) for field in fields(self) if field.name != "origin"}
        record["aliases"] = list(self.aliases)
        record["tags"] = list(self.tags)
        for key in ("verify_by", "created_at", "updated_at"):
            value = record[key]
            record[key] = value.isoformat() if value is not None else None
        return record


def make_id(title: str) -> str:
    """A stable, readable id from a title: pinyin or words, plus a short hash against collisions."""
    normalized = normalize(title)
    pieces: list[str] = []
    for run in runs(normalized):
        if is_han_run(run):
            pieces += [readings(char)[0] for char in run if readings(char)]
        elif run.isascii():
            pieces.append(run)
    slug = "-".join(pieces)[:48].strip("-")
    digest = hashlib.sha1(normalized.encode("utf-8")).hexdigest()[:6]
    return f"{slug or 'entry'}-{digest}"


def _text(raw: Mapping[str, Any], key: str, required: bool, limit: int) -> str:
    value = raw.get(key)
    if value is None or value == "":
        if required:
            raise EntryError(key, "is required and must not be empty")
        return ""
    if not isinstance(value, str):
        raise EntryError(key, f"expected text, got {type(value).__name__}")
    value = value.strip()
    if required and not value:
        raise EntryError(key, "is required and must not be empty")
    if len(value) > limit:
        raise EntryError(key, f"is {len(value):,} characters long; the limit is {limit:,}")
    bad = _CONTROL_RE.search(value)
    if bad:
        raise EntryError(key, f"contains control character U+{ord(bad.group()):04X}")
    return value


def _text_list(raw: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = raw.get(key)
    if value is None or value == "":
        return ()
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise EntryError(key, f"expected a list of texts, got {type(value).__name__}")
    if len(value) > MAX_LIST_ITEMS:
        raise EntryError(key, f"has {len(value)} items; the limit is {MAX_LIST_ITEMS}")
    items: list[str] = []
    for position, item in enumerate(value, 1):
        if not isinstance(item, str):
            raise EntryError(key, f"item {position} is {type(item).__name__}, expected text")
        item = item.strip()
        if len(item) > MAX_ITEM:
            raise EntryError(key, f"item {position} is longer than {MAX_ITEM} characters")
        if _CONTROL_RE.search(item):
            raise EntryError(key, f"item {position} contains a control character")
        if item and item not in items:
            items.append(item)
    return tuple(items)


def _guess_lang(title: str, body: str) -> str:
    text = title + body
    if not contains_han(text):
        return "en"
    return "zh-Hans" if to_simplified(text) == text else "zh-Hant"


def entry_from_mapping(raw: Mapping[str, Any]) -> FaqEntryData:
    """Validate one imported object; raises EntryError naming the field at fault."""
    if not isinstance(raw, Mapping):
        raise EntryError("entry", f"expected an object, got {type(raw).__name__}")
    unknown = set(raw) - IMPORT_KEYS - EXPORT_ONLY_KEYS
    if unknown:
        raise EntryError(sorted(unknown)[0], "is not a field of the import format "
                         f"(known: {', '.join(sorted(IMPORT_KEYS))})")
    title = _text(raw, "title", True, MAX_TITLE)
    body = _text(raw, "body", True, MAX_TEXT)
    entry_id = raw.get("id")
    if entry_id is None or entry_id == "":
        entry_id = make_id(title)
    if not isinstance(entry_id, str | int) or isinstance(entry_id, bool):
        raise EntryError("id", f"expected text, got {type(entry_id).__name__}")
    entry_id = str(entry_id).strip()
    if not _ID_RE.match(entry_id):
        raise EntryError("id", f"{entry_id[:40]!r} must be 1-200 letters, digits or . _ : - "
                         "starting with a letter or digit")
    lang = _text(raw, "lang", False, 16) or _guess_lang(title, body)
    if lang not in LANGS:
        raise EntryError("lang", f"{lang!r} is not one of {', '.join(LANGS)}")
    status = _text(raw, "status", False, 16) or "published"
    if status not in STATUSES:
        raise EntryError("status", f"{status!r} is not one of {', '.join(STATUSES)}")
    verify_by = None
    raw_verify = raw.get("verify_by")
    if isinstance(raw_verify, dt.datetime):
        verify_by = raw_verify.date()
    elif isinstance(raw_verify, dt.date):
        verify_by = raw_verify
    elif raw_verify not in (None, ""):
        if not isinstance(raw_verify, str):
            raise EntryError("verify_by", "expected a date such as 2027-03-31")
        try:
            verify_by = dt.date.fromisoformat(raw_verify.strip())
        except ValueError:
            raise EntryError("verify_by", f"{raw_verify[:40]!r} is not a date such as 2027-03-31"
                             ) from None
    return FaqEntryData(
        id=entry_id,
        title=title,
        body=body,
        scenario_answer=_text(raw, "scenario_answer", False, MAX_TEXT),
        aliases=_text_list(raw, "aliases"),
        tags=_text_list(raw, "tags"),
        category=_text(raw, "category", False, 100),
        lang=lang,
        status=status,
        verify_by=verify_by,
    )
