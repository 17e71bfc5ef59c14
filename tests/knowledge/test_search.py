from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.demo import demo_entries
from knowledge.resources import demo_dir
from knowledge.search.document import SearchDocument
from knowledge.search.engine import SearchEngine, _field_similarity, _Information
from knowledge.search.index import IndexFormatError, InvertedIndex
from knowledge.search.normalize import normalize_cached
from knowledge.search.synonyms import SynonymTable


@pytest.fixture(scope="module")
def engine() -> SearchEngine:
    index = InvertedIndex.build(entry.to_document() for entry in demo_entries())
    return SearchEngine(index, SynonymTable.load(demo_dir() / "synonyms.yaml"))


def top_ids(engine: SearchEngine, query: str, n: int = 3) -> list[str]:
    return [hit.doc_id for hit in engine.search(query, limit=n)]


@pytest.mark.parametrize("query", ["退款到账", "tuikuan", "tk", "tuikua", "退款到帳", "退宽"])
def test_every_way_of_typing_refund_finds_a_refund_entry(engine: SearchEngine, query: str) -> None:
    ids = top_ids(engine, query)
    assert ids and ids[0].startswith("refund-"), ids


def test_english_and_typos_find_english_entries(engine: SearchEngine) -> None:
    assert top_ids(engine, "refund")[0].endswith(".en")
    assert "refund" in top_ids(engine, "refnud")[0]


def test_synonym_finds_entry_that_uses_the_other_word(engine: SearchEngine) -> None:
    hits = engine.search("退钱", limit=5)
    assert any("退款" in hit.title for hit in hits)


def test_results_are_deterministic_and_best_first(engine: SearchEngine) -> None:
    first = engine.search("会员", limit=10)
    second = engine.search("会员", limit=10)
    assert [h.doc_id for h in first] == [h.doc_id for h in second]
    assert [h.score for h in first] == sorted((h.score for h in first), reverse=True)


def test_snippet_highlights_the_matched_part(engine: SearchEngine) -> None:
    hit = engine.search("退款", limit=1)[0]
    assert hit.snippet
    for start, end in hit.snippet_highlights:
        assert hit.snippet[start:end] == "退款"


def test_kinds_filter(engine: SearchEngine) -> None:
    assert engine.search("退款", kinds=["script"]) == []


def test_cancelled_query_returns_nothing(engine: SearchEngine) -> None:
    assert engine.search("退款", cancelled=lambda: True) == []


def _doc(doc_id: str, title: str, body: str = "正文") -> SearchDocument:
    return SearchDocument(doc_id=doc_id, kind="faq", lang="zh-Hans", title=title, body=body)


def test_incremental_upsert_and_remove() -> None:
    index = InvertedIndex.build([_doc("a", "发票怎么开"), _doc("b", "会员积分")])
    engine = SearchEngine(index)
    assert top_ids(engine, "fapiao") == ["a"]
    index.upsert(_doc("a", "退换货流程"))
    assert top_ids(engine, "fapiao") == []
    assert top_ids(engine, "退换货") == ["a"]
    index.upsert(_doc("c", "电子发票重开"))
    assert top_ids(engine, "fapiao") == ["c"]
    assert index.remove("c") and not index.remove("c")
    assert top_ids(engine, "fapiao") == []
    assert len(index) == 2


def test_saved_index_answers_like_the_built_one(tmp_path: Path) -> None:
    docs = [entry.to_document() for entry in demo_entries()]
    built = SearchEngine(InvertedIndex.build(docs, meta={"generation": 3}))
    built.index.save(tmp_path / "index")
    loaded = SearchEngine(InvertedIndex.load(tmp_path / "index"))
    assert loaded.index.meta["generation"] == 3
    for query in ("退款", "hy", "shipping delay", "我的快递一直没到怎么办"):
        assert top_ids(built, query, 10) == top_ids(loaded, query, 10)
    # A loaded index reads from its files: saving it over them is refused, never half done.
    with pytest.raises(ValueError, match="freshly built"):
        loaded.index.save(tmp_path / "index")


def test_damaged_index_is_reported_not_loaded(tmp_path: Path) -> None:
    InvertedIndex.build([_doc("a", "发票")]).save(tmp_path / "index")
    (tmp_path / "index" / "keys.npy").write_bytes(b"garbage")
    with pytest.raises(IndexFormatError):
        InvertedIndex.load(tmp_path / "index")
    with pytest.raises(IndexFormatError):
        InvertedIndex.load(tmp_path / "missing")


def test_truncated_stored_arrays_are_reported(tmp_path: Path) -> None:
    InvertedIndex.build([_doc("a", "发票"), _doc("b", "退款")]).save(tmp_path / "index")
    blob = tmp_path / "index" / "record_blob.npy"
    blob.write_bytes(blob.read_bytes()[:-20])
    with pytest.raises(IndexFormatError):
        InvertedIndex.load(tmp_path / "index")


def test_loaded_index_changes_and_rebuild_releases_files(tmp_path: Path) -> None:
    InvertedIndex.build([_doc("a", "发票怎么开"), _doc("b", "退款多久到账")]).save(tmp_path / "index")
    engine = SearchEngine(InvertedIndex.load(tmp_path / "index"))
    engine.index.upsert(_doc("a", "电子发票下载"))
    engine.index.remove("b")
    assert top_ids(engine, "发票", 5) == ["a"]
    assert top_ids(engine, "退款", 5) == []
    engine.index.close()
    InvertedIndex.build([_doc("c", "发票抬头")]).save(tmp_path / "index")
    assert top_ids(SearchEngine(InvertedIndex.load(tmp_path / "index")), "发票", 5) == ["c"]


def test_common_terms_are_read_for_titles_only_at_scale() -> None:
    # 1,500 answers mention 退款 in their body; three name it in the title. A sentence query
    # reads only the title postings of such a common term, and the titled entries still lead.
    docs = [SearchDocument(doc_id=f"body-{n}", kind="faq", lang="zh-Hans", title=f"订单问题{n}",
                           body="如需退款请联系客服") for n in range(1500)]
    docs += [_doc(f"title-{n}", "退款多久到账") for n in range(3)]
    engine = SearchEngine(InvertedIndex.build(docs))
    hits = engine.search("你好我想问一下退款多久到账呀", limit=3)
    assert {hit.doc_id for hit in hits} == {"title-0", "title-1", "title-2"}


def test_duplicate_ids_are_refused() -> None:
    with pytest.raises(ValueError, match="duplicate"):
        InvertedIndex.build([_doc("a", "一"), _doc("a", "二")])


def test_broken_synonym_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "synonyms.yaml"
    path.write_text("groups: [[退款, 退钱]\n", encoding="utf-8")
    from knowledge.search.synonyms import SynonymFileError

    with pytest.raises(SynonymFileError, match=r"synonyms\.yaml"):
        SynonymTable.load(path)


def test_polyphone_initials_and_skipped_words(engine: SearchEngine) -> None:
    # 重复 is chongfu though 重's first reading is zhong; kdsj skips the words between.
    titles = [hit.title for hit in engine.search("cfkk", limit=3)]
    assert any("重复" in title or "扣" in title for title in titles), titles


def test_junk_letters_find_nothing(engine: SearchEngine) -> None:
    assert engine.search("zzqqxx") == []
    assert engine.search("kkkkkk") == []


def _coverage(engine: SearchEngine, query: str) -> dict[str, float]:
    plan = engine._plan(normalize_cached(query).strip())
    numbers, coverage = engine._candidates(plan, 80)
    return {engine.index.record(number)["id"]: share
            for number, share in zip(numbers, coverage, strict=True)}


def test_a_sentence_counts_its_words_wherever_the_entry_has_them() -> None:
    # The answer and the scenario text both describe situations, as a customer's sentence does; a
    # keyword names the entry, so there the fields keep their order (the answer before the scenario).
    index = InvertedIndex.build([
        _doc("answer", "其他问题", body="路由器重启了怎么办"),
        SearchDocument(doc_id="scenario", kind="faq", lang="zh-Hans", title="别的问题",
                       body="正文", extra="路由器重启了怎么办"),
    ])
    engine = SearchEngine(index)
    sentence = _coverage(engine, "我家路由器一到晚上就自己重启")
    assert sentence["scenario"] > 0.0
    assert sentence["answer"] == pytest.approx(sentence["scenario"])
    keyword = _coverage(engine, "路由器重启")
    assert keyword["answer"] > keyword["scenario"] > 0.0


def test_a_sentence_with_synonym_readings_does_not_saturate_coverage(
        engine: SearchEngine) -> None:
    # Every reading of the sentence is scored, so the share is of what all readings could score:
    # candidates that only have the words the readings share must not all tie at full coverage.
    plan = engine._plan(normalize_cached("旧手机在外面修过，还能参加以旧换新吗").strip())
    assert len(plan.readings) > 2
    shares = sorted(_coverage(engine, "旧手机在外面修过，还能参加以旧换新吗").values(),
                    reverse=True)
    assert shares[0] <= 1.0 and shares[1] < 1.0


def test_a_phrase_a_sentence_shares_counts_each_character_once() -> None:
    # A four-character phrase is three overlapping pairs but four characters, as two separate
    # two-character words are: it must not outweigh them (every term here is as rare).
    index = InvertedIndex.build([
        SearchDocument(doc_id="phrase", kind="faq", lang="zh-Hans", title="其他",
                       aliases=("可以帮我",), body="正文"),
        _doc("words", "发票报销"),
    ])
    shares = _coverage(SearchEngine(index), "可以帮我开发票去报销")
    assert shares["phrase"] == pytest.approx(shares["words"])


def test_a_field_inside_a_sentence_counts_for_the_information_it_explains() -> None:
    # Two fields as long as each other, each found whole in the sentence: the one on the words that
    # tell which entry explains more than the one on the filler.
    query = "下周出差去香港手机怎么才能上网"
    weights = [1.0] * len(query)
    filler = query.index("怎么才能")
    weights[filler: filler + 4] = [0.1] * 4
    information = _Information(weights)
    assert (_field_similarity(query, False, "去香港", -1.0, information)
            > _field_similarity(query, False, "怎么才", -1.0, information))
    # Where every character tells as much, the share is the field's length, as without.
    even = _Information([1.0] * len(query))
    assert _field_similarity(query, False, "怎么才", -1.0, even) == pytest.approx(
        _field_similarity(query, False, "怎么才", -1.0))


def test_a_short_field_inside_a_long_english_sentence_counts_for_the_part_it_explains() -> None:
    # As for Chinese: one word of a long sentence is not scored as if it named the whole question.
    short = _field_similarity("returned it", True, "return", -1.0)
    long = _field_similarity("i returned the parcel last week and the money is still not back",
                             True, "return", -1.0)
    assert long < 0.6 * short
