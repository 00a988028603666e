"""What the cards speak: a text with the reading flashgen decided for it.

A vocabulary note speaks its headword and its example sentence, a cloze note
its full sentence. The reading is the numbered pinyin of the card
(``"yin2 hang2"``), so an engine that accepts pinyin says a polyphone as the
card reads it (银行 yínháng, not yínxíng).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Mapping, Optional, Union

from flashgen.models import ClozeItem, VocabItem


@dataclass(frozen=True)
class Speech:
    """One clip to synthesise: the characters and their numbered pinyin ("" when unknown)."""

    text: str
    reading: str = ""


def word_speech(item: VocabItem) -> Speech:
    return Speech(item.hanzi.strip(), item.pinyin_numbered.strip())


def example_speech(item: VocabItem) -> Optional[Speech]:
    """The first example sentence (the one the card shows), or None."""
    if not item.examples:
        return None
    example = item.examples[0]
    return Speech(example.text.strip(), example.pinyin_numbered.strip())


def cloze_speech(item: ClozeItem) -> Speech:
    return Speech(item.sentence.strip(), item.sentence_pinyin_numbered.strip())


def answer_speech(item: Union[VocabItem, ClozeItem], by_hanzi: Mapping[str, VocabItem]) -> Optional[Speech]:
    """The word a quiz answer is about: the item's headword, or a cloze item's first answer."""
    if isinstance(item, VocabItem):
        return word_speech(item)
    term = item.answers[0] if item.answers else ""
    if term in by_hanzi:
        return word_speech(by_hanzi[term])
    return Speech(term) if term else None


def speeches(vocab: Iterable[VocabItem], cloze: Iterable[ClozeItem]) -> list[Speech]:
    """Every clip the deck needs, each once, in the deck's order (words first)."""
    found: dict[Speech, None] = {}
    vocab = list(vocab)
    for item in vocab:
        found.setdefault(word_speech(item))
    for item in vocab:
        example = example_speech(item)
        if example is not None:
            found.setdefault(example)
    for citem in cloze:
        found.setdefault(cloze_speech(citem))
    return [s for s in found if s.text]


# ---------------------------------------------------------------------------
# Pinyin as espeak-ng's Mandarin voice reads it

_SYLLABLE = re.compile(r"^[a-zü:]+[1-5]$", re.IGNORECASE)
# Chinese punctuation → the ASCII mark espeak-ng pauses on; brackets and quotes are dropped.
_PAUSES = str.maketrans({
    "，": ",", "、": ",", "；": ";", "：": ":", "。": ".", "？": "?", "！": "!", "…": ".",
    "“": " ", "”": " ", "‘": " ", "’": " ", "《": " ", "》": " ", "（": " ", "）": " ",
    "「": " ", "」": " ", "—": ",", "·": " ",
})


def pinyin_for_espeak(speech: Speech) -> Optional[str]:
    """The reading as espeak-ng's ``cmn-latn-pinyin`` voice takes it, or None when the reading cannot be used.

    Syllables keep their tone numbers (``lüe4`` and ``lve4`` both work);
    numbers stay digits (the voice reads them in Chinese); Chinese punctuation
    becomes the ASCII mark the voice pauses on. A reading with any hanzi left
    in it, or without a single syllable, is not used: the characters are.
    """
    if not speech.reading:
        return None
    words = speech.reading.translate(_PAUSES).replace("u:", "ü").split()
    if not any(_SYLLABLE.match(w) for w in words):
        return None
    if any(re.search(r"[\u3400-\u9fff]", w) for w in words):
        return None
    text = " ".join(words)
    return re.sub(r"\s+([,.;:?!])", r"\1", text)
