"""What the printed list and worksheet show, shared by their HTML and PDF renderers.

Neither renderer owns this: the grouping and numbering of the list
(:func:`group_items`), the size class of a headword, the tone legend, the
example excerpt cut around the word from the pipeline's tokens (never
re-segmenting text), and the worksheet's word bank, blank letters and answer
readings. The HTML renderers (:mod:`flashgen.printed.vocab_html`,
:mod:`flashgen.printed.worksheet`) and the Typst documents
(:mod:`flashgen.printed.pdf`) draw the same content from here.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from typing import Optional

from flashgen.chinese.clauses import clause_window
from flashgen.chinese.levels import hsk_label
from flashgen.chinese.punctuation import is_break
from flashgen.models import ClozeItem, Example, Script, Token, Transcript, VocabItem
from flashgen.source.convert import in_script

# ---------------------------------------------------------------- the vocabulary list

GROUP_BYS = ("section", "hsk")
TERMS_GROUP = "Diplomatic terms · 外交术语"
OPENING_GROUP = "Introduction"  # sentences before the transcript's first heading
NO_EXAMPLE_GROUP = "Other words"
NO_HSK_GROUP = "Not in HSK"
LIST_KICKER = "Vocabulary list · 词汇表"
RUNNING_LABEL = "Vocabulary 词汇表"
COLUMNS = ("#", "汉字", "Pinyin", "Meaning", "HSK", "Example 例句")

#: Meanings printed per item (CC-CEDICT lists many; the best come first).
MAX_MEANINGS = 3

#: The tone legend of both printed lists: (name, sample syllable, tone).
TONE_LEGEND = (("1st", "ā", 1), ("2nd", "á", 2), ("3rd", "ǎ", 3), ("4th", "à", 4), ("neutral", "a", 5))


def shown_label(label: str, transcript: Transcript) -> str:
    """One of flashgen's own labels (词汇表, 填空练习…) with its Chinese in the transcript's script."""
    return in_script(label, transcript.script, transcript.region)


def zh_lang(script: Script) -> str:
    """The HTML ``lang`` of Chinese text shown in ``script`` (CJK fonts pick their glyphs by it)."""
    return "zh-Hant" if script == "traditional" else "zh-CN"


def _section_order(transcript: Transcript) -> dict[Optional[str], int]:
    order: dict[Optional[str], int] = {}
    for sentence in transcript.sentences:
        order.setdefault(sentence.section, len(order))
    return order


def group_items(
    transcript: Transcript, vocab: list[VocabItem], group_by: str = "section"
) -> list[tuple[str, list[VocabItem]]]:
    """Items in printed order as (heading, items) groups; the ranked order is kept inside a group.

    Glossary terms (``term=True``) come first as one group. The rest is grouped
    by the section of each item's first example, in the order the sections
    appear in the transcript, or by HSK level (1 … 6, 7–9, then off-list).
    """
    if group_by not in GROUP_BYS:
        raise ValueError(f"group_by must be one of {', '.join(GROUP_BYS)}, not {group_by!r}")
    terms = [i for i in vocab if i.term]
    rest = [i for i in vocab if not i.term]
    named: list[tuple[str, list[VocabItem]]] = []
    if group_by == "hsk":
        by_level: dict[Optional[int], list[VocabItem]] = {}
        for item in rest:
            by_level.setdefault(min(item.hsk, 7) if item.hsk is not None else None, []).append(item)
        levels = sorted(by_level, key=lambda lv: (lv is None, lv or 0))
        named = [(f"HSK {hsk_label(lv)}" if lv is not None else NO_HSK_GROUP, by_level[lv]) for lv in levels]
    else:
        by_section: dict[Optional[str], list[VocabItem]] = {}
        no_example: list[VocabItem] = []
        for item in rest:
            if item.examples:
                by_section.setdefault(item.examples[0].section, []).append(item)
            else:
                no_example.append(item)
        order = _section_order(transcript)
        # sorted() is stable: sections the transcript does not list follow, in order of appearance.
        sections = sorted(by_section, key=lambda sec: order.get(sec, len(order)))
        named = [(sec if sec is not None else OPENING_GROUP, by_section[sec]) for sec in sections]
        if no_example:
            named.append((NO_EXAMPLE_GROUP, no_example))
    return ([(shown_label(TERMS_GROUP, transcript), terms)] if terms else []) + named


def headword_size(word: str) -> str:
    """The size class of a headword: "" (normal), "mid", "long" or "xlong".

    Long terms are set smaller, so that 人类命运共同体 stays on one or two even
    lines; the HTML and the PDF list share these steps.
    """
    n = len(word)
    return "xlong" if n >= 8 else "long" if n >= 6 else "mid" if n == 5 else ""


def list_meta(transcript: Transcript, count: int, day: str) -> str:
    """The line of facts under the list's title."""
    return f"{count} word{'s' if count != 1 else ''} · generated {day} · source: {transcript.source}"


# ---------------------------------------------------------------- the worksheet

KICKER = "Cloze worksheet · 填空练习"
INSTRUCTIONS = "Fill in each blank with a word from the word bank. Some words fill more than one blank."
WORD_BANK = "Word bank · 词库"
ANSWER_KEY = "Answer key · 答案"
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def blank_label(item: ClozeItem, n: int) -> str:
    """Blank label: "a", "b", … when the item has several deletions, else ""."""
    return LETTERS[(n - 1) % len(LETTERS)] if len(item.answers) > 1 else ""


def answer_pinyin(transcript: Transcript, item: ClozeItem, answer: str) -> str:
    """Tone-marked reading of ``answer`` as the tokens of its sentence read it ("" if not found)."""
    if 0 <= item.sentence_index < len(transcript.sentences):
        for token in transcript.sentences[item.sentence_index].tokens:
            if answer in (token.text, token.shown):  # the answer as analysed or as shown
                return token.pinyin
    return ""


def word_bank(items: list[ClozeItem]) -> list[tuple[str, int]]:
    """Distinct answers with the number of items asking them, in a shuffled order fixed by the items."""
    counts: dict[str, int] = {}
    for item in items:
        for answer in item.shown_answers:
            counts[answer] = counts.get(answer, 0) + 1
    words = sorted(counts)
    # Seeded from the items themselves: the same worksheet always prints the same bank.
    digest = hashlib.sha1("|".join(item.id for item in items).encode("utf-8")).hexdigest()
    random.Random(digest).shuffle(words)
    return [(w, counts[w]) for w in words]


def sentence_meta(count: int, transcript: Transcript) -> str:
    """The line of facts under the worksheet's title."""
    return f"{count} sentence{'s' if count != 1 else ''} · source: {transcript.source}"


# ---------------------------------------------------------------- example excerpts

#: Example length in characters, the word included, before trimming with "…".
EXAMPLE_CHARS = 26


def _find(pieces: list[str], word: str) -> Optional[tuple[int, int, int]]:
    """Where ``word`` occurs: (character offset, first piece, end piece) or None.

    An occurrence that is a whole run of pieces (the word as the segmenter cut
    it) wins over the first one found inside a longer word (香港 in 香港特区).
    """
    if not word:
        return None
    text = "".join(pieces)
    starts, offset = [], 0
    for piece in pieces:
        starts.append(offset)
        offset += len(piece)
    found = None
    pos = text.find(word)
    while pos >= 0:
        a = max(i for i, st in enumerate(starts) if st <= pos)
        b = max(i for i, st in enumerate(starts) if st < pos + len(word)) + 1
        if starts[a] == pos and starts[b - 1] + len(pieces[b - 1]) == pos + len(word):
            return pos, a, b
        found = found or (pos, a, b)
        pos = text.find(word, pos + 1)
    return found


def _has_more(pieces: list[str]) -> bool:
    return any(p.strip() and not is_break(p) for p in pieces)


@dataclass(frozen=True)
class Excerpt:
    """A trimmed example: its pieces as (text, pinyin, marked), and whether text was cut around it.

    ``by_word`` pieces are the sentence's words, each with its reading; otherwise
    the pieces are plain runs of characters (no pinyin) and the marked run is
    exactly the word's characters, even inside a longer word.
    """

    pieces: tuple[tuple[str, str, bool], ...]
    cut_before: bool
    cut_after: bool
    by_word: bool


def example_excerpt(item: VocabItem, transcript: Transcript, by_word: bool) -> Optional[Excerpt]:
    """A short excerpt of the item's first example around the word (None: no example).

    With the sentence's tokens (found through ``Example.sentence_index``) the
    excerpt is cut at word boundaries; without them it is cut at characters and
    is never ``by_word``.
    """
    if not item.examples:
        return None
    ex: Example = item.examples[0]
    tokens: list[Token] = []
    if 0 <= ex.sentence_index < len(transcript.sentences):
        tokens = transcript.sentences[ex.sentence_index].tokens
    if tokens and "".join(t.text for t in tokens) != ex.text:
        tokens = []  # the tokens belong to another text: do not trust them
    pieces = [t.text for t in tokens] if tokens else list(ex.text)
    found = _find(pieces, item.hanzi)
    pos, a, b = found if found else (-1, 0, 0)
    lo, hi = clause_window(pieces, a, b, EXAMPLE_CHARS)
    while lo < hi and not pieces[lo].strip():
        lo += 1  # no leading blanks after an ellipsis
    out: list[tuple[str, str, bool]]
    # Cut on the analysed text, shown as written (the two line up character for character).
    if tokens and by_word:
        # The mark covers the whole words holding the match.
        out = [(tokens[i].shown, tokens[i].pinyin, bool(found) and a <= i < b) for i in range(lo, hi)]
    else:
        first = sum(len(p) for p in pieces[:lo])
        shown = ex.shown if len(ex.shown) == len(ex.text) else ex.text
        text = shown[first : first + sum(len(p) for p in pieces[lo:hi])]
        at, end = (pos - first, pos - first + len(item.hanzi)) if found else (len(text), len(text))
        out = [(t, "", m) for t, m in ((text[:at], False), (text[at:end], True), (text[end:], False)) if t]
    return Excerpt(tuple(out), lo > 0, _has_more(pieces[hi:]), bool(tokens) and by_word)
