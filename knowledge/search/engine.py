"""Ranking: plan a query into lookups, score candidates from the inverted index, rerank with rapidfuzz.

A query is read in every way an agent may have meant it (Chinese text, English words, full pinyin,
pinyin first letters, a Chinese homophone typo, a synonym) and each reading becomes "slots": one
slot per part of the query, holding the alternative index terms that would satisfy that part. A
document scores the best alternative per slot, so alternatives never add up to more than the part;
in a customer's sentence the overlapping pairs share their characters, and each character counts once.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, LCSseq

from knowledge.search.document import FIELD_WEIGHTS, Field, pinyin_views
from knowledge.search.highlight import pinyin_spans
from knowledge.search.index import InvertedIndex
from knowledge.search.normalize import (
    contains_han,
    is_han_run,
    normalize_cached,
    runs,
    to_simplified,
)
from knowledge.search.pinyin import is_syllable, readings, segmentations, syllables_starting_with
from knowledge.search.synonyms import SynonymTable
from knowledge.search.terms import term_key

MAX_QUERY_CHARS = 200
# Below this a keyword hit matched only scraps of the query (a letter pair, one common character).
# Sentences score on a lower scale (most of a sentence is not in any entry) and are not cut.
MIN_SCORE = 40.0
KEYWORD_CANDIDATES = 60
SENTENCE_CANDIDATES = 80
# A term found in more than this share of documents says little and costs a lot: dropped when the
# query has other parts to go on.
COMMON_TERM_SHARE = 0.2
# In a customer's sentence a single character is a faint clue (its pairs carry the meaning); past
# this share of documents it is skipped rather than read.
SENTENCE_CHAR_SHARE = 0.02
COMMON_TERM_MIN_POSTINGS = 1000
# A term in more than this share of documents counts only where it is in a title, alias or tag:
# in a large knowledge base a word in every twentieth answer body tells little about which one,
# while reading its postings costs the most of any term.
BODY_TERM_SHARE = 0.02
PREFIX_EXPANSIONS = 8
FUZZY_EXPANSIONS = 5
SYLLABLE_EXPANSIONS = 24

_FIELD_WEIGHTS_NP = np.array(FIELD_WEIGHTS, dtype=np.float64)
# A keyword names the entry, so where it is found matters (title > aliases > tags > body). Most of a
# customer's sentence is the situation, not the entry's name, and the answer and the scenario text
# describe situations as much as the title does: a sentence's coverage counts a word wherever in the
# entry it is found. (The rerank's similarity still prefers the title, aliases and tags.)
_SENTENCE_FIELD_WEIGHTS = (1.0,) * len(FIELD_WEIGHTS)
_SENTENCE_FIELD_WEIGHTS_NP = np.array(_SENTENCE_FIELD_WEIGHTS, dtype=np.float64)
# Rerank weights per field: the title says what an entry answers, aliases are how customers say it.
_RERANK_TITLE, _RERANK_ALIAS, _RERANK_TAG, _RERANK_BODY, _RERANK_EXTRA = 1.0, 0.97, 0.85, 0.7, 0.65
# A hit's score: similarity share * best field similarity (0-100) + coverage share * index coverage.
_SENTENCE_MIX = (0.45, 55.0)
_KEYWORD_MIX = (0.75, 25.0)
# Scores are compared rounded to 6 places; a candidate this close to the cut still gets ranked.
_TIE_MARGIN = 1e-5


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
    # The characters of the reading's text this slot stands for, [start, end).
    span: tuple[int, int] = (0, 0)

    def add(self, term: str, weight: float) -> None:
        if weight > self.terms.get(term, 0.0):
            self.terms[term] = weight


# A slot as its alternatives: equal slots (readings share most of their slots) are scored once.
_SlotKey = tuple[tuple[str, float], ...]
# What one character of a sentence scores: the slots covering it, each with its share.
_Unit = tuple[tuple[_SlotKey, float], ...]


@dataclass
class _Plan:
    variants: list[tuple[str, float]]
    # Readings of the query; each is a list of slots.
    readings: list[list[_Slot]]
    # Per reading, the text its slots' spans point into ("" for pinyin and initials readings).
    reading_texts: list[str]
    letters: str  # the query as one run of ASCII letters, or "" (pinyin / initials readings)
    sentence: bool
    highlight_parts: list[str]
    # Syllables compared against each candidate's pinyin, worked out once per query: how the typed
    # letters split into syllables, and each Chinese variant's own syllables with the variant's
    # weight (a same-sound typo such as 退宽 still lines up with 退款).
    letter_syllables: list[_SyllableMatcher]
    homophone_syllables: list[tuple[_SyllableMatcher, float]]
    # Per variant: several words with no Chinese (their order matters less than which are there).
    multiword: list[bool]
    # Comparisons already made for this query, by field text: candidates share tags, aliases and
    # titles (a product line's entries differ in a word or two), so each text is compared once.
    similarities: dict[tuple[str, str], tuple[float, float]] = field(default_factory=dict)
    initials: dict[tuple[str, str], float] = field(default_factory=dict)
    # A sentence's variants, with how much each character tells (found with the candidates).
    information: dict[str, _Information] = field(default_factory=dict)


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
        similarity_share, coverage_share = _SENTENCE_MIX if plan.sentence else _KEYWORD_MIX
        entries: list[tuple[int, float, dict[str, Any], float]] = []
        for number, cover in zip(candidates, coverage, strict=True):
            record = self.index.record(number)
            if wanted_kinds is None or record["k"] in wanted_kinds:
                entries.append((number, cover, record,
                                boosts.get(record["id"], 1.0) if boosts else 1.0))
        # A cheap first pass: each candidate's similarity to typed pinyin or initials (exact, and
        # cheap because fields repeat) and the most its text could score (one batched LCS over
        # every short field). Candidates are then ranked best bound first; once even the bound
        # cannot reach the limit-th best score so far, no later candidate can either, and before
        # that each rerank is told the similarity it must beat. The top hits are exactly those of
        # reranking every candidate, found without comparing text that cannot matter.
        pinyin = [_pinyin_part(plan, record) for _, _, record, _ in entries]
        # A customer's sentence shares most characters of any short field, so there the bound
        # would rule out little and cost more than it saves: 100 bounds any similarity.
        text_bounds = ([100.0] * len(entries) if plan.sentence
                       else _text_bounds(plan, [record for _, _, record, _ in entries]))
        # Same-sound readings score at most their weight, and are compared only in the rerank.
        homophone_bound = max((100.0 * weight for _, weight in plan.homophone_syllables),
                              default=0.0)
        bounds = [(similarity_share * max(text_bound, pinyin_similarity,
                                          homophone_bound if record["tp"] else 0.0)
                   + coverage_share * cover) * boost
                  for (_, cover, record, boost), text_bound, pinyin_similarity
                  in zip(entries, text_bounds, pinyin, strict=True)]
        kept: list[float] = []
        scored: list[tuple[float, int, str, int]] = []
        for position in sorted(range(len(entries)), key=bounds.__getitem__, reverse=True):
            to_beat = kept[0] if len(kept) >= limit else -math.inf
            if bounds[position] + _TIE_MARGIN < to_beat:
                break
            number, cover, record, boost = entries[position]
            needed = to_beat / boost if boost > 0 else math.inf
            if not plan.sentence:
                needed = max(needed, MIN_SCORE)
            floor = (needed - coverage_share * cover) / similarity_share - _TIE_MARGIN
            similarity = self._rerank(plan, record, floor, pinyin[position],
                                      text_bounds[position])
            if similarity is None:
                continue
            score = similarity_share * similarity + coverage_share * cover
            if score < MIN_SCORE and not plan.sentence:
                continue
            score = round(score * boost, 6)
            if len(kept) < limit:
                heapq.heappush(kept, score)
            elif score > kept[0]:
                heapq.heapreplace(kept, score)
            # Ties: FAQ before scripts, then by id, so the order never depends on insertion order.
            scored.append((-score, 0 if record["k"] == "faq" else 1, record["id"], number))
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
        reading_texts: list[str] = []
        highlight_parts: list[str] = []
        for variant, variant_weight in variants:
            text_slots: list[_Slot] = []
            start = 0
            for run in runs(variant):
                start = variant.index(run, start)
                if is_han_run(run):
                    text_slots += self._han_slots(run, variant_weight, sentence, start)
                    if variant_weight == 1.0:
                        highlight_parts += [run] if len(run) <= 4 else [
                            run[i: i + 2] for i in range(len(run) - 1)]
                else:
                    text_slots.append(self._word_slot(run, variant_weight, start))
                    if variant_weight == 1.0:
                        highlight_parts.append(run)
                start += len(run)
            if text_slots:
                plan_readings.append(text_slots)
                reading_texts.append(variant)
        if letters:
            plan_readings += self._pinyin_readings(letters)
            initials = self._initials_reading(letters)
            if initials:
                plan_readings.append(initials)
            reading_texts += [""] * (len(plan_readings) - len(reading_texts))
        homophones: list[tuple[_SyllableMatcher, float]] = []
        if not sentence and not letters:
            for variant, variant_weight in variants:
                syllables = pinyin_views(variant)[0]
                if syllables:
                    homophones.append((_SyllableMatcher(tuple(
                        options.split("|")[0] for options in syllables.split())),
                        0.85 * variant_weight))
        letter_syllables = ([_SyllableMatcher(tuple(pieces))
                             for pieces in segmentations(letters, limit=2)] if letters else [])
        multiword = [" " in variant and not contains_han(variant) for variant, _ in variants]
        return _Plan(variants, plan_readings, reading_texts, letters, sentence, highlight_parts,
                     letter_syllables, homophones, multiword)

    @staticmethod
    def _han_slots(run: str, weight: float, sentence: bool, start: int = 0) -> list[_Slot]:
        """The run's slots; start is where the run begins in the reading's text."""
        run_readings = [readings(char) for char in run]
        if len(run) == 1:
            slot = _Slot(span=(start, start + 1))
            slot.add("c" + run, weight)
            for syllable in run_readings[0]:
                slot.add("s" + syllable, 0.3 * weight)
            return [slot]
        slots: list[_Slot] = []
        for offset in range(len(run) - 1):
            slot = _Slot(span=(start + offset, start + offset + 2))
            slot.add("b" + run[offset: offset + 2], weight)
            # Same-sound characters typed by mistake (退宽 for 退款) meet through pinyin pairs.
            # A sentence has enough right pairs to find its entries without them.
            if not sentence:
                for a in run_readings[offset]:
                    for b in run_readings[offset + 1]:
                        slot.add(f"S{a} {b}", 0.55 * weight)
            slots.append(slot)
        # Single characters carry little alone; in a sentence even less, but they still tell
        # which short fields (titles, aliases) the customer's words touch.
        char_weight = (0.15 if sentence else 0.3) * weight
        for offset, char in enumerate(run):
            slot = _Slot(span=(start + offset, start + offset + 1))
            slot.add("c" + char, char_weight)
            slots.append(slot)
        return slots

    def _word_slot(self, word: str, weight: float, start: int = 0) -> _Slot:
        slot = _Slot(span=(start, start + len(word)))
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
                if not is_syllable(pieces[0]) or len(pieces[0]) < 2:
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
        # Posting counts past which a term is dropped, skipped as a sentence's single character, or
        # read for its title, alias and tag postings only (see the constants).
        dropped_above = max(COMMON_TERM_MIN_POSTINGS, COMMON_TERM_SHARE * total_docs)
        sentence_char_above = max(COMMON_TERM_MIN_POSTINGS, SENTENCE_CHAR_SHARE * total_docs)
        head_only_above = max(COMMON_TERM_MIN_POSTINGS, BODY_TERM_SHARE * total_docs)
        field_weights, field_weights_np = ((_SENTENCE_FIELD_WEIGHTS, _SENTENCE_FIELD_WEIGHTS_NP)
                                           if plan.sentence else (FIELD_WEIGHTS, _FIELD_WEIGHTS_NP))
        scores = np.zeros(index.capacity, dtype=np.float64)
        slot_best = np.zeros(index.capacity, dtype=np.float64)
        # Readings share most of their slots (a synonym swaps one word of a sentence), and each
        # reading's slots add up: score every distinct slot once and add it as often as it occurs.
        occurrences: dict[_SlotKey, int] = {}
        reading_keys: list[list[_SlotKey]] = []
        for reading in plan.readings:
            keys_of_reading = [tuple(slot.terms.items()) for slot in reading]
            for slot_key in keys_of_reading:
                occurrences[slot_key] = occurrences.get(slot_key, 0) + 1
            reading_keys.append(keys_of_reading)
        possible_of: dict[_SlotKey, float] = {}
        # Per slot, the documents it matches with the points each scores (its best alternative).
        points_of: dict[_SlotKey, tuple[npt.NDArray[np.intp], npt.NDArray[np.float64]]] = {}
        for slot_key in occurrences:
            slot_docs: list[npt.NDArray[np.intp]] = []
            slot_weights: list[npt.NDArray[np.float64]] = []
            slot_read: list[tuple[float, npt.NDArray[np.int32], npt.NDArray[np.uint8]]] = []
            slot_possible = 0.0
            for term, weight in slot_key:
                key, postings = found[term]
                delta = index.delta_postings(key)
                frequency = (len(postings) if postings is not None else 0) + len(delta)
                if frequency == 0:
                    continue
                if frequency > dropped_above and slot_count > 2:
                    continue
                if plan.sentence and term[0] == "c" and frequency > sentence_char_above:
                    continue
                idf = math.log(1.0 + (total_docs - frequency + 0.5) / (frequency + 0.5))
                slot_possible = max(slot_possible, weight * idf * field_weights[0])
                # A short query still needs body matches when titles alone cannot fill the list.
                head_only = (frequency > head_only_above
                             and (slot_count > 2 or (postings is not None and postings.head >= want)))
                if head_only:
                    delta = [(d, f) for d, f in delta if f < Field.BODY]
                if postings is not None:
                    docs, fields = postings.read(head_only)
                    # The readings of a polyphone give one field several pinyin terms with the
                    # same postings (什么: shen me, shi me, shen yao, shi yao): an alternative that
                    # scores the same documents the same adds nothing to a best-of.
                    if not any(scale == weight * idf and np.array_equal(docs, seen_docs)
                               and np.array_equal(fields, seen_fields)
                               for scale, seen_docs, seen_fields in slot_read):
                        slot_read.append((weight * idf, docs, fields))
                        # numpy indexes with intp several times faster than with int32.
                        slot_docs.append(docs.astype(np.intp))
                        slot_weights.append(field_weights_np[fields] * (weight * idf))
                if delta:
                    slot_docs.append(np.array([d for d, _ in delta], dtype=np.intp))
                    slot_weights.append(np.array([field_weights[f] for _, f in delta])
                                        * (weight * idf))
            if not slot_docs:
                continue
            possible_of[slot_key] = slot_possible
            points_of[slot_key] = ((slot_docs[0], slot_weights[0]) if len(slot_docs) == 1
                                   else _best_of(slot_docs, slot_weights, slot_best))
        if plan.sentence:
            units = _sentence_units(plan.readings, reading_keys)
            # A sentence's readings are the same sentence with a synonym swapped in, and a
            # document scores every reading it matches (the sums below): its share is of what all
            # of them could score, else a document with the words the readings share passes the
            # best reading alone, and every such candidate ties at full coverage.
            best_possible = sum(times * max(possible_of.get(slot_key, 0.0) * share
                                            for slot_key, share in unit)
                                for unit, times in units.items())
            plan.information = {
                text: _Information.of(text, reading, keys_of_reading, possible_of)
                for text, reading, keys_of_reading
                in zip(plan.reading_texts, plan.readings, reading_keys, strict=True)}
        else:
            units = {((slot_key, 1.0),): times for slot_key, times in occurrences.items()}
            # A keyword's readings are alternatives (pinyin split one way or another, or
            # initials): a document matching one of them in full is fully covered.
            best_possible = max((sum(possible_of.get(slot_key, 0.0) for slot_key in keys_of_reading)
                                 for keys_of_reading in reading_keys), default=0.0)
        for unit, times in units.items():
            matched = [(points_of[slot_key], share) for slot_key, share in unit
                       if slot_key in points_of]
            if len(matched) == 1:
                (unit_docs, unit_points), share = matched[0]
                # A slot names each document once (add.at is the faster scatter).
                np.add.at(scores, unit_docs, unit_points * (share * times))
            elif matched:
                unit_docs, unit_points = _best_of(
                    [slot_docs for (slot_docs, _), _ in matched],
                    [slot_points * share for (_, slot_points), share in matched], slot_best)
                np.add.at(scores, unit_docs, unit_points * times)
        if index.has_deletions():
            scores[: len(index.alive)][~index.alive] = 0.0
        # Scores are never negative; a comparison first is several times faster than a float scan.
        hit = np.flatnonzero(scores > 0.0)
        if len(hit) > want:
            hit = hit[np.argpartition(-scores[hit], want - 1)[:want]]
        hit = hit[np.lexsort((hit, -scores[hit]))]
        coverage = (np.minimum(scores[hit] / best_possible, 1.0) if best_possible > 0
                    else np.zeros(len(hit)))
        return hit.tolist(), coverage.tolist()

    # -- reranking --------------------------------------------------------------------------------

    @staticmethod
    def _rerank(plan: _Plan, record: dict[str, Any], floor: float, pinyin: float,
                text_bound: float) -> float | None:
        """The best similarity of any reading of the query to the record (0-100), or None when it
        cannot beat floor. pinyin is the record's _pinyin_part, text_bound its _text_bounds."""
        # Only the best reading counts, so each comparison is told the score to beat and skipped
        # (or cut short inside rapidfuzz) when it cannot: the result is the same, found sooner.
        best = max(0.0, floor, pinyin)
        if record["tp"]:
            for matcher, weight in plan.homophone_syllables:
                if best < 100.0 * weight:
                    best = max(best, weight * _pinyin_similarity(matcher, record))
        if text_bound > best:
            for (variant, variant_weight), multiword in zip(plan.variants, plan.multiword,
                                                            strict=True):
                if variant_weight > 0 and best < 100.0 * variant_weight:
                    best = max(best, variant_weight * _text_similarity(
                        variant, multiword, record, best / variant_weight, plan.similarities,
                        plan.information.get(variant)))
        return None if best <= floor else best

    # -- presentation -----------------------------------------------------------------------------

    def _hit(self, plan: _Plan, number: int, score: float) -> SearchHit:
        record, display = self.index.record(number), self.index.display(number)
        snippet = _snippet(display, plan.highlight_parts)
        return SearchHit(
            doc_id=record["id"], kind=record["k"], lang=display["l"], title=display["T"],
            score=round(score, 2), snippet=snippet,
            snippet_highlights=_highlights(snippet, plan.highlight_parts, plan.letters),
            title_highlights=_highlights(display["T"], plan.highlight_parts, plan.letters),
        )


_SUFFIXES = ("ing", "ed", "es", "s")


def _english_stem(word: str) -> str:
    """Plural and tense endings only: enough to meet "refunds" and "refunded" at "refund"."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and word.isascii():
            return word[: -len(suffix)]
    return word


def _best_of(docs_each: list[npt.NDArray[np.intp]], points_each: list[npt.NDArray[np.float64]],
             scratch: npt.NDArray[np.float64]
             ) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.float64]]:
    """The documents any of several alternatives match, each with the best points it scores.

    In a scratch array (all zeros, and left so) rather than by sorting: each alternative names a
    document once, and a document is listed the first time one reaches it (points are never 0).
    """
    scratch[docs_each[0]] = points_each[0]
    firsts = [docs_each[0]]
    for docs, points in zip(docs_each[1:], points_each[1:], strict=True):
        before = scratch[docs]
        firsts.append(docs[before == 0.0])
        scratch[docs] = np.maximum(before, points)
    touched = np.concatenate(firsts)
    best = scratch[touched]
    scratch[touched] = 0.0
    return touched, best


def _sentence_units(readings: list[list[_Slot]], reading_keys: list[list[_SlotKey]]
                    ) -> dict[_Unit, int]:
    """What a sentence scores: the characters its pairs and words cover, each once, and its single
    characters; with how often each occurs over all readings.

    A customer's sentence is read as overlapping pairs, so a phrase it shares with an entry
    matches a pair at every character: summed, filler such as "可以帮我查一下" in an alias (可以
    以帮 帮我 我查 查一 一下) outweighs the one rare word that names the entry, the more so as the
    pairs spanning two words (以帮, 我查) are rare in a knowledge base precisely because they are
    no words. Here a slot's points are spread over the characters it spans (half to each of a
    pair's) and each character takes the best share covering it: a lone pair scores what it did, a
    phrase each character once, and one more matched slot never lowers a score. A single
    character's own slot is another clue (which titles, aliases and tags the customer's words
    touch) and still counts apart.
    """
    units: dict[_Unit, int] = {}
    for reading, keys in zip(readings, reading_keys, strict=True):
        covering: dict[int, list[tuple[_SlotKey, float]]] = {}
        for slot, slot_key in zip(reading, keys, strict=True):
            start, end = slot.span
            if end - start == 1:
                unit: _Unit = ((slot_key, 1.0),)
                units[unit] = units.get(unit, 0) + 1
                continue
            for position in range(start, end):
                covering.setdefault(position, []).append((slot_key, 1.0 / (end - start)))
        for parts in covering.values():
            unit = tuple(parts)
            units[unit] = units.get(unit, 0) + 1
    return units


def _trigrams(word: str) -> list[str]:
    padded = f"^{word}$"
    return [padded[i: i + 3] for i in range(len(padded) - 2)]


def _text_similarity(query: str, multiword: bool, record: dict[str, Any], floor: float,
                     known: dict[tuple[str, str], tuple[float, float]],
                     information: _Information | None = None) -> float:
    """The best field's similarity, or floor when no field beats it."""
    best = floor
    best = max(best, _RERANK_TITLE * _known_similarity(query, multiword, record["t"], best, known,
                                                       information))
    for alias in record["a"]:
        best = max(best, _RERANK_ALIAS * _known_similarity(
            query, multiword, alias, best / _RERANK_ALIAS, known, information))
    for tag in record["g"]:
        best = max(best, _RERANK_TAG * _known_similarity(
            query, multiword, tag, best / _RERANK_TAG, known, information))
    # A long text never outranks a field that already names the query.
    if best < 90:
        for text, weight in ((record["b"], _RERANK_BODY), (record["x"], _RERANK_EXTRA)):
            if text and best < 100.0 * weight:
                best = max(best, weight * _known_similarity(
                    query, multiword, text, best / weight, known, information))
    return best


def _known_similarity(query: str, multiword: bool, text: str, floor: float,
                      known: dict[tuple[str, str], tuple[float, float]],
                      information: _Information | None = None) -> float:
    """_field_similarity, remembered per query with the floor it was asked with: a value above
    that floor is exact; one at or below it still answers any floor at least as high."""
    key = (query, text)
    found = known.get(key)
    if found is not None:
        value, asked = found
        if value > asked or floor >= asked:
            return value
    value = _field_similarity(query, multiword, text, floor, information)
    known[key] = (value, floor)
    return value


def _field_similarity(query: str, multiword: bool, text: str, floor: float,
                      information: _Information | None = None) -> float:
    """Similarity of a query and one field; any value at or below floor may come back as 0.
    information, for a sentence, says how much each of its characters tells."""
    if not text:
        return 0.0
    # The longest common subsequence is cheap (bit-parallel) and bounds partial_ratio from above:
    # the best window of the longer string shares at most `common` characters with the shorter,
    # so most fields that cannot beat floor are dropped without aligning them.
    common = LCSseq.similarity(query, text)
    if multiword:
        # Several words: their order and the words between them matter less than which are there.
        token_cutoff = floor / 0.95
        token_set = (fuzz.token_set_ratio(query, text, score_cutoff=token_cutoff)
                     if token_cutoff <= 100.0 else 0.0)
        # A field shorter than the query is credited by how much of the query it explains, as
        # below: "return" inside "i returned it last week and still no money" names one word of it.
        factor = _explained(text, query)
        return max(factor * _partial_and_ratio(query, text, common, floor / factor),
                   0.95 * token_set)
    if len(query) <= len(text):
        # The query inside the field; a closer overall length breaks ties towards the specific entry.
        return _partial_and_ratio(query, text, common, floor)
    # A field inside a longer query (a customer's sentence naming the entry's words): credit it by
    # how much of the query the field explains, so a two-character tag does not score like a title.
    if information is None:
        factor = _explained(text, query)
        if _partial_bound(common, len(text)) * factor <= floor:
            return 0.0
        return fuzz.partial_ratio(text, query, score_cutoff=floor / factor) * factor
    # In a sentence, what the field explains is the share of the sentence's information in the
    # part it lines up with, not of its length: in "下周出差去香港手机怎么才能上网" a title lining
    # up with "怎么才能" explains less than one lining up with "去香港", though both are as long.
    # The factor is known only once aligned; the widest share a window as long as the field holds
    # bounds it first.
    most = _explained_share(information.widest(len(text)))
    if _partial_bound(common, len(text)) * most <= floor:
        return 0.0
    alignment = fuzz.partial_ratio_alignment(text, query, score_cutoff=floor / most)
    if alignment is None:
        return 0.0
    return alignment.score * _explained_share(
        information.share(alignment.dest_start, alignment.dest_end))


def _explained(text: str, query: str) -> float:
    """How much of a longer query a field can explain, as a factor on its similarity (1 for a field
    at least as long as the query)."""
    return _explained_share(len(text) / len(query))


def _explained_share(share: float) -> float:
    """The factor on a field's similarity when it explains this share (0-1) of a longer query."""
    return min(1.0, 0.35 + share)


class _Information:
    """How much each character of a sentence tells: the most any slot covering it could score,
    spread over the characters the slot spans. Characters of no indexed term tell nothing."""

    __slots__ = ("_cumulative", "_length", "_widest")

    def __init__(self, weights: list[float]) -> None:
        self._cumulative = list(itertools.accumulate(weights, initial=0.0))
        self._length = len(weights)
        self._widest: dict[int, float] = {}

    @classmethod
    def of(cls, text: str, reading: list[_Slot], keys: list[_SlotKey],
           possible_of: dict[_SlotKey, float]) -> _Information:
        weights = [0.0] * len(text)
        for slot, slot_key in zip(reading, keys, strict=True):
            start, end = slot.span
            each = possible_of.get(slot_key, 0.0) / (end - start)
            for position in range(start, end):
                weights[position] = max(weights[position], each)
        return cls(weights)

    def share(self, start: int, end: int) -> float:
        """The share of the sentence's information in text[start:end]."""
        total = self._cumulative[-1]
        if total <= 0.0:
            return (end - start) / max(1, self._length)
        return (self._cumulative[end] - self._cumulative[start]) / total

    def widest(self, width: int) -> float:
        """The largest share any window of this many characters holds."""
        found = self._widest.get(width)
        if found is None:
            inside = min(width, self._length)
            found = self._widest[width] = max(
                (self.share(start, start + inside) for start in range(self._length - inside + 1)),
                default=0.0)
        return found


def _partial_bound(common: int, shorter: int) -> float:
    """Highest partial_ratio possible when the strings share `common` characters in order."""
    return 200.0 * common / (shorter + common) if common else 0.0


def _partial_and_ratio(query: str, text: str, common: int, floor: float) -> float:
    """0.85 * partial_ratio + 0.15 * ratio, or 0 when that cannot beat floor. ratio is the Indel
    similarity, which the common subsequence gives exactly."""
    ratio = 200.0 * common / (len(query) + len(text))
    if 0.85 * _partial_bound(common, min(len(query), len(text))) + 0.15 * ratio <= floor:
        return 0.0
    partial_cutoff = (floor - 0.15 * ratio) / 0.85
    return 0.85 * fuzz.partial_ratio(query, text, score_cutoff=max(0.0, partial_cutoff)) + 0.15 * ratio


def _pinyin_part(plan: _Plan, record: dict[str, Any]) -> float:
    """The record's best similarity to the query's letters read as pinyin or initials."""
    best = 0.0
    if record["tp"]:
        for matcher in plan.letter_syllables:
            if best < 100.0:
                best = max(best, _pinyin_similarity(matcher, record))
        if plan.letters and len(plan.letters) <= 6 and best < 95.0:
            best = max(best, 0.95 * _initials_similarity(plan.letters, record, plan.initials))
    return best


def _text_bounds(plan: _Plan, records: list[dict[str, Any]]) -> list[float]:
    """Per record, an upper bound on what _rerank's text comparisons could find (the best
    variant's weighted _text_similarity), with no alignment computed.

    Each short field is bounded as _field_similarity bounds it before aligning anything, from the
    longest common subsequence (and for several words, their token-set similarity itself), here
    worked out for every field of every record in one call per measure; the answer and the
    scenario text count at their weight times 100 (they are compared only when nothing better
    was found, and rarely decide a keyword query).
    """
    if not records:
        return []
    texts: list[str] = []
    weights: list[float] = []
    starts: list[int] = []
    long_bounds: list[float] = []
    for record in records:
        starts.append(len(texts))
        texts.append(record["t"])
        texts += record["a"]
        texts += record["g"]
        weights += [_RERANK_TITLE, *[_RERANK_ALIAS] * len(record["a"]),
                    *[_RERANK_TAG] * len(record["g"])]
        long_bounds.append(max(100.0 * _RERANK_BODY if record["b"] else 0.0,
                               100.0 * _RERANK_EXTRA if record["x"] else 0.0))
    bounds = np.array(long_bounds, dtype=np.float64)
    variants = [(variant, weight, multiword) for (variant, weight), multiword
                in zip(plan.variants, plan.multiword, strict=True) if weight > 0]
    if not variants:
        return [float(bound) for bound in bounds]
    # Rows are variants, columns fields.
    shared = process.cdist([variant for variant, _, _ in variants], texts,
                           scorer=LCSseq.similarity, dtype=np.int32).astype(np.float64)
    query_lengths = np.array([[len(variant)] for variant, _, _ in variants], dtype=np.float64)
    text_lengths = np.array([len(text) for text in texts], dtype=np.float64)
    shorter = np.minimum(text_lengths, query_lengths)
    # _partial_bound (0 where nothing is shared), then _partial_and_ratio's bound.
    partial = 200.0 * shared / np.maximum(shorter + shared, 1.0)
    inside = 0.85 * partial + 0.15 * (200.0 * shared / (query_lengths + text_lengths))
    # A field shorter than the query, credited by how much of the query it explains.
    factor = np.minimum(1.0, 0.35 + text_lengths / query_lengths)
    field_bounds = np.where(text_lengths >= query_lengths, inside, partial * factor)
    several_words = [row for row, (_, _, multiword) in enumerate(variants) if multiword]
    if several_words:
        token_sets = process.cdist([variants[row][0] for row in several_words], texts,
                                   scorer=fuzz.token_set_ratio)
        field_bounds[several_words] = np.maximum((inside * factor)[several_words],
                                                 0.95 * token_sets)
    field_bounds *= np.array(weights, dtype=np.float64)
    per_record = np.maximum.reduceat(field_bounds, starts, axis=1)
    variant_weights = np.array([[weight] for _, weight, _ in variants], dtype=np.float64)
    bounds = np.maximum(bounds, (per_record * variant_weights).max(axis=0))
    return [float(bound) for bound in bounds]


def _pinyin_similarity(matcher: _SyllableMatcher, record: dict[str, Any]) -> float:
    best = _RERANK_TITLE * matcher.score(record["tp"])
    for alias_py in record["ap"]:
        best = max(best, _RERANK_ALIAS * matcher.score(alias_py))
    return best


class _SyllableMatcher:
    """Typed syllables against a field's syllables ("tui kuan|kuang dao"); the last piece may be
    half-typed. Plain substring searches rather than regular expressions: compiling a query's
    patterns cost more than matching them against all its candidates."""

    __slots__ = ("_count", "_each", "_pieces", "_scores", "_together")

    def __init__(self, pieces: tuple[str, ...]) -> None:
        self._pieces = pieces
        self._count = len(pieces)
        # Against " " + field + " ": a space before each piece and after every piece but the
        # half-typed last one keeps them whole syllables (only the last may be a beginning).
        self._together = " " + " ".join(pieces)
        self._each = [f" {piece} " for piece in pieces[:-1]] + [f" {piece}" for piece in pieces[-1:]]
        # Fields already scored: aliases and titles repeat across the candidates of one query.
        self._scores: dict[str, float] = {}

    def score(self, field_syllables: str) -> float:
        if not field_syllables or not self._count:
            return 0.0
        known = self._scores.get(field_syllables)
        if known is None:
            known = self._scores[field_syllables] = self._score(field_syllables)
        return known

    def _score(self, field_syllables: str) -> float:
        # Each reading of a polyphone stands alone once "|" is a space.
        spaced = " " + field_syllables.replace("|", " ") + " "
        found = sum(1 for needle in self._each if needle in spaced)
        if found < self._count:
            return 70.0 * found / self._count
        centrality = 10.0 * min(1.0, self._count / (field_syllables.count(" ") + 1))
        together = self._together_at(field_syllables)
        if together >= 0:
            return (90.0 if together == 0 else 87.0) + centrality
        # All there, with other words between (宽带…报修 for kuandaibaoxiu).
        return 78.0 + centrality

    def _together_at(self, field_syllables: str) -> int:
        """Where the pieces first follow one another (0: at the start of the field), or -1."""
        if "|" not in field_syllables:
            return (" " + field_syllables + " ").find(self._together)
        # A polyphone's readings share one position, so compare position by position.
        positions = [syllable.split("|") for syllable in field_syllables.split(" ")]
        pieces, last = self._pieces, self._count - 1
        for start in range(len(positions) - last):
            if all(pieces[k] in positions[start + k] for k in range(last)) and any(
                    reading.startswith(pieces[last]) for reading in positions[start + last]):
                return start
        return -1


def _initials_similarity(letters: str, record: dict[str, Any],
                         known: dict[tuple[str, str], float]) -> float:
    best = _RERANK_TITLE * _known_letters_in(letters, record["ti"], record["tj"], known)
    for first, other in zip(record["ai"], record["aj"], strict=True):
        best = max(best, _RERANK_ALIAS * _known_letters_in(letters, first, other, known))
    return best


def _known_letters_in(letters: str, first: str, other: str,
                      known: dict[tuple[str, str], float]) -> float:
    """_letters_in for this query's letters, each field's initials worked out once."""
    key = (first, other)
    value = known.get(key)
    if value is None:
        value = known[key] = _letters_in(letters, first, other)
    return value


def _letters_in(letters: str, first: str, other: str) -> float:
    """Typed first letters against a field's; either reading of a polyphone counts."""
    if not first:
        return 0.0
    # How much of the field the letters explain breaks ties between fields that all contain them.
    centrality = 10.0 * min(1.0, len(letters) / len(first))
    if first == other:
        # No polyphone letters: a plain substring search finds the first place they are.
        start = first.find(letters)
    else:
        start = next((start for start in range(len(first) - len(letters) + 1)
                      if all(letter in (first[start + k], other[start + k])
                             for k, letter in enumerate(letters))), -1)
    if start >= 0:
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


def _snippet(display: dict[str, Any], parts: list[str]) -> str:
    for text in (display["B"], display["X"]):
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
    text = display["B"] or display["X"]
    return " ".join((text[:_SNIPPET_LENGTH] + ("…" if len(text) > _SNIPPET_LENGTH else "")).split())


def _highlights(text: str, parts: list[str], letters: str = "") -> tuple[tuple[int, int], ...]:
    folded = _folded(text)
    # Typed pinyin marks the Chinese it spells, as typed Chinese would.
    # `folded` is already Simplified (case folding leaves Han alone): no second conversion per hit.
    spans: list[tuple[int, int]] = list(pinyin_spans(text, letters, folded)) if letters else []
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
