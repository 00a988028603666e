"""Annotate stage: segment sentences and give every token its reading in context."""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterator, Mapping, Optional, Sequence

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


#: Sentences annotated together: the cuts and readings in the making live for one block at a time.
BLOCK_SENTENCES = 4000
#: A (word, tag, numbered syllables) triple: what segmenting and reading give one token.
Cut = tuple[str, str, tuple[str, ...]]
#: Reports progress: (sentences annotated, sentences in all).
Progress = Callable[[int, int], None]


def annotate_texts(texts: Sequence[str], overrides: Mapping[str, Override]) -> list[list[Cut]]:
    """Segment ``texts`` (one sentence each) and read every token in its sentence: (word, tag, syllables) rows."""

    def known(word: str) -> bool:
        return word in overrides or dictionary_word(word)

    cuts = [list(cut(text, known)) for text in texts]
    readings = in_context(texts, cuts, lambda word: given_reading(word, overrides))
    return [[(word, pos, tuple(syl or ())) for (word, pos), syl in zip(pairs, syllables)]
            for pairs, syllables in zip(cuts, readings)]


def annotate(sentences: list[Sentence], overrides: Mapping[str, Override] | None = None,
             progress: Optional[Progress] = None) -> list[Sentence]:
    """Return the sentences with tokens (text, POS, pinyin); tokens join back into each text.

    Every token is read in its sentence (:func:`flashgen.chinese.reading.in_context`):
    the user's overrides and the glossary first, then the dictionary, with the
    polyphone model deciding where the dictionary leaves a choice.
    """
    return [s for block in annotate_blocks(sentences, overrides, progress) for s in block]


def annotate_blocks(sentences: Sequence[Sentence], overrides: Mapping[str, Override] | None = None,
                    progress: Optional[Progress] = None) -> Iterator[list[Sentence]]:
    """:func:`annotate` block by block, in order: a caller can fold each block in before the next is done.

    The sentences are worked on in blocks of :data:`BLOCK_SENTENCES` (a long
    input by a pool of processes: :mod:`flashgen.study.workers`); ``progress``
    hears after each block.
    """
    from flashgen.study.workers import annotated_blocks

    overrides = overrides or {}
    # Tokens are frozen: every occurrence of the same word, tag, reading and shown form shares one Token. A year of
    # press conferences has millions of tokens but only tens of thousands of distinct ones, so this keeps
    # memory bounded.
    made: dict[tuple[str, str, tuple[str, ...], str], Token] = {}
    done = 0
    for rows in annotated_blocks([s.text for s in sentences], overrides, BLOCK_SENTENCES):
        block = [_with_tokens(sentences[done + k], row, made) for k, row in enumerate(rows)]
        done += len(block)
        yield block
        if progress is not None:
            progress(done, len(sentences))


def _with_tokens(sentence: Sentence, row: list[Cut], made: dict[tuple[str, str, tuple[str, ...], str], Token]) -> Sentence:
    tokens = []
    at = 0  # each token's offset: the shown sentence lines up with the analysed one
    shown = sentence.display if len(sentence.display) == len(sentence.text) else ""
    for word, pos, syl in row:
        display = shown[at : at + len(word)] if shown else ""
        display = display if display != word else ""
        at += len(word)
        key = (word, pos, syl, display)
        token = made.get(key)
        if token is None:
            if syl:
                token = Token(word, pos, marked_reading(word, syl), " ".join(syl), display)
            else:
                token = Token(word, pos, display=display)
            made[key] = token
        tokens.append(token)
    return replace(sentence, tokens=tokens)
