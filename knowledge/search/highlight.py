"""Where typed pinyin spells Chinese text: "tuikuan", "tk" or "tuik" mark 退款 in a title or snippet."""

from __future__ import annotations

from knowledge.search.normalize import is_han_run, to_simplified
from knowledge.search.pinyin import readings

# Beyond this many letters a query is a phrase; marking every run it might spell helps nobody.
MAX_LETTERS = 24


def pinyin_spans(text: str, letters: str, simplified: str | None = None) -> tuple[tuple[int, int], ...]:
    """(start, end) runs of Han characters that `letters` spells, each character by its full syllable
    or its initial, the last one possibly half typed; runs do not overlap. `simplified`: the text
    already converted to Simplified (position for position), when the caller has it."""
    letters = letters.lower()
    if len(letters) < 2 or len(letters) > MAX_LETTERS or not letters.isascii() or not letters.isalpha():
        return ()
    if simplified is None or len(simplified) != len(text):
        simplified = to_simplified(text)
    if len(simplified) != len(text):
        simplified = text
    # Runs for every query of a result list's titles and snippets: one readings lookup a
    # character, and a start is tried only where the first letter can begin.
    syllables = [readings(char) if is_han_run(char) else () for char in simplified]
    # spell(at, typed) does not depend on where the run started: one memo serves every start.
    memo: dict[tuple[int, int], int | None] = {}

    def spell(at: int, typed: int) -> int | None:
        if typed == len(letters):
            return at
        key = (at, typed)
        if key in memo:
            return memo[key]
        memo[key] = None
        if at < len(syllables):
            rest = letters[typed:]
            for syllable in syllables[at]:
                if syllable.startswith(rest):  # the agent is still typing this syllable
                    memo[key] = at + 1
                    break
                end = spell(at + 1, typed + len(syllable)) if rest.startswith(syllable) else None
                if end is None and rest[0] == syllable[0]:
                    end = spell(at + 1, typed + 1)
                if end is not None:
                    memo[key] = end
                    break
        return memo[key]

    spans: list[tuple[int, int]] = []
    first = letters[0]
    position = 0
    while position < len(syllables):
        end = (spell(position, 0) if any(s[0] == first for s in syllables[position]) else None)
        if end is None:
            position += 1
            continue
        spans.append((position, end))
        position = end
    return tuple(spans)
