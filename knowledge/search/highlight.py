"""Where typed pinyin spells Chinese text: "tuikuan", "tk" or "tuik" mark 退款 in a title or snippet."""

from __future__ import annotations

from functools import cache

from knowledge.search.normalize import is_han_run, to_simplified
from knowledge.search.pinyin import readings

# Beyond this many letters a query is a phrase; marking every run it might spell helps nobody.
MAX_LETTERS = 24


def pinyin_spans(text: str, letters: str) -> tuple[tuple[int, int], ...]:
    """(start, end) runs of Han characters that `letters` spells, each character by its full syllable
    or its initial, the last one possibly half typed; runs do not overlap."""
    letters = letters.lower()
    if len(letters) < 2 or len(letters) > MAX_LETTERS or not letters.isascii() or not letters.isalpha():
        return ()
    simplified = to_simplified(text)
    if len(simplified) != len(text):
        simplified = text
    spans: list[tuple[int, int]] = []
    start = 0
    while start < len(simplified):
        end = _match(simplified, start, letters) if is_han_run(simplified[start]) else None
        if end is None:
            start += 1
            continue
        spans.append((start, end))
        start = end
    return tuple(spans)


def _match(text: str, start: int, letters: str) -> int | None:
    @cache
    def spell(at: int, typed: int) -> int | None:
        if typed == len(letters):
            return at
        if at >= len(text) or not is_han_run(text[at]):
            return None
        rest = letters[typed:]
        for syllable in readings(text[at]):
            if rest.startswith(syllable):
                end = spell(at + 1, typed + len(syllable))
                if end is not None:
                    return end
            if syllable.startswith(rest):  # the agent is still typing this syllable
                return at + 1
            if rest[0] == syllable[0]:
                end = spell(at + 1, typed + 1)
                if end is not None:
                    return end
        return None

    return spell(start, 0)
