"""Scripts as data: derived Traditional Chinese, a lossless JSON form, and what search indexes."""

from __future__ import annotations

import json

import pytest

from scripts_lib import Script, ScriptError, Text, builtin_scripts
from tests.scripts_lib.sample import parsed, sample


def test_traditional_chinese_is_derived_from_simplified() -> None:
    text = Text(zh_hans="请您稍等，我帮您查一下退款进度。", en="One moment, I'll check your refund.")
    assert text.get("zh-Hant") == "請您稍等，我幫您查一下退款進度。"
    assert text.get("zh-Hant") != text.get("zh-Hans")
    assert text.get("zh-Hans") == "请您稍等，我帮您查一下退款进度。"
    assert text.get("en") == "One moment, I'll check your refund."


def test_placeholders_survive_conversion() -> None:
    assert Text(zh_hans="{customer.name}，订单{order.id}已发货", en="x").get("zh-Hant") == (
        "{customer.name}，訂單{order.id}已發貨")


def test_a_missing_language_falls_back_to_the_other() -> None:
    assert Text(zh_hans="退款").get("en") == "退款"
    assert Text(en="Refund").get("zh-Hant") == "Refund"
    assert not Text(en="Refund").has("zh-Hans") and Text(en="Refund").has("en")
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        Text(zh_hans="退款").get("fr")


def test_text_from_a_mapping_and_equality_ignore_the_cache() -> None:
    first = Text.of({"zh-Hans": "退货", "en": "Return"})
    first.get("zh-Hant")
    assert first == Text(zh_hans="退货", en="Return")
    assert hash(first) == hash(Text(zh_hans="退货", en="Return"))


def test_step_lookup() -> None:
    script = parsed(sample())
    assert script.step("close").title.get("en") == "Close politely"
    assert script.has_step("greet") and not script.has_step("nope")
    with pytest.raises(KeyError, match="has no step 'nope'"):
        script.step("nope")


@pytest.mark.parametrize("script", [parsed(sample()), *builtin_scripts()], ids=lambda s: s.id)
def test_json_round_trip(script: Script) -> None:
    stored = json.loads(json.dumps(script.to_json(), ensure_ascii=False))
    again = Script.from_json(stored)
    assert again == script
    assert again.source == script.source and again.to_json() == stored
    assert len({script, again}) == 1


def test_from_json_checks_a_stored_record() -> None:
    record = parsed(sample()).to_json()
    record["steps"][0]["say"] = "oops"
    with pytest.raises(ScriptError, match=r"^demo\.yaml: step 'greet': say: expected a list"):
        Script.from_json(record)


def test_to_documents_one_per_language() -> None:
    zh, en = parsed(sample()).to_documents()
    assert (zh.doc_id, zh.kind, zh.lang, zh.title) == (
        "script:demo-refund", "script", "zh-Hans", "退款进度查询")
    assert (en.doc_id, en.kind, en.lang, en.title) == (
        "script:demo-refund.en", "script", "en", "Refund progress")
    assert zh.aliases == ("钱还没到", "退款呢") and en.aliases == ("where is my money",)
    assert zh.tags == ("退款", "进度") and en.tags == ("refund", "progress")
    assert zh.body.splitlines()[:3] == ["问候并确认身份", "您好，我是。", "请问您手机尾号是吗？"]
    assert "订单的退款预计到账，{以银行为准}。" in zh.body.splitlines()
    assert "The refund of  for order  lands by  {bank times}." in en.body.splitlines()
    assert zh.extra == "核对来电卡片\n在工单里记录"
    for document in (zh, en):
        assert "customer" not in document.body and "{customer" not in document.extra


def test_every_builtin_script_gives_two_documents() -> None:
    for script in builtin_scripts():
        documents = script.to_documents()
        assert [d.lang for d in documents] == ["zh-Hans", "en"]
        assert all(d.kind == "script" and d.title and d.body and d.aliases for d in documents)
        assert all("{" not in d.body for d in documents), script.id
