"""Ranking: plan a query into lookups, score candidates from the inverted index, rerank with rapidfuzz.

A query is read in every way an agent may have meant it (Chinese text, English words, full pinyin,
pinyin first letters, a Chinese homophone typo, a synonym) and each reading becomes "slots": one
slot per part of the query, holding the alternative index terms that would satisfy that part. A
document scores the best alternative per slot, so alternatives never add up to more than the part.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from knowledge.search.document import FIELD_WEIGHTS, pinyin_views
from knowledge.search.index import InvertedIndex
from knowledge.search.normalize import (
    contains_han,
    is_han_run,
    normalize_cached,
    runs,
    to_simplified,
)
from knowledge.search.pinyin import SYLLABLES, readings, segmentations, syllables_starting_with
from knowledge.search.synonyms import SynonymTable
from knowledge.search.terms import term_key

MAX_QUERY_CHARS = 200
# Below this a keyword hit matched only scraps of the query (a letter pair, one common character).
# Sentences score on a lower scale (most of a sentence is not in any entry) and are not cut.
MIN_SCORE = 40.0
KEYWORD_CANDIDATES = 60
SENTENCE_CANDIDATES = 150
# A term found in more than this share of documents says little and costs a lot: dropped when the
# query has other parts to go on.
COMMON_TERM_SHARE = 0.2
COMMON_TERM_MIN_POSTINGS = 1000
PREFIX_EXPANSIONS = 8
FUZZY_EXPANSIONS = 5
SYLLABLE_EXPANSIONS = 24

_FIELD_WEIGHTS_NP = np.array(FIELD_WEIGHTS, dtype=np.float64)
# Rerank weights per field: the title says what an entry answers, aliases are how customers say it.
_RERANK_TITLE, _RERANK_ALIAS, _RERANK_TAG, _RERANK_BODY, _RERANK_EXTRA = 1.0, 0.97, 0.85, 0.7, 0.65


@dataclass(frozen=True, slots=True)
class SearchHit:
    doc_id: str
    kind: str
    lang: str
    title: str
    score: float
    snippet: str
    # (start, end) character spans of the query's parts inside the snippet and the title.
    snippet_highlights: tuple[tuple[int, int], ...] = ()
    title_highlights: tuple[tuple[int, int], ...] = ()

    def as_json(self) -> dict[str, Any]:
        """The contract of `assist search --json` (architecture.md): exactly these keys."""
        return {"id": self.doc_id, "kind": self.kind, "title": self.title,
                "score": self.score, "snippet": self.snippet}


@dataclass
class _Slot:
    terms: dict[str, float] = field(default_factory=dict)

    def add(self, term: str, weight: float) -> None:
        if weight > self.terms.get(term, 0.0):
            self.terms[term] = weight


@dataclass
class _Plan:
    variants: list[tuple[str, float]]
    # Readings of the query; each is a list of slots.
    readings: list[list[_Slot]]
    letters: str  # the query as one run of ASCII letters, or "" (pinyin / initials readings)
    sentence: bool
    highlight_parts: list[str]
    # Syllables compared against each candidate's pinyin, worked out once per query: how the typed
    # letters split into syllables, and each Chinese variant's own syllables with the variant's
    # weight (a same-sound typo such as 退宽 still lines up with 退款).
    letter_syllables: tuple[tuple[str, ...], ...]
    homophone_syllables: list[tuple[tuple[str, ...], float]]


class SearchEngine:
    def __init__(self, index: InvertedIndex, synonyms: SynonymTable | None = None) -> None:
        self.index = index
        self.synonyms = synonyms or SynonymTable()
        self._trigram_words: dict[str, list[int]] | None = None

    # -- public -----------------------------------------------------------------------------------

    def search(self, query: str, limit: int = 10, kinds: Iterable[str] | None = None,
               boosts: dict[str, float] | None = None,
               cancelled: Callable[[], bool] | None = None) -> list[SearchHit]:
        """Best hits first. Never raises on odd input: anything unsearchable returns []."""
        if not isinstance(query, str) or limit <= 0:
            return []
        normalized = normalize_cached(query[: MAX_QUERY_CHARS * 4])[:MAX_QUERY_CHARS].strip()
        if not normalized or len(self.index) == 0:
            return []
        plan = self._plan(normalized)
        if not plan.readings:
            return []
        wanted_kinds = frozenset(kinds) if kinds is not None else None
        want = SENTENCE_CANDIDATES if plan.sentence else KEYWORD_CANDIDATES
        candidates, coverage = self._candidates(plan, max(want, limit * 3))
        if cancelled is not None and cancelled():
            return []
        scored: list[tuple[float, int, str, int]] = []
        for number, cover in zip(candidates, coverage, strict=True):
            record = self.index.record(number)
            if wanted_kinds is not None and record["k"] not in wanted_kinds:
                continue
            score = self._rerank(plan, record, cover)
            if score < MIN_SCORE and not plan.sentence:
                continue
            if boosts:
                score *= boosts.get(record["id"], 1.0)
            # Ties: FAQ before scripts, then by id, so the order never depends on insertion order.
            scored.append((-round(score, 6), 0 if record["k"] == "faq" else 1, record["id"],
                           number))
        scored.sort()
        return [self._hit(plan, number, -negative) for negative, _, _, number in scored[:limit]]

    # -- planning ---------------------------------------------------------------------------------

    def _plan(self, normalized: str) -> _Plan:
        variants = self.synonyms.expand(normalized)
        pieces = runs(normalized)
        han_chars = sum(len(p) for p in pieces if is_han_run(p))
        sentence = han_chars >= 8 or len([p for p in pieces if not is_han_run(p)]) >= 4
        letters = ""
        if pieces and all(p.isascii() and p.isalpha() for p in pieces) and len(pieces) <= 3:
            letters = "".join(pieces)
        plan_readings: list[list[_Slot]] = []
        highlight_parts: list[str] = []
        for variant, variant_weight in variants:
            text_slots: list[_Slot] = []
            for run in runs(variant):
                if is_han_run(run):
                    text_slots += self._han_slots(run, variant_weight, sentence)
                    if variant_weight == 1.0:
                        highlight_parts += [run] if len(run) <= 4 else [
                            run[i: i + 2] for i in range(len(run) - 1)]
                else:
                    text_slots.append(self._word_slot(run, variant_weight))
                    if variant_weight == 1.0:
                        highlight_parts.append(run)
            if text_slots:
                plan_readings.append(text_slots)
        if letters:
            plan_readings += self._pinyin_readings(letters)
            initials = self._initials_reading(letters)
            if initials:
                plan_readings.append(initials)
        homophones: list[tuple[tuple[str, ...], float]] = []
        if not sentence and not letters:
            for variant, variant_weight in variants:
                syllables = pinyin_views(variant)[0]
                if syllables:
                    homophones.append((tuple(options.split("|")[0] for options in
                                             syllables.split()), variant_weight))
        return _Plan(variants, plan_readings, letters, sentence, highlight_parts,
                     segmentations(letters, limit=2) if letters else (), homophones)

    @staticmethod
    def _han_slots(run: str, weight: float, sentence: bool) -> list[_Slot]:
        run_readings = [readings(char) for char in run]
        if len(run) == 1:
            slot = _Slot()
            slot.add("c" + run, weight)
            for syllable in run_readings[0]:
                slot.add("s" + syllable, 0.3 * weight)
            return [slot]
        slots: list[_Slot] = []
        for start in range(len(run) - 1):
            slot = _Slot()
            slot.add("b" + run[start: start + 2], weight)
            # Same-sound characters typed by mistake (退宽 for 退款) meet through pinyin pairs.
            for a in run_readings[start]:
                for b in run_readings[start + 1]:
                    slot.add(f"S{a} {b}", 0.55 * weight)
            slots.append(slot)
        # Single characters carry little alone; in a sentence even less, but they still tell
        # which short fields (titles, aliases) the customer's words touch.
        char_weight = (0.15 if sentence else 0.3) * weight
        for char in run:
            slot = _Slot()
            slot.add("c" + char, char_weight)
            slots.append(slot)
        return slots

    def _word_slot(self, word: str, weight: float) -> _Slot:
        slot = _Slot()
        slot.add("w" + word, weight)
        if not (word.isascii() and word.isalpha()) or len(word) < 2:
            return slot
        for longer in self.index.words_with_prefix(word, PREFIX_EXPANSIONS if len(word) > 2 else 3):
            if longer != word:
                slot.add("w" + longer, 0.75 * weight)
        stem = _english_stem(word)
        if stem != word:
            # "refunds" finds "refund" and "refunded": other forms sharing the stem.
            for form in self.index.words_with_prefix(stem, PREFIX_EXPANSIONS * 2):
                if _english_stem(form) == stem:
                    slot.add("w" + form, 0.9 * weight)
        if len(word) >= 4 and self.index.word_frequency(word) == 0:
            for near in self._similar_words(word):
                slot.add("w" + near, 0.7 * weight)
        return slot

    def _similar_words(self, word: str) -> list[str]:
        """Indexed words within a typo or two (letter trigram candidates, then an OSA check)."""
        if self._trigram_words is None:
            table: dict[str, list[int]] = {}
            for number, known in enumerate(self.index.words):
                if known.isascii() and len(known) >= 3:
                    for gram in _trigrams(known):
                        table.setdefault(gram, []).append(number)
            self._trigram_words = table
        shared: Counter[int] = Counter()
        for gram in _trigrams(word):
            shared.update(self._trigram_words.get(gram, ()))
        if not shared:
            return []
        pool = [self.index.words[n] for n, _ in shared.most_common(300)]
        allowed = 1 if len(word) <= 5 else 2
        found = process.extract(word, pool, scorer=OSA.distance, score_cutoff=allowed,
                                limit=FUZZY_EXPANSIONS * 3)
        found.sort(key=lambda m: (m[1], -self.index.word_frequency(m[0]), m[0]))
        return [match for match, _, _ in found[:FUZZY_EXPANSIONS]]

    @staticmethod
    def _pinyin_readings(letters: str) -> list[list[_Slot]]:
        found: list[list[_Slot]] = []
        for pieces in segmentations(letters, limit=2):
            if len(pieces) == 1:
                if pieces[0] not in SYLLABLES or len(pieces[0]) < 2:
                    continue
                slot = _Slot()
                slot.add("s" + pieces[0], 0.6)
                found.append([slot])
                continue
            slots: list[_Slot] = []
            for position in range(len(pieces) - 1):
                left, right = pieces[position], pieces[position + 1]
                slot = _Slot()
                if position + 2 == len(pieces):
                    # The last syllable may still be being typed: any syllable it begins.
                    for option in syllables_starting_with(right)[:SYLLABLE_EXPANSIONS]:
                        slot.add(f"S{left} {option}", 1.0 if option == right else 0.85)
                else:
                    slot.add(f"S{left} {right}", 1.0)
                slots.append(slot)
            found.append(slots)
        return found

    @staticmethod
    def _initials_reading(letters: str) -> list[_Slot]:
        if not 2 <= len(letters) <= 6:
            return []
        slots: list[_Slot] = []
        for n in (2, 3):
            for start in range(len(letters) - n + 1):
                slot = _Slot()
                slot.add("i" + letters[start: start + n], 0.85)
                slots.append(slot)
        return slots

    # -- candidates -------------------------------------------------------------------------------

    def _candidates(self, plan: _Plan, want: int) -> tuple[list[int], list[float]]:
        index = self.index
        # Postings still name removed documents until a rebuild, so count them on both sides of idf.
        total_docs = max(1, index.capacity)
        all_terms = {term for reading in plan.readings for slot in reading for term in slot.terms}
        term_list = sorted(all_terms)
        keys = [term_key(term) for term in term_list]
        found = dict(zip(term_list, zip(keys, index.postings(keys), strict=True), strict=True))
        slot_count = sum(len(reading) for reading in plan.readings)
        scores = np.zeros(index.capacity, dtype=np.float64)
        best_possible = 0.0
        for reading in plan.readings:
            reading_possible = 0.0
            for slot in reading:
                slot_docs: list[npt.NDArray[np.int32]] = []
                slot_weights: list[npt.NDArray[np.float64]] = []
                slot_possible = 0.0
                for term, weight in slot.terms.items():
                    key, postings = found[term]
                    delta = index.delta_postings(key)
                    frequency = (len(postings.docs) if postings is not None else 0) + len(delta)
                    if frequency == 0:
                        continue
                    if (frequency > max(COMMON_TERM_MIN_POSTINGS, COMMON_TERM_SHARE * total_docs)
                            and slot_count > 2):
                        continue
                    idf = math.log(1.0 + (total_docs - frequency + 0.5) / (frequency + 0.5))
                    slot_possible = max(slot_possible, weight * idf * FIELD_WEIGHTS[0])
                    if postings is not None:
                        slot_docs.append(postings.docs)
                        slot_weights.append(_FIELD_WEIGHTS_NP[postings.fields] * (weight * idf))
                    if delta:
                        slot_docs.append(np.array([d for d, _ in delta], dtype=np.int32))
                        slot_weights.append(np.array([FIELD_WEIGHTS[f] for _, f in delta])
                                            * (weight * idf))
                if not slot_docs:
                    continue
                reading_possible += slot_possible
                if len(slot_docs) == 1:
                    # One term: its postings name each document once.
                    scores[slot_docs[0]] += slot_weights[0]
                else:
                    docs = np.concatenate(slot_docs)
                    weights = np.concatenate(slot_weights)
                    unique_docs, inverse = np.unique(docs, return_inverse=True)
                    best = np.zeros(len(unique_docs))
                    np.maximum.at(best, inverse, weights)
                    scores[unique_docs] += best
            best_possible = max(best_possible, reading_possible)
        if index.has_deletions():
            scores[: len(index.alive)][~index.alive] = 0.0
        hit = np.flatnonzero(scores)
        if len(hit) > want:
            hit = hit[np.argpartition(-scores[hit], want - 1)[:want]]
        hit = hit[np.lexsort((hit, -scores[hit]))]
        coverage = (np.minimum(scores[hit] / best_possible, 1.0) if best_possible > 0
                    else np.zeros(len(hit)))
        return hit.tolist(), coverage.tolist()

    # -- reranking --------------------------------------------------------------------------------

    def _rerank(self, plan: _Plan, record: dict[str, Any], coverage: float) -> float:
        best = 0.0
        for variant, variant_weight in plan.variants:
            best = max(best, variant_weight * self._text_similarity(variant, record, plan.sentence))
        if record["tp"]:
            for pieces, variant_weight in plan.homophone_syllables:
                best = max(best, 0.85 * variant_weight * _pinyin_similarity(pieces, record))
            for pieces in plan.letter_syllables:
                best = max(best, _pinyin_similarity(pieces, record))
            if plan.letters and len(plan.letters) <= 6:
                best = max(best, 0.95 * _initials_similarity(plan.letters, record))
        if plan.sentence:
            return 0.45 * best + 55.0 * coverage
        return 0.75 * best + 25.0 * coverage

    @staticmethod
    def _text_similarity(query: str, record: dict[str, Any], sentence: bool) -> float:
        best = _RERANK_TITLE * _field_similarity(query, record["t"], sentence)
        for alias in record["a"]:
            best = max(best, _RERANK_ALIAS * _field_similarity(query, alias, sentence))
        for tag in record["g"]:
            best = max(best, _RERANK_TAG * _field_similarity(query, tag, sentence))
        if best < 90:
            for text, weight in ((record["b"], _RERANK_BODY), (record["x"], _RERANK_EXTRA)):
                if text:
                    best = max(best, weight * _field_similarity(query, text, sentence))
        return best

    # -- presentation -----------------------------------------------------------------------------

    def _hit(self, plan: _Plan, number: int, score: float) -> SearchHit:
        record = self.index.record(number)
        snippet = _snippet(record, plan.highlight_parts)
        return SearchHit(
            doc_id=record["id"], kind=record["k"], lang=record["l"], title=record["T"],
            score=round(score, 2), snippet=snippet,
            snippet_highlights=_highlights(snippet, plan.highlight_parts),
            title_highlights=_highlights(record["T"], plan.highlight_parts),
        )


_SUFFIXES = ("ing", "ed", "es", "s")


def _english_stem(word: str) -> str:
    """Plural and tense endings only: enough to meet "refunds" and "refunded" at "refund"."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and word.isascii():
            return word[: -len(suffix)]
    return word


def _trigrams(word: str) -> list[str]:
    padded = f"^{word}$"
    return [padded[i: i + 3] for i in range(len(padded) - 2)]


def _field_similarity(query: str, text: str, sentence: bool) -> float:
    if not text:
        return 0.0
    if " " in query and not contains_han(query):
        # Several words: their order and the words between them matter less than which are there.
        return max(0.85 * fuzz.partial_ratio(query, text) + 0.15 * fuzz.ratio(query, text),
                   0.95 * fuzz.token_set_ratio(query, text))
    if len(query) <= len(text):
        # The query inside the field; a closer overall length breaks ties towards the specific entry.
        return 0.85 * fuzz.partial_ratio(query, text) + 0.15 * fuzz.ratio(query, text)
    # A field inside a longer query (a customer's sentence naming the entry's words): credit it by
    # how much of the query the field explains, so a two-character tag does not score like a title.
    share = len(text) / len(query)
    return fuzz.partial_ratio(text, query) * min(1.0, 0.35 + share)


def _pinyin_similarity(pieces: tuple[str, ...], record: dict[str, Any]) -> float:
    best = _RERANK_TITLE * _syllables_in(pieces, record["tp"])
    for alias_py in record["ap"]:
        best = max(best, _RERANK_ALIAS * _syllables_in(pieces, alias_py))
    return best


def _syllables_in(pieces: tuple[str, ...], field_syllables: str) -> float:
    """Typed syllables against a field's syllables; the last piece may be half-typed."""
    if not field_syllables or not pieces:
        return 0.0
    positions = [options.split("|") for options in field_syllables.split()]
    centrality = 10.0 * min(1.0, len(pieces) / len(positions))
    last = len(pieces) - 1

    def fits(piece: str, options: list[str], is_last: bool) -> bool:
        return any(o.startswith(piece) for o in options) if is_last else piece in options

    for start in range(len(positions) - len(pieces) + 1):
        if all(fits(piece, positions[start + k], k == last) for k, piece in enumerate(pieces)):
            return (90.0 if start == 0 else 87.0) + centrality
    found = sum(any(fits(piece, options, k == last) for options in positions)
                for k, piece in enumerate(pieces))
    if found == len(pieces):
        # All there, with other words between (宽带…报修 for kuandaibaoxiu).
        return 78.0 + centrality
    return 70.0 * found / len(pieces)


def _initials_similarity(letters: str, record: dict[str, Any]) -> float:
    best = _RERANK_TITLE * _letters_in(letters, record["ti"], record["tj"])
    for first, other in zip(record["ai"], record["aj"], strict=True):
        best = max(best, _RERANK_ALIAS * _letters_in(letters, first, other))
    return best


def _letters_in(letters: str, first: str, other: str) -> float:
    """Typed first letters against a field's; either reading of a polyphone counts."""
    if not first:
        return 0.0
    # How much of the field the letters explain breaks ties between fields that all contain them.
    centrality = 10.0 * min(1.0, len(letters) / len(first))
    for start in range(len(first) - len(letters) + 1):
        if all(letter in (first[start + k], other[start + k]) for k, letter in enumerate(letters)):
            return (90.0 if start == 0 else 87.0) + centrality
    # Initials of the key words, skipping the small ones between (kdbx for 宽带…报修).
    return 75.0 + centrality if _is_compact_subsequence(letters, first, other) else 0.0


def _is_compact_subsequence(letters: str, first: str, other: str) -> bool:
    """letters in order within a window three times their length: skipped small words, not
    letters scattered over a long title by chance."""
    window = 3 * len(letters)
    for start in range(len(first)):
        if letters[0] not in (first[start], other[start]):
            continue
        position = 0
        for index in range(start, min(len(first), start + window)):
            if letters[position] in (first[index], other[index]):
                position += 1
                if position == len(letters):
                    return True
    return False


_SNIPPET_BEFORE = 16
_SNIPPET_LENGTH = 90


def _folded(text: str) -> str:
    """Casefold and Traditional->Simplified without changing length, so positions carry over."""
    folded = to_simplified(text.casefold())
    return folded if len(folded) == len(text) else text.casefold()


def _snippet(record: dict[str, Any], parts: list[str]) -> str:
    for text in (record["B"], record["X"]):
        if not text:
            continue
        folded = _folded(text)
        positions = [p for p in (folded.find(part) for part in parts if part) if p >= 0]
        if positions:
            start = max(0, min(positions) - _SNIPPET_BEFORE)
            prefix = "…" if start > 0 else ""
            piece = text[start: start + _SNIPPET_LENGTH]
            suffix = "…" if start + _SNIPPET_LENGTH < len(text) else ""
            return " ".join((prefix + piece + suffix).split())
    text = record["B"] or record["X"]
    return " ".join((text[:_SNIPPET_LENGTH] + ("…" if len(text) > _SNIPPET_LENGTH else "")).split())


def _highlights(text: str, parts: list[str]) -> tuple[tuple[int, int], ...]:
    folded = _folded(text)
    spans: list[tuple[int, int]] = []
    for part in parts:
        if not part:
            continue
        start = folded.find(part)
        while start >= 0:
            spans.append((start, start + len(part)))
            start = folded.find(part, start + len(part))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)
