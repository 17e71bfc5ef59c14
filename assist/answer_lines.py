"""Cutting an answer into the lines an agent says one at a time, each copied on its own."""

from __future__ import annotations

import re

_OPENING_QUOTES = "“‘「『\""
_CLOSING_QUOTES = "”’」』\""
_SENTENCE_ENDS = "。！？!?；;"
# A full stop ends an English sentence only when a space or the end follows ("3.5 days" is one).
_LATIN_STOP = re.compile(r"\.(?=\s|$)")


# "可以这样说：“……”": the lead-in is advice to the agent, the quote is what gets said or pasted.
_LEAD_AND_QUOTE = re.compile(r"^(?P<lead>[^“”\"]*[：:])\s*[“\"](?P<quote>.+)[”\"]$", re.DOTALL)


def answer_lines(text: str) -> list[str]:
    """Sentences, with a quoted passage kept whole: it is what the agent reads out in one go."""
    lines: list[str] = []
    for paragraph in text.splitlines():
        for sentence in _sentences(paragraph):
            quoted = _LEAD_AND_QUOTE.match(sentence.strip())
            lines += [quoted["lead"], quoted["quote"]] if quoted else [sentence]
    return [line for line in (line.strip() for line in lines) if line]


def _sentences(paragraph: str) -> list[str]:
    sentences: list[str] = []
    start = 0
    depth = 0
    index = 0
    while index < len(paragraph):
        char = paragraph[index]
        if char in _OPENING_QUOTES and not (char == '"' and depth):
            depth += 1
        elif char in _CLOSING_QUOTES and depth:
            depth -= 1
            if depth == 0 and index > 0 and paragraph[index - 1] in _SENTENCE_ENDS + ".":
                sentences.append(paragraph[start:index + 1])
                start = index + 1
        elif depth == 0 and (char in _SENTENCE_ENDS or _LATIN_STOP.match(paragraph, index)):
            end = index + 1
            while end < len(paragraph) and paragraph[end] in _SENTENCE_ENDS + _CLOSING_QUOTES:
                end += 1
            sentences.append(paragraph[start:end])
            start = index = end
            continue
        index += 1
    sentences.append(paragraph[start:])
    return sentences
