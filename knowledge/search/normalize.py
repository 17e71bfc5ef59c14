"""One normalisation for every indexed text and every query, so both sides meet in the same form."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

# Han ideographs, including the extension blocks customers' input methods can produce.
HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_RE = re.compile(f"[{HAN_CLASS}]")
# After folding, a text is runs of Han characters and runs of other word characters.
_RUN_RE = re.compile(f"[{HAN_CLASS}]+|[^\\s{HAN_CLASS}]+")
# Punctuation, symbols, emoji, control characters and underscores all become one separator.
_SEPARATORS_RE = re.compile(r"[\W_]+")

_t2s = opencc.OpenCC("t2s")


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def to_simplified(text: str) -> str:
    """Traditional to Simplified Chinese, nothing else (OpenCC t2s)."""
    if not _HAN_RE.search(text):
        return text
    # OpenCC reads UTF-8, which a lone surrogate (pasted from a broken source) cannot be; it
    # becomes U+FFFD, one character for one, which every later step folds away as a symbol.
    simplified: str = _t2s.convert(_SURROGATE_RE.sub("\ufffd", text))
    return simplified


def normalize(text: str) -> str:
    """NFKC (full-width to half-width), case-fold, Traditional to Simplified, punctuation folded."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _SEPARATORS_RE.sub(" ", to_simplified(folded)).strip()



@lru_cache(maxsize=4096)
def normalize_cached(text: str) -> str:
    """Queries repeat while an agent types; caching keeps the OpenCC call off the hot path."""
    return normalize(text)


def runs(normalized: str) -> list[str]:
    """Split a normalised text into Han runs and word runs ("退款abc 12" -> 退款, abc, 12)."""
    return _RUN_RE.findall(normalized)


def is_han_run(run: str) -> bool:
    return bool(run) and _HAN_RE.match(run[0]) is not None


def contains_han(text: str) -> bool:
    return _HAN_RE.search(text) is not None
