"""A synthetic knowledge base of any size, grown from the demo content, and queries to time on it.

Entries keep the demo's shape (Chinese and English, real lengths) but vary: a product line in the
title and tags, answer sentences mixed with a neighbour's from the same category, figures changed.
Queries are cut from the generated entries the way agents type: Chinese keywords, full pinyin,
initials, typos, English words, and whole customer sentences made from aliases.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from knowledge.entries import FaqEntryData
from knowledge.search.normalize import contains_han, is_han_run, normalize, runs
from knowledge.search.pinyin import readings

PRODUCTS_ZH = ("手机", "平板", "笔记本", "耳机", "手表", "电视", "冰箱", "洗衣机", "空调", "热水器",
               "净水器", "扫地机", "吸尘器", "电饭煲", "微波炉", "咖啡机", "跑步机", "自行车",
               "婴儿车", "床垫", "沙发", "衣柜", "运动鞋", "羽绒服", "连衣裙", "牛仔裤", "行李箱",
               "背包", "奶粉", "纸尿裤", "猫粮", "狗粮", "茶叶", "大米", "食用油", "护肤品",
               "口红", "洗发水", "牙膏", "剃须刀", "相机", "音箱", "路由器", "显示器", "键盘",
               "鼠标", "打印机", "投影仪", "台灯", "电动牙刷")
PRODUCTS_EN = ("phone", "tablet", "laptop", "headphones", "watch", "television", "fridge",
               "washing machine", "air conditioner", "water heater", "vacuum", "rice cooker",
               "microwave", "coffee machine", "treadmill", "bicycle", "stroller", "mattress",
               "sofa", "wardrobe", "sneakers", "down jacket", "dress", "jeans", "suitcase",
               "backpack", "baby formula", "diapers", "cat food", "dog food", "tea", "rice",
               "skincare", "lipstick", "shampoo", "toothpaste", "shaver", "camera", "speaker",
               "router", "monitor", "keyboard", "mouse", "printer", "projector", "desk lamp")
_ZH_FILLERS = ("你好，我想问一下，", "喂，你们这个", "我就想知道", "麻烦帮我看看，", "请问",
               "你们客服能不能说清楚", "我跟你说，")
_EN_FILLERS = ("hi, I want to know ", "hello, can you tell me ", "look, ", "so basically ",
               "I need help: ")
_SENTENCE_SPLIT = re.compile(r"(?<=[。！？；.!?;])\s*")


def synthetic_entries(base: Sequence[FaqEntryData], count: int, seed: int = 7
                      ) -> list[FaqEntryData]:
    rng = random.Random(seed)
    by_category: dict[tuple[str, str], list[FaqEntryData]] = {}
    for entry in base:
        by_category.setdefault((entry.category, entry.lang), []).append(entry)
    entries: list[FaqEntryData] = []
    for number in range(count):
        source = base[number % len(base)]
        neighbours = by_category[(source.category, source.lang)]
        neighbour = rng.choice(neighbours)
        chinese = source.lang != "en"
        product = rng.choice(PRODUCTS_ZH if chinese else PRODUCTS_EN)
        title = (f"{product}{source.title}" if chinese and rng.random() < 0.6 else
                 f"{source.title}（{product}）" if chinese else f"{source.title} ({product})")
        body = _mix(rng, source.body, neighbour.body)
        scenario = _mix(rng, source.scenario_answer, neighbour.scenario_answer)
        aliases = tuple(rng.sample(source.aliases, k=max(1, len(source.aliases) - 1))
                        ) if source.aliases else ()
        entries.append(FaqEntryData(
            id=f"syn-{number:06d}", title=title, body=body, scenario_answer=scenario,
            aliases=aliases, tags=(*source.tags[:3], product), category=source.category,
            lang=source.lang))
    return entries


def _mix(rng: random.Random, own: str, other: str) -> str:
    sentences = [s for s in _SENTENCE_SPLIT.split(own) if s]
    borrowed = [s for s in _SENTENCE_SPLIT.split(other) if s]
    if borrowed and rng.random() < 0.7:
        sentences.insert(rng.randrange(len(sentences) + 1), rng.choice(borrowed))
    text = "".join(sentences) if contains_han(own) else " ".join(sentences)
    return re.sub(r"\d+", lambda m: str(rng.randint(1, 30)), text)


@dataclass(frozen=True)
class BenchQuery:
    text: str
    kind: str  # keyword or sentence
    style: str  # chinese, pinyin, initials, typo, english, sentence
    source: str = ""  # id of the entry a sentence was made from


def _han_keyword(rng: random.Random, text: str) -> str | None:
    han_runs = [run for run in runs(normalize(text)) if is_han_run(run) and len(run) >= 2]
    if not han_runs:
        return None
    run = rng.choice(han_runs)
    length = rng.randint(2, min(6, len(run)))
    start = rng.randrange(len(run) - length + 1)
    return run[start: start + length]


def _homophone_typo(rng: random.Random, word: str, pool: dict[str, list[str]]) -> str:
    position = rng.randrange(len(word))
    char_readings = readings(word[position])
    options = [c for c in pool.get(char_readings[0], []) if c != word[position]
               ] if char_readings else []
    return word[:position] + rng.choice(options) + word[position + 1:] if options else word


def _letter_typo(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word
    position = rng.randrange(1, len(word) - 1)
    return word[:position] + word[position + 1] + word[position] + word[position + 2:]


def bench_queries(entries: Sequence[FaqEntryData], per_kind: int, seed: int = 11
                  ) -> list[BenchQuery]:
    rng = random.Random(seed)
    chinese = [e for e in entries if e.lang != "en"]
    english = [e for e in entries if e.lang == "en"]
    same_sound: dict[str, list[str]] = {}
    for entry in chinese[:2000]:
        for char in entry.title + entry.body:
            char_readings = readings(char)
            if char_readings and char not in same_sound.setdefault(char_readings[0], []):
                same_sound[char_readings[0]].append(char)
    keyword: list[BenchQuery] = []
    styles = ("chinese", "pinyin", "initials", "typo", "english")
    attempts = 0
    while len(keyword) < per_kind and attempts < per_kind * 50:
        attempts += 1
        style = styles[len(keyword) % len(styles)]
        if style == "english":
            words = [w for w in normalize(rng.choice(english).title).split() if len(w) > 2]
            if words:
                start = rng.randrange(len(words))
                keyword.append(BenchQuery(" ".join(words[start: start + rng.randint(1, 3)]),
                                          "keyword", style))
            continue
        source = rng.choice(chinese)
        word = _han_keyword(rng, source.title if rng.random() < 0.7 or not source.aliases
                            else rng.choice(source.aliases))
        if not word:
            continue
        if style == "chinese":
            keyword.append(BenchQuery(word, "keyword", style))
        elif style == "pinyin":
            spelled = "".join(readings(c)[0] for c in word[:4] if readings(c))
            keyword.append(BenchQuery(spelled, "keyword", style))
        elif style == "initials":
            keyword.append(BenchQuery("".join(readings(c)[0][0] for c in word[:4] if readings(c)),
                                      "keyword", style))
        elif rng.random() < 0.5:
            keyword.append(BenchQuery(_homophone_typo(rng, word, same_sound), "keyword", style))
        else:
            words = [w for w in normalize(rng.choice(english).title).split() if len(w) > 4]
            if words:
                keyword.append(BenchQuery(_letter_typo(rng, rng.choice(words)), "keyword", style))
    sentences: list[BenchQuery] = []
    while len(sentences) < per_kind:
        entry = rng.choice(entries)
        if not entry.aliases:
            continue
        alias = rng.choice(entry.aliases)
        if entry.lang == "en":
            text = rng.choice(_EN_FILLERS) + alias + " " + rng.choice(("please", "today?", ""))
        else:
            text = rng.choice(_ZH_FILLERS) + alias + rng.choice(("，怎么回事啊", "？", "，急用"))
        sentences.append(BenchQuery(text.strip(), "sentence", "sentence", entry.id))
    return keyword + sentences
