"""``flashgen lookup``: a word's reading, meaning and level outside any transcript."""

from __future__ import annotations

from typing import Optional

from .annotate import marked_reading, token_reading
from .errors import InputError
from .glossary import glossary
from .levels import DEFAULT_STANDARD, hsk_level
from .lexicon import lexicon
from .meaning import Override, dictionary_meaning, merge_meanings
from .models import VocabItem
from .reading import has_hanzi, to_zhuyin
from .script import to_simplified


def lookup(words: list[str], overrides: Optional[dict[str, Override]] = None, hsk_standard: str = DEFAULT_STANDARD) -> list[VocabItem]:
    """Annotate each word as the vocabulary stage would (no examples, count 0)."""
    overrides = overrides or {}
    items = []
    for word in words:
        word = to_simplified(word.strip())[0]  # 發展 is looked up as 发展
        if not has_hanzi(word):
            raise InputError(f"{word!r} has no Chinese characters; look up a word written in hanzi")
        syllables = token_reading(word, "", overrides)
        term = glossary().get(word)
        found = dictionary_meaning(word, syllables, proper=bool(syllables and syllables[0][:1].isupper()))
        meanings, source = merge_meanings(term.renderings if term else (), found, overrides.get(word))
        items.append(
            VocabItem(
                hanzi=word,
                traditional=found.traditional,
                pinyin=marked_reading(word, syllables),
                pinyin_numbered=" ".join(syllables),
                zhuyin=to_zhuyin(syllables),
                meanings=meanings,
                measure_words=list(found.measure_words),
                hsk=hsk_level(word, hsk_standard),
                zipf=lexicon().zipf(word),
                term=term is not None,
                category=term.category if term else None,
                composed=source == "composed",
                meaning_source=source,
            )
        )
    return items
