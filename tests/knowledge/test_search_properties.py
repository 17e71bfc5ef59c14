"""Whatever an agent (or a paste) puts in the box, search answers with a list and never raises."""

from hypothesis import example, given, settings
from hypothesis import strategies as st

from knowledge.search.document import SearchDocument
from knowledge.search.engine import SearchEngine
from knowledge.search.index import InvertedIndex

_engine = SearchEngine(InvertedIndex.build([
    SearchDocument("a", "faq", "zh-Hans", "退款多久到账", ("钱什么时候退回来",), ("退款",),
                   "审核通过后1到3个工作日到账。"),
    SearchDocument("b", "faq", "en", "Where is my parcel?", ("parcel late",), ("shipping",),
                   "Parcels usually arrive within 2-4 days."),
]))


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_unicode_query(query: str) -> None:
    hits = _engine.search(query)
    assert isinstance(hits, list)
    assert all(0 <= hit.score <= 200 for hit in hits)


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs", "So", "Cs", "Co"])))
# A radical that NFKC turns into a Han character, then a lone surrogate: OpenCC cannot encode it.
@example("⻳\ud800")
@example("退款\udc00怎么办")
def test_control_characters_emoji_and_spaces(query: str) -> None:
    assert isinstance(_engine.search(query), list)


def test_huge_and_blank_queries() -> None:
    assert _engine.search("") == []
    assert _engine.search("   \t\n ") == []
    assert isinstance(_engine.search("退" * 10_000), list)
    assert isinstance(_engine.search("refund " * 2_000), list)
    assert _engine.search("退款", limit=0) == []
