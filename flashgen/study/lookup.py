"""``flashgen lookup``: a word's reading, meaning and level outside any transcript."""

from __future__ import annotations

import os
from typing import Mapping, Union

from flashgen.study.annotate import marked_reading, token_reading
from flashgen.errors import InputError
from flashgen.chinese.levels import DEFAULT_STANDARD
from flashgen.chinese.overrides import Override, PathLike, load_overrides
from flashgen.models import HskStandard, VocabItem
from flashgen.chinese.hanzi import has_hanzi
from flashgen.source.convert import to_simplified
from flashgen.study.vocab import word_item


def lookup(words: list[str], overrides: Union[Mapping[str, Override], PathLike, None] = None,
           hsk_standard: HskStandard = DEFAULT_STANDARD) -> list[VocabItem]:
    """Annotate each word as the vocabulary stage would (no examples, count 0).

    ``overrides`` is the overrides file to use (None: the one every command
    uses, see :mod:`flashgen.chinese.overrides`) or the corrections themselves.
    """
    if overrides is None or isinstance(overrides, (str, os.PathLike)):
        overrides = load_overrides(overrides).entries
    items = []
    for word in words:
        word = to_simplified(word.strip())[0]  # 發展 is looked up as 发展
        if not has_hanzi(word):
            raise InputError(f"{word!r} has no Chinese characters; look up a word written in hanzi")
        syllables = token_reading(word, "", overrides)
        proper = bool(syllables and syllables[0][:1].isupper())
        items.append(word_item(word, syllables, marked_reading(word, syllables), proper, overrides, hsk_standard))
    return items
