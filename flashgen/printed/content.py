"""The template of the printed vocabulary list in HTML (page, stylesheet) and its example excerpts.

:mod:`flashgen.printed.vocab_html` groups and numbers the items and fills the slots;
the browser's print uses the ``@page`` rules. :func:`example_excerpt` cuts an
item's example around the word from the pipeline's tokens, never
re-segmenting text; the HTML list (:func:`example_html`, with ruby) and the
PDF list (:mod:`flashgen.printed.vocab_pdf`) both draw it. Every string from the
transcript is escaped.
"""

from __future__ import annotations

from html import escape
from dataclasses import dataclass
from string import Template
from typing import Optional

from flashgen.chinese.hanzi import has_hanzi
from flashgen.models import Example, Script, Token, Transcript, VocabItem
from flashgen.source.convert import in_script
from flashgen.chinese.tones import TONE_COLOURS
from flashgen.chinese.clauses import clause_window
from flashgen.chinese.punctuation import is_break, may_break_line

#: CSS ``size`` of each paper name accepted by ``render_html``.
PAPER_SIZES: dict[str, str] = {"a4": "A4", "letter": "letter"}

# Fonts for screen viewing; the PDF renderer replaces them with the one it embeds.
FONT_STACK = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", '
    '"Microsoft YaHei", "Hiragino Sans GB", sans-serif'
)
#: Traditional characters take the traditional faces first (their glyph shapes and centred punctuation).
TRADITIONAL_FONTS = (
    '"Noto Sans CJK TC", "Noto Sans TC", "Source Han Sans TC", "PingFang TC", "Microsoft JhengHei", '
    + FONT_STACK
)
#: CSS giving Chinese marked ``lang="zh-Hant"`` the traditional faces (the HTML list and the worksheet).
TRADITIONAL_CSS = f":lang(zh-Hant) {{ font-family: {TRADITIONAL_FONTS}; }}"

_TONE_CSS = "\n".join(f".t{tone} {{ color: {colour}; }}" for tone, colour in sorted(TONE_COLOURS.items()))

# $-placeholders: paper, fonts, tones. Literal dollar signs would need "$$".
_CSS = Template(
    """
@page {
  size: $paper;
  margin: 16mm 13mm 17mm 13mm;
  @top-left { content: string(doctitle); font-size: 7.5pt; color: #666; }
  @top-right { content: "Vocabulary $vocabulary"; font-size: 7.5pt; color: #666; }
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; color: #444; }
}
@page :first { @top-left { content: none; } @top-right { content: none; } }
* { box-sizing: border-box; }
html { font-family: $fonts; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-size: 9.5pt; line-height: 1.35; color: #111; margin: 0; }
body.screen { max-width: 62rem; margin: 1.5rem auto; padding: 0 1rem; font-size: 11pt; }
header { border-bottom: 1.5pt solid #111; margin-bottom: 3mm; padding-bottom: 2mm; }
header .kicker { margin: 0; font-size: 8pt; letter-spacing: .08em; text-transform: uppercase; color: #555; }
h1 { string-set: doctitle content(); font-size: 17pt; margin: 1mm 0 1.5mm; line-height: 1.25; }
header .meta { margin: 0; font-size: 8.5pt; color: #333; }
.legend { font-size: 8pt; color: #333; margin: 1.5mm 0 0; }
.legend span { margin-right: .8em; }
h2 { font-size: 11.5pt; margin: 5mm 0 1.5mm; padding: 1mm 2mm; background: #eee;
     border-left: 3pt solid #111; break-after: avoid; page-break-after: avoid; }
h2 .n { font-weight: normal; color: #555; font-size: 8.5pt; margin-left: .5em; }
table.vocab { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.vocab th { font-size: 7.5pt; text-align: left; color: #333; border-bottom: .8pt solid #111;
                 padding: .8mm 1.2mm; font-weight: bold; }
table.vocab td { vertical-align: top; border-bottom: .4pt solid #bbb; padding: 1.3mm 1.2mm; }
table.vocab tr { break-inside: avoid; page-break-inside: avoid; }
col.c-num { width: 5%; } col.c-hz { width: 17%; } col.c-py { width: 15%; }
col.c-mean { width: 29%; } col.c-hsk { width: 6%; } col.c-ex { width: 28%; }
td.num { color: #555; font-size: 8pt; text-align: right; padding-right: 2mm; }
td.hz { font-size: 14pt; line-height: 1.2; font-weight: bold; }
td.hz .trad { display: block; font-size: 8pt; font-weight: normal; color: #555; margin-top: .6mm; }
td.py { font-size: 10pt; }
td.hz.mid { font-size: 12pt; }
td.hz.long { font-size: 11pt; }
td.hz.xlong { font-size: 9.5pt; }
td.mean .first { font-weight: bold; }
td.mean .mw { display: block; font-size: 8pt; color: #333; margin-top: .4mm; }
td.mean .tag { display: inline-block; font-size: 7pt; border: .5pt solid #777; border-radius: 2pt;
               padding: 0 1mm; margin-right: 1mm; color: #333; text-transform: uppercase; letter-spacing: .04em; }
td.mean .approx { color: #555; }
td.hsk { text-align: center; font-size: 8.5pt; }
td.ex { font-size: 9.5pt; color: #222; }
td.ex mark { background: none; font-weight: bold; text-decoration: underline; text-decoration-thickness: .8pt;
             color: #000; }
td.ex .noex { color: #888; }
body.screen td.ex { font-size: 12pt; line-height: 2.2; }
body.screen col.c-hz { width: 15%; } body.screen col.c-py { width: 14%; }
body.screen col.c-mean { width: 25%; } body.screen col.c-hsk { width: 5%; } body.screen col.c-ex { width: 36%; }
rt { font-size: 55%; color: #555; letter-spacing: -.01em; }
ruby { margin: 0 .06em; ruby-align: center; white-space: nowrap; }
rt { ruby-align: center; }
td.ex mark rt { font-weight: normal; }
.blank { height: 6.5mm; border-bottom: .6pt solid #888; }
$tones
.study-toggle { font-size: 10pt; margin: 0 0 3mm; }
label.study-toggle { cursor: pointer; user-select: none; }
#cover:checked ~ main td.mean .m { visibility: hidden; }
#cover:checked ~ main td.mean { background: #f1f1f1; }
#cover:checked ~ main td.mean:hover .m { visibility: visible; }
section.key { break-before: page; page-break-before: always; }
section.key ol { columns: 2; column-gap: 8mm; font-size: 8.5pt; padding-left: 7mm; margin: 0; }
section.key li { break-inside: avoid; margin-bottom: .8mm; }
footer { margin-top: 6mm; padding-top: 2mm; border-top: .5pt solid #999; font-size: 7.5pt; color: #444; }
footer a { color: inherit; }
@media print {
  .study-toggle { display: none; }
  body.screen { max-width: none; margin: 0; padding: 0; font-size: 9.5pt; }
}
"""
)

#: The page body; every slot is filled with already-escaped HTML (the document
#: around it comes from ``html_page.document``).
BODY = Template(
    """<header>
<p class="kicker">Vocabulary list · $vocabulary</p>
<h1 lang="$lang">$title</h1>
<p class="meta">$meta</p>
<p class="legend">$legend</p>
</header>
$toggle
<main>
$groups
</main>
$key
<footer>
<p>$attribution</p>
</footer>"""
)

#: Screen-only switch that covers the meaning column for self-testing (CSS, no script).
TOGGLE = (
    '<input type="checkbox" id="cover" class="study-toggle"> '
    '<label for="cover" class="study-toggle">Cover the meanings to test yourself '
    "(point at a meaning to peek)</label>"
)


def zh_lang(script: Script) -> str:
    """The HTML ``lang`` of Chinese text shown in ``script`` (CJK fonts pick their glyphs by it)."""
    return "zh-Hant" if script == "traditional" else "zh-CN"


def stylesheet(paper: str, script: Script = "simplified") -> str:
    """The CSS of the document for ``paper`` (a key of :data:`PAPER_SIZES`), its labels in ``script``."""
    css = _CSS.substitute(paper=PAPER_SIZES[paper], fonts=FONT_STACK, tones=_TONE_CSS, vocabulary=vocabulary_label(script))
    return css + TRADITIONAL_CSS + "\n" if script == "traditional" else css


def vocabulary_label(script: Script) -> str:
    """词汇表 ("vocabulary list") in ``script``."""
    return in_script("词汇表", script)


# ---------------------------------------------------------------- cell fragments

#: Example length in characters, the word included, before trimming with "…".
EXAMPLE_CHARS = 26


def escape_html(text: object) -> str:
    """``text`` made safe inside HTML text and attribute values."""
    return escape(str(text), quote=True)


_e = escape_html


def _ruby(text: str, pinyin: str) -> str:
    """A word with its pinyin above it, one ``<ruby>`` per word.

    Per word rather than per character: the characters keep even spacing
    (a syllable is wider than its character) and the reader sees where the
    words split.
    """
    if not pinyin or not has_hanzi(text):
        return _e(text)
    return f"<ruby>{_e(text)}<rt>{_e(pinyin)}</rt></ruby>"


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


def example_html(item: VocabItem, transcript: Transcript, ruby: bool) -> str:
    """The excerpt of :func:`example_excerpt` as HTML, the word in ``<mark>``.

    When ``ruby`` and the tokens are known, each word carries its pinyin in
    ``<ruby>`` (unbreakable, CSS nowrap) and ``<wbr>`` lets lines break between words.
    """
    excerpt = example_excerpt(item, transcript, by_word=ruby)
    if excerpt is None:
        return '<span class="noex">—</span>'
    body = ""
    prev: tuple[str, str, bool] = ("", "", False)
    for i, (text, pinyin, marked) in enumerate(excerpt.pieces):
        following = excerpt.pieces[i + 1][2] if i + 1 < len(excerpt.pieces) else False
        if excerpt.by_word:
            html = _ruby(text, pinyin)
            if i and may_break_line(prev[0], text):
                body += "<wbr>"
        else:
            html = _e(text)
        body += ("<mark>" if marked and not prev[2] else "") + html + ("</mark>" if marked and not following else "")
        prev = (text, pinyin, marked)
    before = "…" if excerpt.cut_before else ""
    after = "…" if excerpt.cut_after else ""
    return f'<span lang="{zh_lang(transcript.script)}">{before}{body}{after}</span>'
