"""The inverted index: term keys -> postings (document number, best field), persisted as flat arrays.

The base is built in one pass and saved as .npy files that are memory-mapped on load, so a 100k-entry
index is ready in well under a second and only the pages a query touches count towards memory.
Changes after the base (an entry published, edited or removed) go into a small in-memory delta and
tombstones; a rebuild folds them back in when the delta grows.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from knowledge.search.document import SearchDocument, prepare
from knowledge.search.terms import document_terms, term_key

FORMAT_VERSION = 5
_RECORD_CACHE_SIZE = 1024


class IndexFormatError(Exception):
    """The saved index is missing, from another version, or damaged: rebuild it."""


@dataclass
class Postings:
    docs: npt.NDArray[np.int32]
    fields: npt.NDArray[np.uint8]


class InvertedIndex:
    def __init__(
        self,
        keys: npt.NDArray[np.int64],
        offsets: npt.NDArray[np.int64],
        post_docs: npt.NDArray[np.int32],
        post_fields: npt.NDArray[np.uint8],
        record_blob: npt.NDArray[np.uint8],
        record_offsets: npt.NDArray[np.int64],
        doc_ids: list[str],
        words: list[str],
        word_df: npt.NDArray[np.int32],
        meta: dict[str, Any],
    ) -> None:
        self._keys = keys
        self._offsets = offsets
        self._post_docs = post_docs
        self._post_fields = post_fields
        self._record_blob = record_blob
        self._record_offsets = record_offsets
        self.meta = meta
        self._doc_ids = doc_ids
        self._number_of: dict[str, int] = {doc_id: n for n, doc_id in enumerate(doc_ids)}
        self._base_size = len(doc_ids)
        # Every upsert takes a fresh number, so stale delta postings never point at a new document.
        self._next_number = len(doc_ids)
        self.alive = np.ones(len(doc_ids), dtype=bool)
        self._words = words
        self._word_df = word_df
        # Delta: documents added after the base was built.
        self._delta_postings: dict[int, list[tuple[int, int]]] = defaultdict(list)
        self._delta_records: dict[int, dict[str, Any]] = {}
        self._delta_words: dict[str, int] = {}
        self._record_cache: dict[int, dict[str, Any]] = {}

    # -- building ---------------------------------------------------------------------------------

    @classmethod
    def build(cls, docs: Iterable[SearchDocument], meta: dict[str, Any] | None = None,
              progress: Any = None) -> InvertedIndex:
        term_ids: dict[str, int] = {}
        post_terms = array("i")
        post_docs = array("i")
        post_fields = array("B")
        blob = bytearray()
        record_offsets = array("q", [0])
        doc_ids: list[str] = []
        seen: set[str] = set()
        for number, doc in enumerate(docs):
            if doc.doc_id in seen:
                raise ValueError(f"duplicate document id {doc.doc_id!r}")
            seen.add(doc.doc_id)
            record, fields = prepare(doc)
            doc_ids.append(doc.doc_id)
            blob += json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            record_offsets.append(len(blob))
            terms = document_terms(fields)
            # setdefault reads len() before inserting, so a new term gets the next id.
            post_terms.extend([term_ids.setdefault(term, len(term_ids)) for term in terms])
            post_docs.extend([number] * len(terms))
            post_fields.extend(terms.values())
            if progress is not None and number % 5000 == 4999:
                progress(number + 1)

        term_list = list(term_ids)
        hashed = np.fromiter((term_key(term) for term in term_list), dtype=np.int64,
                             count=len(term_list))
        # Lay the terms out in key order so a lookup is one binary search over the keys.
        key_order = np.argsort(hashed, kind="stable")
        keys = hashed[key_order]
        if len(keys) > 1 and np.any(keys[1:] == keys[:-1]):
            raise ValueError("term key collision; this should not happen with 64-bit keys")
        rank_of_term = np.empty(len(term_list), dtype=np.int32)
        rank_of_term[key_order] = np.arange(len(term_list), dtype=np.int32)
        posting_rank = rank_of_term[np.frombuffer(post_terms, dtype=np.int32)]
        # Stable, so each term's postings stay in document order.
        order = np.argsort(posting_rank, kind="stable")
        counts = np.bincount(posting_rank, minlength=len(term_list))
        offsets = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)

        words = sorted(term[1:] for term in term_list if term[0] == "w")
        word_df = np.array([counts[rank_of_term[term_ids["w" + word]]] for word in words],
                           dtype=np.int32)
        return cls(
            keys=keys,
            offsets=offsets,
            post_docs=np.frombuffer(post_docs, dtype=np.int32)[order],
            post_fields=np.frombuffer(post_fields, dtype=np.uint8)[order],
            record_blob=np.frombuffer(bytes(blob), dtype=np.uint8),
            record_offsets=np.frombuffer(record_offsets, dtype=np.int64).copy(),
            doc_ids=doc_ids,
            words=words,
            word_df=word_df,
            meta=dict(meta or {}),
        )

    # -- persistence ------------------------------------------------------------------------------

    _ARRAYS = ("keys", "offsets", "post_docs", "post_fields", "record_blob", "record_offsets",
               "word_df")

    def save(self, directory: Path) -> None:
        """Write atomically: a new directory is filled, then swapped in, so a crash keeps the old one."""
        if self._delta_records or not self.alive.all():
            raise ValueError("save() needs a freshly built index; rebuild to fold in changes")
        directory = Path(directory)
        directory.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=directory.name + ".", dir=directory.parent))
        try:
            for name in self._ARRAYS:
                np.save(staging / f"{name}.npy", getattr(self, "_" + name))
            (staging / "doc_ids.json").write_text(json.dumps(self._doc_ids, ensure_ascii=False),
                                                  encoding="utf-8")
            (staging / "words.json").write_text(json.dumps(self._words, ensure_ascii=False),
                                                encoding="utf-8")
            manifest = {"format": FORMAT_VERSION, "documents": len(self._doc_ids), **self.meta}
            (staging / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
            old = directory.with_name(directory.name + ".old")
            if directory.exists():
                shutil.rmtree(old, ignore_errors=True)
                os.replace(directory, old)
            os.replace(staging, directory)
            shutil.rmtree(old, ignore_errors=True)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise

    @classmethod
    def load(cls, directory: Path) -> InvertedIndex:
        directory = Path(directory)
        try:
            manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
            if manifest.get("format") != FORMAT_VERSION:
                raise IndexFormatError(f"{directory}: index format {manifest.get('format')}, "
                                       f"expected {FORMAT_VERSION}")
            arrays = {name: np.load(directory / f"{name}.npy", mmap_mode="r", allow_pickle=False)
                      for name in cls._ARRAYS}
            doc_ids = json.loads((directory / "doc_ids.json").read_text(encoding="utf-8"))
            words = json.loads((directory / "words.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise IndexFormatError(f"{directory}: {error}") from error
        if len(doc_ids) != manifest.get("documents") or len(arrays["record_offsets"]) != len(
                doc_ids) + 1 or len(arrays["offsets"]) != len(arrays["keys"]) + 1:
            raise IndexFormatError(f"{directory}: index files do not agree; rebuild it")
        meta = {k: v for k, v in manifest.items() if k not in ("format", "documents")}
        return cls(doc_ids=doc_ids, words=words, meta=meta, **arrays)

    # -- incremental changes ----------------------------------------------------------------------

    def __len__(self) -> int:
        return int(self.alive.sum()) + len(self._delta_records)

    @property
    def capacity(self) -> int:
        """Document numbers in use, live or not: the size of per-document score arrays."""
        return self._next_number

    @property
    def delta_size(self) -> int:
        return len(self._delta_records) + int((~self.alive).sum())

    def remove(self, doc_id: str) -> bool:
        number = self._number_of.pop(doc_id, None)
        if number is None:
            return False
        if number < self._base_size:
            self.alive[number] = False
        else:
            self._delta_records.pop(number, None)
        self._record_cache.pop(number, None)
        return True

    def upsert(self, doc: SearchDocument) -> None:
        self.remove(doc.doc_id)
        number = self._next_number
        self._next_number += 1
        record, fields = prepare(doc)
        self._delta_records[number] = record
        self._number_of[doc.doc_id] = number
        for term, field in document_terms(fields).items():
            self._delta_postings[term_key(term)].append((number, field))
            if term[0] == "w":
                self._delta_words[term[1:]] = self._delta_words.get(term[1:], 0) + 1

    # -- lookups ----------------------------------------------------------------------------------

    def postings(self, keys: Sequence[int]) -> list[Postings | None]:
        """Base postings for each key (None when absent); delta postings come from delta_postings()."""
        if not len(self._keys):
            return [None] * len(keys)
        wanted = np.asarray(keys, dtype=np.int64)
        slots = np.searchsorted(self._keys, wanted)
        result: list[Postings | None] = []
        for slot, key in zip(slots.tolist(), keys, strict=True):
            if slot < len(self._keys) and int(self._keys[slot]) == key:
                start, end = int(self._offsets[slot]), int(self._offsets[slot + 1])
                result.append(Postings(self._post_docs[start:end], self._post_fields[start:end]))
            else:
                result.append(None)
        return result

    def delta_postings(self, key: int) -> list[tuple[int, int]]:
        found = self._delta_postings.get(key)
        if not found:
            return []
        return [(number, field) for number, field in found if number in self._delta_records]

    def has_deletions(self) -> bool:
        return not bool(self.alive.all())

    def record(self, number: int) -> dict[str, Any]:
        cached = self._record_cache.get(number)
        if cached is not None:
            return cached
        if number >= self._base_size:
            return self._delta_records[number]
        start, end = int(self._record_offsets[number]), int(self._record_offsets[number + 1])
        record: dict[str, Any] = json.loads(self._record_blob[start:end].tobytes())
        if len(self._record_cache) >= _RECORD_CACHE_SIZE:
            self._record_cache.clear()
        self._record_cache[number] = record
        return record

    def number_of(self, doc_id: str) -> int | None:
        return self._number_of.get(doc_id)

    def words_with_prefix(self, prefix: str, limit: int) -> list[str]:
        """Indexed words starting with prefix, most frequent first (agents type word beginnings)."""
        start = bisect_left(self._words, prefix)
        end = bisect_left(self._words, prefix + "\U0010ffff", lo=start)
        found = list(zip(self._word_df[start:end].tolist(), self._words[start:end], strict=True))
        found += [(df, w) for w, df in self._delta_words.items() if w.startswith(prefix)]
        found.sort(key=lambda pair: (-pair[0], pair[1]))
        return [word for _, word in found[:limit]]

    @property
    def words(self) -> list[str]:
        return self._words

    def word_frequency(self, word: str) -> int:
        slot = bisect_left(self._words, word)
        base = int(self._word_df[slot]) if slot < len(self._words) and self._words[
            slot] == word else 0
        return base + self._delta_words.get(word, 0)
