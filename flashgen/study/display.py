"""The vocabulary and cloze items as shown: headwords, examples and sentences in the output script, the other script small.

The analysis keys every item by its simplified form (``VocabItem.hanzi``: Anki
GUIDs and quiz progress hang on it, so a word is the same note whichever script
it is shown in). When the outputs show traditional characters, each item's
headword is the form the text itself wrote (the commonest, should it write
the word two ways), its secondary form the simplified one, and its examples
the sentences as written.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from typing import TYPE_CHECKING, Sequence

from flashgen.chinese.hanzi import has_hanzi
from flashgen.models import DEFAULT_REGION, ClozeItem, Region, Script, Sentence, Token, VocabItem
from flashgen.study.cloze_syntax import cloze_segments, deletion

if TYPE_CHECKING:
    from flashgen.models import Analysis


def written_forms(sentences: Sequence[Sentence]) -> dict[str, str]:
    """Each word's commonest shown form in ``sentences`` (simplified form → as written)."""
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for sentence in sentences:
        for token in sentence.tokens:
            if token.display:
                forms[token.text][token.display] += 1
            else:
                forms[token.text][token.text] += 1
    # Most frequent form; ties go to the first seen (Counter keeps insertion order).
    return {word: counts.most_common(1)[0][0] for word, counts in forms.items()}


def show_vocab(items: Sequence[VocabItem], sentences: Sequence[Sentence], script: Script,
               region: Region = DEFAULT_REGION) -> list[VocabItem]:
    """``items`` with headwords and examples shown in ``script`` (the sentences' ``display``).

    A simplified display is the analysis itself: items come back unchanged,
    the traditional form (CC-CEDICT's) as their secondary form. In traditional
    characters, the Chinese inside meanings and measure words (CC-CEDICT's
    cross-references: "abbr. for 香港", "个 (gè)") is converted too.
    """
    if script == "simplified":
        return list(items)
    from flashgen.source.convert import in_script

    forms = written_forms(sentences)
    by_index = {s.index: s for s in sentences}
    out = []
    for item in items:
        examples = []
        for ex in item.examples:
            sentence = by_index.get(ex.sentence_index)
            display = sentence.display if sentence is not None and sentence.text == ex.text else ""
            examples.append(replace(ex, display=display, word=_word_in(ex.text, display, item.hanzi)))
        # A word the segmenter kept whole, as the text writes it; a sub-term (会晤 inside
        # 视频会晤) as its first example writes it; else converted.
        shown = forms.get(item.hanzi) or next((ex.word for ex in examples if ex.word), "")
        if not shown:
            shown = item.hanzi if any(ex.display for ex in examples) else show_word(item.hanzi, script, forms, region)
        out.append(replace(
            item, display=shown if shown != item.hanzi else "", secondary=item.hanzi, examples=examples,
            meanings=[in_script(m, script, region) if has_hanzi(m) else m for m in item.meanings],
            measure_words=[in_script(m, script, region) for m in item.measure_words],
            related=[show_word(w, script, forms, region) for w in item.related],
        ))
    return out


def _word_in(text: str, display: str, word: str) -> str:
    """``word`` as written in the shown sentence (``display`` lines up with ``text``), "" when the same."""
    at = text.find(word)
    if not display or at < 0:
        return ""
    written = display[at : at + len(word)]
    return written if written != word else ""


def show_word(word: str, script: Script, known: dict[str, str], region: Region = DEFAULT_REGION) -> str:
    """A simplified ``word`` shown in ``script``: as the text wrote it (``known``), else converted by OpenCC."""
    if script == "simplified":
        return word
    if word in known:
        return known[word]
    from flashgen.source.convert import convert

    return convert(word, "traditional", region)


class ClozeDisplay:
    """Cloze items in the output script: the sentence's own characters, token by token."""

    def __init__(self, analysis: Analysis) -> None:
        """The forms the text writes its words in, and the script to show."""
        self.script = analysis.transcript.script
        self.region = analysis.transcript.region
        self.forms = {item.hanzi: item.headword for item in analysis.vocab}
        if self.script != "simplified":
            self.forms = {**written_forms(analysis.transcript.sentences), **self.forms}

    def word(self, word: str) -> str:
        """A word as shown: as the text writes it, else converted (a glossary term the text lacks)."""
        return show_word(word, self.script, self.forms, self.region)

    def item(self, item: ClozeItem, sentence: Sentence, a: int, b: int) -> ClozeItem:
        """``item`` (tokens [a, b) of ``sentence``) with its display fields; unchanged when shown in simplified."""
        if self.script == "simplified":
            return item
        cloze, written = shown_cloze(item.cloze, sentence.tokens[a:b])
        answers = {w: written.get(n + 1) or self.word(w) for n, w in enumerate(item.answers)}
        return replace(
            item,
            sentence_display=sentence.shown,
            cloze_display=cloze,
            answers_display=[answers[w] for w in item.answers],
            choices_display=[answers.get(w) or self.word(w) for w in item.choices],
            glosses=[replace(g, display=self.word(g.hanzi)) for g in item.glosses],
        )


def shown_cloze(cloze: str, tokens: list[Token]) -> tuple[str, dict[int, str]]:
    """``cloze`` (made of ``tokens``) with each token's shown form in place; and each deletion as written."""
    shown = "".join(t.shown for t in tokens)
    out: list[str] = []
    written: dict[int, str] = {}
    pos = 0
    for text, n, hint in cloze_segments(cloze):
        piece = shown[pos : pos + len(text)]
        pos += len(text)
        if n:
            written.setdefault(n, piece)
            piece = deletion(n, piece, hint)
        out.append(piece)
    return "".join(out), written
