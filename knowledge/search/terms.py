"""Index terms: what a field contributes to the inverted index, and how a term becomes a 64-bit key.

Term namespaces (the prefix before the value):
  c  one Han character          b  a Han character pair       w  a word (Latin, digits, other scripts)
  s  a pinyin syllable          S  a pair of pinyin syllables
  i  2-3 pinyin first letters   (e.g. "tk" for 退款)
Han characters and pinyin are indexed for the short fields only (title, aliases, tags): agents type
keywords that name the question; the long answers contribute pairs and words for sentence queries.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable, Iterator

from knowledge.search.document import Field
from knowledge.search.normalize import is_han_run, runs
from knowledge.search.pinyin import readings

SHORT_FIELDS = (Field.TITLE, Field.ALIAS, Field.TAG)


def term_key(term: str) -> int:
    """A stable signed 64-bit key (Python's hash() changes per process, and the index is persisted)."""
    return int.from_bytes(hashlib.blake2b(term.encode("utf-8"), digest_size=8).digest(), "little",
                          signed=True)


def han_pinyin_terms(run: str) -> Iterator[str]:
    """Syllables, syllable pairs and first-letter n-grams of a Han run, over both common readings."""
    char_readings = [readings(char) for char in run]
    for options in char_readings:
        for syllable in options:
            yield "s" + syllable
    for left, right in itertools.pairwise(char_readings):
        for a in left:
            for b in right:
                yield f"S{a} {b}"
    firsts = [options[0][0] for options in char_readings if options]
    for n in (2, 3):
        for start in range(len(firsts) - n + 1):
            yield "i" + "".join(firsts[start : start + n])
    # Polyphones: the second reading's first letter too, for the pair it starts or ends.
    for index, options in enumerate(char_readings):
        if len(options) > 1 and options[1][0] != options[0][0]:
            alt = options[1][0]
            if index > 0 and char_readings[index - 1]:
                yield "i" + char_readings[index - 1][0][0] + alt
            if index + 1 < len(char_readings) and char_readings[index + 1]:
                yield "i" + alt + char_readings[index + 1][0][0]


def field_terms(normalized: str, field: Field) -> list[str]:
    short = field in SHORT_FIELDS
    terms: list[str] = []
    for run in runs(normalized):
        if is_han_run(run):
            if short or len(run) == 1:
                terms += ["c" + char for char in run]
            terms += ["b" + run[i: i + 2] for i in range(len(run) - 1)]
            if short:
                terms += han_pinyin_terms(run)
        else:
            terms.append("w" + run)
    return terms


def document_terms(fields: Iterable[tuple[Field, str]]) -> dict[str, int]:
    """Each distinct term of a document with the best field it occurs in."""
    best: dict[str, int] = {}
    # Worst field first, so a better field's update overwrites: dict operations stay in C.
    for field, text in sorted(fields, key=lambda pair: -pair[0]):
        best.update(dict.fromkeys(field_terms(text, field), int(field)))
    return best
