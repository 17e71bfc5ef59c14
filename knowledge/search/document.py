"""What the search engine indexes, and the prepared form of it that reranking reads.

FAQ entries and scripts both become a SearchDocument, so one engine ranks them together.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from knowledge.search.normalize import is_han_run, normalize, runs
from knowledge.search.pinyin import readings

KINDS = ("faq", "script")
# Long answers add little to ranking beyond their first paragraph and would bloat the record store.
RERANK_TEXT_LIMIT = 600
DISPLAY_TEXT_LIMIT = 400


class Field(IntEnum):
    """Indexed fields, best first: a posting keeps the best field its term appeared in."""

    TITLE = 0
    ALIAS = 1
    TAG = 2
    BODY = 3
    EXTRA = 4


# title > aliases > tags > body (architecture); the scenario answer counts a little less than the body.
FIELD_WEIGHTS = (3.0, 2.6, 2.0, 1.0, 0.8)


@dataclass(frozen=True, slots=True)
class SearchDocument:
    doc_id: str
    kind: str
    lang: str
    title: str
    aliases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    body: str = ""
    extra: str = ""


def pinyin_views(normalized: str) -> tuple[str, str, str]:
    """Pinyin of the Han characters of a text: syllables, first letters, other first letters.

    Syllables are space-separated; a polyphone is written "zhong|chong". The third string has,
    per character, the first letter of its other reading (or the same letter), so initials typed
    either way (zfkk / cfkk for 重复扣款) line up. Text without Han characters has no views.
    """
    syllables: list[str] = []
    initials: list[str] = []
    others: list[str] = []
    for run in runs(normalized):
        if is_han_run(run):
            for char in run:
                char_readings = readings(char)
                if char_readings:
                    syllables.append("|".join(char_readings))
                    initials.append(char_readings[0][0])
                    others.append(char_readings[-1][0])
    return " ".join(syllables), "".join(initials), "".join(others)


def prepare(doc: SearchDocument) -> tuple[dict[str, Any], dict[str, Any], list[tuple[Field, str]]]:
    """Normalise a document once into the record reranking reads, the record display reads (apart,
    so the display text of the hundred candidates a query reranks is never paged in), and the
    normalised fields the index reads (the whole body, not only its start). Short keys: each record
    is stored 100k times.
    """
    title = normalize(doc.title)
    aliases = [a for a in (normalize(alias) for alias in doc.aliases) if a]
    tags = [t for t in (normalize(tag) for tag in doc.tags) if t]
    body, extra = normalize(doc.body), normalize(doc.extra)
    title_py, title_initials, title_other_initials = pinyin_views(title)
    alias_views = [pinyin_views(alias) for alias in aliases]
    record = {
        "id": doc.doc_id,
        "k": doc.kind,
        "t": title,
        "a": aliases,
        "g": tags,
        "b": body[:RERANK_TEXT_LIMIT],
        "x": extra[:RERANK_TEXT_LIMIT],
        "tp": title_py,
        "ti": title_initials,
        "tj": title_other_initials,
        "ap": [view[0] for view in alias_views],
        "ai": [view[1] for view in alias_views],
        "aj": [view[2] for view in alias_views],
    }
    display = {
        "l": doc.lang,
        "T": doc.title,
        "B": doc.body[:DISPLAY_TEXT_LIMIT],
        "X": doc.extra[:DISPLAY_TEXT_LIMIT],
    }
    fields = [(Field.TITLE, title), *((Field.ALIAS, a) for a in aliases),
              *((Field.TAG, t) for t in tags), (Field.BODY, body), (Field.EXTRA, extra)]
    return record, display, fields
