"""The editable synonym table: groups of words customers and agents use for the same thing.

Expansion happens on the query side, so editing the table takes effect without rebuilding the index.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from knowledge.search.normalize import contains_han, normalize

MAX_VARIANTS = 6
VARIANT_WEIGHT = 0.9


class SynonymFileError(ValueError):
    pass


@dataclass
class SynonymTable:
    groups: list[tuple[str, ...]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._member_groups: dict[str, list[int]] = {}
        for number, group in enumerate(self.groups):
            for member in group:
                self._member_groups.setdefault(member, []).append(number)
        # Longest members first, so "钱退回" is found before "退".
        members = sorted(self._member_groups, key=len, reverse=True)
        han = [re.escape(m) for m in members if contains_han(m)]
        words = [re.escape(m) for m in members if not contains_han(m)]
        patterns = []
        if han:
            patterns.append("|".join(han))
        if words:
            patterns.append(r"(?<![^\W_])(?:" + "|".join(words) + r")(?![^\W_])")
        self._pattern = re.compile("|".join(patterns)) if patterns else None

    @classmethod
    def from_groups(cls, groups: Iterable[Iterable[str]]) -> SynonymTable:
        cleaned: list[tuple[str, ...]] = []
        for group in groups:
            members = tuple(dict.fromkeys(m for m in (normalize(str(t)) for t in group) if m))
            if len(members) >= 2:
                cleaned.append(members)
        return cls(cleaned)

    @classmethod
    def load(cls, path: Path) -> SynonymTable:
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
            raise SynonymFileError(f"{path}: {error}") from error
        groups = data.get("groups") if isinstance(data, dict) else None
        if not isinstance(groups, list) or not all(isinstance(g, list) for g in groups):
            raise SynonymFileError(f"{path}: expected a mapping with 'groups': a list of lists")
        return cls.from_groups(groups)

    def expand(self, normalized_query: str) -> list[tuple[str, float]]:
        """The query itself, then variants with one matched member swapped for another."""
        variants: list[tuple[str, float]] = [(normalized_query, 1.0)]
        if self._pattern is None:
            return variants
        seen = {normalized_query}
        for match in self._pattern.finditer(normalized_query):
            for group_number in self._member_groups.get(match.group(0), ()):
                for member in self.groups[group_number]:
                    if member == match.group(0):
                        continue
                    variant = (normalized_query[: match.start()] + member
                               + normalized_query[match.end():])
                    if variant not in seen:
                        seen.add(variant)
                        variants.append((variant, VARIANT_WEIGHT))
                    if len(variants) > MAX_VARIANTS:
                        return variants
        return variants
