"""Annotate stage: segment sentences and give every token its reading in context."""

from __future__ import annotations

from dataclasses import replace
from typing import Mapping

from flashgen.chinese.glossary import Term, glossary
from flashgen.chinese.lexicon import lexicon
from flashgen.chinese.overrides import Override
from flashgen.models import Sentence, Token
from flashgen.chinese.reading import in_context, numbered, syllables_to_marked
from flashgen.chinese.segment import cut, dictionary_word


def given_reading(word: str, overrides: Mapping[str, Override]) -> tuple[str, ...] | None:
    """The reading the user's overrides or the glossary give ``word``, else None."""
    override = overrides.get(word)
    if override and override.numbered:
        return override.numbered
    term: Term | None = glossary().get(word)
    if term and term.pinyin_numbered:
        return tuple(term.pinyin_numbered.split())
    return None


def token_reading(word: str, pos: str, overrides: Mapping[str, Override]) -> tuple[str, ...]:
    """Numbered syllables of a word out of context: overrides, then glossary, then dictionary/pypinyin."""
    given = given_reading(word, overrides)
    return given if given is not None else numbered(word, pos)


def marked_reading(word: str, syllables: tuple[str, ...]) -> str:
    """Tone-marked reading as a dictionary writes it.

    Glossary terms keep the glossary's own word spacing. Other long words that
    are made of two-character-or-longer dictionary words are spaced between
    them, as pinyin orthography asks (两国关系 liǎngguó guānxì, not liǎngguóguānxì).
    """
    term = glossary().get(word)
    if term and term.pinyin and tuple(term.pinyin_numbered.split()) == syllables:
        return term.pinyin
    if len(word) >= 4 and len(syllables) == len(word):
        parts = _parts(word)
        if len(parts) > 1:
            out, i = [], 0
            for part in parts:
                out.append(syllables_to_marked(syllables[i : i + len(part)]))
                i += len(part)
            return " ".join(out)
    return syllables_to_marked(syllables)


def _parts(word: str) -> list[str]:
    """Longest dictionary words of ``word`` left to right, or [word] if any part is a single character."""
    lex = lexicon()
    parts, i = [], 0
    while i < len(word):
        for j in range(len(word) if i else len(word) - 1, i + 1, -1):
            if word[i:j] in lex:
                parts.append(word[i:j])
                i = j
                break
        else:
            return [word]
    return parts


def annotate(sentences: list[Sentence], overrides: Mapping[str, Override] | None = None) -> list[Sentence]:
    """Return the sentences with tokens (text, POS, pinyin); tokens join back into each text.

    Every token is read in its sentence (:func:`flashgen.chinese.reading.in_context`):
    the user's overrides and the glossary first, then the dictionary, with the
    polyphone model deciding where the dictionary leaves a choice.
    """
    overrides = overrides or {}

    def known(word: str) -> bool:
        return word in overrides or dictionary_word(word)

    cuts = [list(cut(sentence.text, known)) for sentence in sentences]
    readings = in_context([s.text for s in sentences], cuts, lambda word: given_reading(word, overrides))
    # Tokens are frozen: every occurrence of the same word, tag, reading and shown form shares one Token. A year of
    # press conferences has millions of tokens but only tens of thousands of distinct ones, so this keeps
    # memory bounded.
    made: dict[tuple[str, str, tuple[str, ...], str], Token] = {}
    out = []
    for sentence, pairs, syllables in zip(sentences, cuts, readings):
        tokens = []
        at = 0  # each token's offset: the shown sentence lines up with the analysed one
        shown = sentence.display if len(sentence.display) == len(sentence.text) else ""
        for (word, pos), syl in zip(pairs, syllables):
            display = shown[at : at + len(word)] if shown else ""
            display = display if display != word else ""
            at += len(word)
            key = (word, pos, tuple(syl or ()), display)
            token = made.get(key)
            if token is None:
                if syl:
                    token = Token(word, pos, marked_reading(word, syl), " ".join(syl), display)
                else:
                    token = Token(word, pos, display=display)
                made[key] = token
            tokens.append(token)
        out.append(replace(sentence, tokens=tokens))
    return out
