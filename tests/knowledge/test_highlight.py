"""Typed pinyin marks the Chinese it spells in titles and snippets."""

from __future__ import annotations

import pytest

from knowledge.search.document import SearchDocument
from knowledge.search.engine import SearchEngine
from knowledge.search.highlight import pinyin_spans
from knowledge.search.index import InvertedIndex


@pytest.mark.parametrize(("text", "letters", "spans"), [
    ("没发货的订单取消后怎么退款", "tuikuan", ((11, 13),)),
    ("没发货的订单取消后怎么退款", "tk", ((11, 13),)),
    ("退款迟迟没到账", "tuik", ((0, 2),)),  # the last syllable half typed
    ("会员积分怎么用", "huiyuanjifen", ((0, 4),)),
    ("會員積分", "hyjf", ((0, 4),)),  # Traditional text, read through its Simplified form
    ("APP退款和退货", "tk", ((3, 5),)),
    ("退款", "t", ()),  # one letter marks nothing: it would light up half the text
    ("退款", "xyz", ()),
    ("refund", "tk", ()),
])
def test_pinyin_spans(text: str, letters: str, spans: tuple[tuple[int, int], ...]) -> None:
    assert pinyin_spans(text, letters) == spans


def test_a_pinyin_query_marks_the_title_it_matched() -> None:
    document = SearchDocument(doc_id="refund-eta", kind="faq", lang="zh-Hans", title="退款多久到账",
                              body="退款一般三天内到账。")
    engine = SearchEngine(InvertedIndex.build([document]))
    hit = engine.search("tuikuan")[0]
    assert hit.title_highlights == ((0, 2),)
    assert hit.snippet_highlights and hit.snippet[slice(*hit.snippet_highlights[0])] == "退款"
