"""Toneless pinyin readings per character, and splitting typed Latin letters into syllables.

pypinyin's phrase-aware conversion costs ~90 µs per string, too slow for 100k entries, and importing
its dictionaries costs 55 MB. So a per-character table of the two most common readings is generated
from pypinyin's dictionary into pinyin_readings.txt (python -m knowledge.search.pinyin) and shipped.
Keeping two readings means polyphones (重 zhong/chong) match either way an agent types them.
"""

from __future__ import annotations

import sys
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

MAX_READINGS = 2
TABLE_PATH = Path(__file__).with_name("pinyin_readings.txt")


def _has_vowel(syllable: str) -> bool:
    return any(letter in "aeiouv" for letter in syllable)


def generate_table() -> dict[str, tuple[str, ...]]:
    """Readings from pypinyin's dictionary (used to write the shipped table, and by its test)."""
    from pypinyin.contrib.tone_convert import to_normal
    from pypinyin.pinyin_dict import pinyin_dict

    table: dict[str, tuple[str, ...]] = {}
    for codepoint, spelled in sorted(pinyin_dict.items()):
        seen: list[str] = []
        for reading in spelled.split(","):
            # v for ü is how people type it on a keyboard (lv, nv).
            plain = to_normal(reading.strip(), v_to_u=False).replace("ü", "v")
            # Interjection readings without a vowel (嗯 n, 呣 m) would let almost any word parse as pinyin.
            if plain.isascii() and plain.isalpha() and _has_vowel(plain) and plain not in seen:
                seen.append(plain)
        if seen:
            table[chr(codepoint)] = tuple(seen[:MAX_READINGS])
    return table


def write_table(path: Path = TABLE_PATH) -> None:
    lines = [f"{char}\t{' '.join(options)}" for char, options in generate_table().items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _load_table() -> dict[str, tuple[str, ...]]:
    if not TABLE_PATH.exists():  # a checkout that has not generated it yet: slower, still right
        return generate_table()
    table: dict[str, tuple[str, ...]] = {}
    for line in TABLE_PATH.read_text(encoding="utf-8").split("\n"):
        char, _, spelled = line.partition("\t")
        if spelled:
            table[char] = tuple(spelled.split())
    return table


class _Tables(NamedTuple):
    readings: dict[str, tuple[str, ...]]
    syllables: frozenset[str]
    longest: int
    # Every prefix of a syllable, so a half-typed last syllable ("tuik") still plans a lookup.
    prefixes: dict[str, tuple[str, ...]]


@cache
def _tables() -> _Tables:
    """Read on first use, not at import: the sidebar imports search to draw its window, and its first
    paint need not wait for twenty thousand characters' readings."""
    table = _load_table()
    syllables = frozenset(s for options in table.values() for s in options)
    prefixes: dict[str, tuple[str, ...]] = {}
    for syllable in sorted(syllables):
        for end in range(1, len(syllable) + 1):
            prefixes[syllable[:end]] = (*prefixes.get(syllable[:end], ()), syllable)
    return _Tables(table, syllables, max(len(s) for s in syllables), prefixes)


def readings(char: str) -> tuple[str, ...]:
    """Toneless readings of one Han character, most common first; () for anything else."""
    return _tables().readings.get(char, ())


def is_syllable(piece: str) -> bool:
    return piece in _tables().syllables


def syllables_starting_with(prefix: str) -> tuple[str, ...]:
    return _tables().prefixes.get(prefix, ())


@lru_cache(maxsize=2048)
def segmentations(letters: str, limit: int = 4) -> tuple[tuple[str, ...], ...]:
    """Ways to read typed letters as pinyin syllables, fewest syllables first.

    The last piece may be an unfinished syllable (a prefix of one), because agents search while typing.
    "tuikuan" -> (("tui", "kuan"),); "xian" -> (("xian",), ("xi", "an")); "refund" -> ().
    """
    results: list[tuple[str, ...]] = []
    tables = _tables()

    def walk(start: int, pieces: tuple[str, ...]) -> None:
        if len(results) >= limit * 4:
            return
        if start == len(letters):
            results.append(pieces)
            return
        for end in range(min(len(letters), start + tables.longest), start, -1):
            piece = letters[start:end]
            if piece in tables.syllables or (end == len(letters) and piece in tables.prefixes):
                walk(end, (*pieces, piece))

    if letters.isascii() and letters.isalpha():
        walk(0, ())
    # Prefer fewer, whole syllables: "xian" reads as one syllable before "xi an".
    results.sort(key=lambda pieces: (len(pieces), pieces[-1] not in tables.syllables))
    return tuple(results[:limit])


if __name__ == "__main__":
    write_table()
    print(f"wrote {TABLE_PATH}", file=sys.stderr)
