"""The languages content is written and shown in; one list for the store, scripts and the CLI."""

from __future__ import annotations

from functools import lru_cache

import opencc

LANGS = ("zh-Hans", "zh-Hant", "en")

# Taiwan standard forms: plain "s2t" writes OpenCC's historic forms (核对 becomes 覈對), which agents
# do not expect. Search folds every form back with t2s, so ranking is unaffected.
ZH_HANT_CONFIG = "s2tw"


@lru_cache(maxsize=1)
def _simplified_to_traditional() -> opencc.OpenCC:
    return opencc.OpenCC(ZH_HANT_CONFIG)


def to_traditional(text: str) -> str:
    """Simplified Chinese shown to a Traditional reader; content is written once, in Simplified."""
    return _simplified_to_traditional().convert(text) if text else ""
