"""``--readings tw``: the analysis read with Taiwan's standard where CC-CEDICT notes it.

The analysis (meanings, levels) is made with the mainland readings, which
CC-CEDICT's entries are keyed by; then every token, item and example is
re-read the Taiwan way. Your overrides still win.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Mapping, Sequence

from flashgen.chinese.overrides import Override
from flashgen.chinese.reading import sentence_numbered, sentence_pinyin, to_zhuyin
from flashgen.chinese.taiwan import taiwan_reading
from flashgen.models import Sentence, Token, VocabItem
from flashgen.study.annotate import marked_reading


def _token(token: Token, overrides: Mapping[str, Override]) -> Token:
    """``token`` with Taiwan's reading, when CC-CEDICT notes one and no override fixes it."""
    if not token.pinyin_numbered or token.text in overrides:
        return token
    found = taiwan_reading(token.text, tuple(token.pinyin_numbered.split()))
    if found is None:
        return token
    return replace(token, pinyin=marked_reading(token.text, found), pinyin_numbered=" ".join(found))


def taiwan_readings(sentences: Sequence[Sentence], items: Sequence[VocabItem],
                    overrides: Mapping[str, Override]) -> tuple[list[Sentence], list[VocabItem]]:
    """The sentences and items re-read with Taiwan's readings."""
    read = [replace(s, tokens=[_token(t, overrides) for t in s.tokens]) for s in sentences]
    by_index = {s.index: s for s in read}
    out = []
    for item in items:
        syllables = tuple(item.pinyin_numbered.split())
        found = None if item.hanzi in overrides else taiwan_reading(item.hanzi, syllables)
        if found is not None:
            item = replace(item, pinyin=marked_reading(item.hanzi, found), pinyin_numbered=" ".join(found),
                           zhuyin=to_zhuyin(found))
        examples = []
        for ex in item.examples:
            sentence = by_index.get(ex.sentence_index)
            if sentence is not None and sentence.text == ex.text:
                ex = replace(ex, pinyin=sentence_pinyin([(t.text, t.pinyin) for t in sentence.tokens]),
                             pinyin_numbered=sentence_numbered([(t.text, t.pinyin_numbered) for t in sentence.tokens]))
            examples.append(ex)
        out.append(replace(item, examples=examples))
    return read, out
