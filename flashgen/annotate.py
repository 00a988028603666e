"""Annotate stage: segment sentences and give every token its reading in context."""

from __future__ import annotations

from dataclasses import replace
from typing import Mapping

from .glossary import Term, glossary
from .lexicon import lexicon
from .meaning import Override
from .models import Sentence, Token
from .reading import has_hanzi, numbered, syllables_to_marked
from .segment import cut


def token_reading(word: str, pos: str, overrides: Mapping[str, Override]) -> tuple[str, ...]:
    """Numbered syllables of a token: overrides, then glossary, then dictionary/pypinyin."""
    override = overrides.get(word)
    if override and override.numbered:
        return override.numbered
    term: Term | None = glossary().get(word)
    if term and term.pinyin_numbered:
        return tuple(term.pinyin_numbered.split())
    return numbered(word, pos)


def marked_reading(word: str, syllables: tuple[str, ...]) -> str:
    """Tone-marked reading as a dictionary writes it (the glossary's own spacing for terms)."""
    term = glossary().get(word)
    if term and term.pinyin and tuple(term.pinyin_numbered.split()) == syllables:
        return term.pinyin
    return syllables_to_marked(syllables)


def annotate(sentences: list[Sentence], overrides: Mapping[str, Override] | None = None) -> list[Sentence]:
    """Return the sentences with tokens (text, POS, pinyin); tokens join back into each text."""
    overrides = overrides or {}
    terms = glossary()
    lex = lexicon()

    def known(word: str) -> bool:
        return word in terms or word in overrides or word in lex

    out = []
    for sentence in sentences:
        tokens = []
        for word, pos in cut(sentence.text, known):
            if has_hanzi(word):
                syl = token_reading(word, pos, overrides)
                tokens.append(Token(word, pos, marked_reading(word, syl), " ".join(syl)))
            else:
                tokens.append(Token(word, pos))
        out.append(replace(sentence, tokens=tokens))
    return out
