"""The inverted index: term keys -> postings (document number, best field), persisted as flat arrays.

The base is built in one pass and saved as .npy files. On load the small arrays (term keys, offsets)
are read whole and the large ones (postings, records) stay on disk and are read a slice at a time
(see StoredArray), so a 100k-entry index is ready in well under a second and holds only what
queries read.
Changes after the base (an entry published, edited or removed) go into a small in-memory delta and
tombstones; a rebuild folds them back in when the delta grows.

Records are marshal-encoded: about three times faster to decode than JSON, which matters when a
query reranks a hundred candidates. marshal's format belongs to the Python version, so the version
is part of the index format and another interpreter simply rebuilds.
"""

from __future__ import annotations

import json
import marshal
import os
import shutil
import sys
import tempfile
import threading
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from knowledge.search.document import Field, SearchDocument, prepare
from knowledge.search.terms import document_terms, term_key

FORMAT_VERSION = 7
_FORMAT = f"{FORMAT_VERSION}/py{sys.version_info[0]}.{sys.version_info[1]}/marshal{marshal.version}"
_RECORD_CACHE_SIZE = 1024


class IndexFormatError(Exception):
    """The saved index is missing, from another version, or damaged: rebuild it."""


class StoredArray:
    """A one-dimensional .npy array on disk, read in slices.

    Positional reads rather than a memory map: with large page-cache folios and an 8 MB device
    readahead (this machine), touching one 2 KB record through a map made about 1.4 MB resident,
    so a few hundred queries mapped the whole file. Reads copy only the bytes asked for; the OS
    page cache still keeps the file warm.
    """

    def __init__(self, path: Path) -> None:
        self._file = open(path, "rb")  # noqa: SIM115 - lives as long as the index
        try:
            version = np.lib.format.read_magic(self._file)
            read_header = (np.lib.format.read_array_header_1_0 if version == (1, 0)
                           else np.lib.format.read_array_header_2_0)
            shape, fortran, dtype = read_header(self._file)
            self._data_offset = self._file.tell()
            if len(shape) != 1 or fortran or dtype.hasobject:
                raise ValueError(f"{path.name}: not a flat array")
            self.dtype: np.dtype[Any] = dtype
            self._length = int(shape[0])
            if os.fstat(self._file.fileno()).st_size < self._data_offset + self._length * dtype.itemsize:
                raise ValueError(f"{path.name}: truncated")
        except BaseException:
            self._file.close()
            raise
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return self._length

    def read(self, start: int, end: int) -> bytes:
        itemsize = self.dtype.itemsize
        count, offset = (end - start) * itemsize, self._data_offset + start * itemsize
        if hasattr(os, "pread"):
            data = os.pread(self._file.fileno(), count, offset)
        else:  # Windows: no positional read, so seek and read under a lock
            with self._lock:
                self._file.seek(offset)
                data = self._file.read(count)
        if len(data) != count:
            raise IndexFormatError(f"{self._file.name}: shorter than its header says; rebuild it")
        return data

    def slice(self, start: int, end: int) -> npt.NDArray[Any]:
        return np.frombuffer(self.read(start, end), dtype=self.dtype)

    def close(self) -> None:
        self._file.close()


class _InMemoryArray:
    """The same reading interface over an array just built."""

    def __init__(self, array: npt.NDArray[Any]) -> None:
        self.array = array

    def __len__(self) -> int:
        return len(self.array)

    def read(self, start: int, end: int) -> bytes:
        return self.array[start:end].tobytes()

    def slice(self, start: int, end: int) -> npt.NDArray[Any]:
        return self.array[start:end]

    def close(self) -> None:
        pass


_Readable = StoredArray | _InMemoryArray


@dataclass
class Postings:
    """Where one term's postings lie. They are stored best field first, so the postings in a title,
    alias or tag (the head) can be read without the body postings behind them."""

    start: int
    end: int
    head: int  # how many postings are in a title, alias or tag
    _docs: _Readable
    _fields: _Readable

    def __len__(self) -> int:
        return self.end - self.start

    def read(self, head_only: bool = False) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.uint8]]:
        end = self.start + self.head if head_only else self.end
        return self._docs.slice(self.start, end), self._fields.slice(self.start, end)


class InvertedIndex:
    def __init__(
        self,
        keys: npt.NDArray[np.int64],
        offsets: npt.NDArray[np.int64],
        heads: npt.NDArray[np.int32],
        post_docs: npt.NDArray[np.int32] | StoredArray,
        post_fields: npt.NDArray[np.uint8] | StoredArray,
        record_blob: npt.NDArray[np.uint8] | StoredArray,
        record_offsets: npt.NDArray[np.int64],
        display_blob: npt.NDArray[np.uint8] | StoredArray,
        display_offsets: npt.NDArray[np.int64],
        doc_ids: list[str] | Path,
        words: list[str],
        word_df: npt.NDArray[np.int32],
        meta: dict[str, Any],
    ) -> None:
        self._keys = keys
        self._offsets = offsets
        self._heads = heads
        self._post_docs = _readable(post_docs)
        self._post_fields = _readable(post_fields)
        self._record_blob = _readable(record_blob)
        self._record_offsets = record_offsets
        self._display_blob = _readable(display_blob)
        self._display_offsets = display_offsets
        self.meta = meta
        # A saved index reads its id list only when an entry changes: searching never needs it,
        # and 100k small strings plus their lookup table are tens of MB.
        self._doc_ids_source = doc_ids
        self._number_of_table: dict[str, int] | None = None
        self._base_size = len(record_offsets) - 1
        # Every upsert takes a fresh number, so stale delta postings never point at a new document.
        self._next_number = self._base_size
        self.alive = np.ones(self._base_size, dtype=bool)
        self._words = words
        self._word_df = word_df
        # Delta: documents added after the base was built.
        self._delta_postings: dict[int, list[tuple[int, int]]] = defaultdict(list)
        self._delta_records: dict[int, tuple[dict[str, Any], dict[str, Any]]] = {}
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
        display_blob = bytearray()
        display_offsets = array("q", [0])
        doc_ids: list[str] = []
        seen: set[str] = set()
        for number, doc in enumerate(docs):
            if doc.doc_id in seen:
                raise ValueError(f"duplicate document id {doc.doc_id!r}")
            seen.add(doc.doc_id)
            record, display, fields = prepare(doc)
            doc_ids.append(doc.doc_id)
            blob += marshal.dumps(record)
            record_offsets.append(len(blob))
            display_blob += marshal.dumps(display)
            display_offsets.append(len(display_blob))
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
        fields_array = np.frombuffer(post_fields, dtype=np.uint8)
        # By term, then best field first (then document order): a term found everywhere can be
        # read for its title, alias and tag postings alone.
        order = np.lexsort((fields_array, posting_rank))
        counts = np.bincount(posting_rank, minlength=len(term_list))
        offsets = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
        heads = np.bincount(posting_rank[fields_array < Field.BODY],
                            minlength=len(term_list)).astype(np.int32)

        words = sorted(term[1:] for term in term_list if term[0] == "w")
        word_df = np.array([counts[rank_of_term[term_ids["w" + word]]] for word in words],
                           dtype=np.int32)
        return cls(
            keys=keys,
            offsets=offsets,
            heads=heads,
            post_docs=np.frombuffer(post_docs, dtype=np.int32)[order],
            post_fields=fields_array[order],
            record_blob=np.frombuffer(bytes(blob), dtype=np.uint8),
            record_offsets=np.frombuffer(record_offsets, dtype=np.int64).copy(),
            display_blob=np.frombuffer(bytes(display_blob), dtype=np.uint8),
            display_offsets=np.frombuffer(display_offsets, dtype=np.int64).copy(),
            doc_ids=doc_ids,
            words=words,
            word_df=word_df,
            meta=dict(meta or {}),
        )

    # -- persistence ------------------------------------------------------------------------------

    _ARRAYS = ("keys", "offsets", "heads", "post_docs", "post_fields", "record_blob", "record_offsets",
               "display_blob", "display_offsets", "word_df")
    # Read a slice at a time; the rest are small and read whole.
    _STORED = frozenset({"post_docs", "post_fields", "record_blob", "display_blob"})

    def save(self, directory: Path) -> None:
        """Write atomically: a new directory is filled, then swapped in, so a crash keeps the old one."""
        # A loaded index reads its big arrays from the files it would replace: only a build saves.
        if self._delta_records or not self.alive.all() or any(
                isinstance(getattr(self, "_" + name), StoredArray) for name in self._STORED):
            raise ValueError("save() needs a freshly built index; rebuild to fold in changes")
        directory = Path(directory)
        directory.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=directory.name + ".", dir=directory.parent))
        try:
            for name in self._ARRAYS:
                value = getattr(self, "_" + name)
                np.save(staging / f"{name}.npy", value.array if name in self._STORED else value)
            (staging / "doc_ids.json").write_text(json.dumps(self._doc_ids(), ensure_ascii=False),
                                                  encoding="utf-8")
            (staging / "words.json").write_text(json.dumps(self._words, ensure_ascii=False),
                                                encoding="utf-8")
            manifest = {"format": _FORMAT, "documents": self._base_size, **self.meta}
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

    def close(self) -> None:
        """Let go of the saved files (a rebuild replaces them; Windows will not while they are open).
        Searching a closed saved index fails, so close only an index nobody searches any more."""
        for name in self._STORED:
            getattr(self, "_" + name).close()

    @classmethod
    def load(cls, directory: Path) -> InvertedIndex:
        directory = Path(directory)
        arrays: dict[str, Any] = {}
        try:
            manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
            if manifest.get("format") != _FORMAT:
                raise IndexFormatError(f"{directory}: index format {manifest.get('format')}, "
                                       f"expected {_FORMAT}")
            for name in cls._ARRAYS:
                path = directory / f"{name}.npy"
                arrays[name] = (StoredArray(path) if name in cls._STORED
                                else np.load(path, allow_pickle=False))
            words = json.loads((directory / "words.json").read_text(encoding="utf-8"))
            if not (directory / "doc_ids.json").is_file():
                raise IndexFormatError(f"{directory}: doc_ids.json is missing")
            documents = manifest.get("documents")
            if (not isinstance(documents, int)
                    or len(arrays["record_offsets"]) != documents + 1
                    or len(arrays["display_offsets"]) != documents + 1
                    or len(arrays["offsets"]) != len(arrays["keys"]) + 1
                    or len(arrays["heads"]) != len(arrays["keys"])):
                raise IndexFormatError(f"{directory}: index files do not agree; rebuild it")
        except BaseException as error:
            for opened in arrays.values():
                if isinstance(opened, StoredArray):
                    opened.close()
            if isinstance(error, (OSError, ValueError)):
                raise IndexFormatError(f"{directory}: {error}") from error
            raise
        meta = {k: v for k, v in manifest.items() if k not in ("format", "documents")}
        return cls(doc_ids=directory / "doc_ids.json", words=words, meta=meta, **arrays)

    def _doc_ids(self) -> list[str]:
        if isinstance(self._doc_ids_source, Path):
            try:
                doc_ids = json.loads(self._doc_ids_source.read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:
                raise IndexFormatError(f"{self._doc_ids_source}: {error}") from error
            if not isinstance(doc_ids, list) or len(doc_ids) != self._base_size:
                raise IndexFormatError(f"{self._doc_ids_source}: does not match the index")
            self._doc_ids_source = doc_ids
        return self._doc_ids_source

    @property
    def _number_of(self) -> dict[str, int]:
        if self._number_of_table is None:
            # Built before the first change (every change goes through here), so the base ids are
            # the whole truth at this point.
            self._number_of_table = {doc_id: n for n, doc_id in enumerate(self._doc_ids())}
        return self._number_of_table

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
        record, display, fields = prepare(doc)
        self._delta_records[number] = (record, display)
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
                result.append(Postings(int(self._offsets[slot]), int(self._offsets[slot + 1]),
                                       int(self._heads[slot]), self._post_docs, self._post_fields))
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
        """What reranking reads: normalised fields and their pinyin."""
        cached = self._record_cache.pop(number, None)
        if cached is not None:
            # Back to the end: the cache evicts the least recently used record.
            self._record_cache[number] = cached
            return cached
        if number >= self._base_size:
            return self._delta_records[number][0]
        start, end = int(self._record_offsets[number]), int(self._record_offsets[number + 1])
        record: dict[str, Any] = marshal.loads(self._record_blob.read(start, end))
        if len(self._record_cache) >= _RECORD_CACHE_SIZE:
            # One at a time: clearing them all at once freed a thousand records inside one query.
            del self._record_cache[next(iter(self._record_cache))]
        self._record_cache[number] = record
        return record

    def display(self, number: int) -> dict[str, Any]:
        """What a hit shows: language and the original title and text."""
        if number >= self._base_size:
            return self._delta_records[number][1]
        start, end = int(self._display_offsets[number]), int(self._display_offsets[number + 1])
        display: dict[str, Any] = marshal.loads(self._display_blob.read(start, end))
        return display

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


def _readable(array: npt.NDArray[Any] | StoredArray) -> _Readable:
    return array if isinstance(array, StoredArray) else _InMemoryArray(np.asarray(array))
