"""The printable vocabulary list as one standalone HTML document (for the screen and the browser's print).

The document has no external resources (inline CSS, no script, no images).
Every string that comes from the transcript is HTML-escaped. Examples are
trimmed around the word using the tokens of the pipeline; nothing here
re-segments text.
"""

from __future__ import annotations

import datetime as _dt
import unicodedata
from typing import Iterator, Optional

from flashgen.chinese.hanzi import has_hanzi
from flashgen.chinese.tones import segments, syllables
from flashgen.chinese.levels import hsk_label
from flashgen.chinese.lexicon import CEDICT_ATTRIBUTION, CEDICT_LICENCE_URL
from flashgen.chinese.punctuation import may_break_line
from flashgen.models import Script, Transcript, VocabItem
from flashgen.printed.content import (
    LIST_KICKER,
    MAX_MEANINGS,
    RUNNING_LABEL,
    NO_EXAMPLE_GROUP,
    NO_HSK_GROUP,
    OPENING_GROUP,
    TERMS_GROUP,
    TONE_LEGEND,
    example_excerpt,
    group_items,
    headword_size,
    list_meta,
    shown_label,
    zh_lang,
)
from flashgen.printed.html_page import document
from flashgen.printed.html_style import BODY, PAPER_SIZES, TOGGLE, escape_html as _e, stylesheet

__all__ = ["group_items", "render_html", "example_html", "pinyin_html", "TERMS_GROUP", "OPENING_GROUP",
           "NO_EXAMPLE_GROUP", "NO_HSK_GROUP", "MAX_MEANINGS"]


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def pinyin_html(pinyin: str, pinyin_numbered: str) -> str:
    """Tone-marked pinyin with one ``<span class="tN">`` per syllable (colour by tone).

    The text shown is ``pinyin`` (its spacing and capitals kept); the tones come
    from ``pinyin_numbered``. The marks stay, so the reading survives black and
    white printing. When the two disagree (e.g. tone sandhi written into
    ``pinyin``) the syllables of ``pinyin_numbered`` are shown instead.
    """
    sylls = [(_nfc(s), t) for s, t in syllables(pinyin_numbered)]
    if not sylls:
        return _e(pinyin)
    pieces = segments(pinyin, pinyin_numbered) or sylls
    out: list[str] = []
    for text, tone in pieces:
        if tone == 0:
            out.append(_e(text))
            continue
        # <wbr> between run-together syllables lets "rénmíndàhuìtáng" wrap inside a narrow column.
        if out and out[-1].endswith("</span>"):
            out.append("<wbr>")
        out.append(f'<span class="t{tone}">{_e(text)}</span>')
    return "".join(out)


def _ruby(text: str, pinyin: str) -> str:
    """A word with its pinyin above it, one ``<ruby>`` per word.

    Per word rather than per character: the characters keep even spacing
    (a syllable is wider than its character) and the reader sees where the
    words split.
    """
    if not pinyin or not has_hanzi(text):
        return _e(text)
    return f"<ruby>{_e(text)}<rt>{_e(pinyin)}</rt></ruby>"


def example_html(item: VocabItem, transcript: Transcript, ruby: bool) -> str:
    """The excerpt of :func:`~flashgen.printed.content.example_excerpt` as HTML, the word in ``<mark>``.

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


def _meaning_html(item: VocabItem, study: bool) -> str:
    if study:
        return '<div class="blank"></div><div class="blank"></div>'
    parts = []
    if item.term and item.category:
        parts.append(f'<span class="tag">{_e(item.category)}</span>')
    meanings = item.meanings[:MAX_MEANINGS]
    if meanings:
        approx = '<span class="approx" title="composed from its parts">≈ </span>' if item.composed else ""
        rest = "".join(f"; {_e(m)}" for m in meanings[1:])
        parts.append(f'{approx}<span class="first">{_e(meanings[0])}</span>{rest}')
    if item.measure_words:
        parts.append(f'<span class="mw">MW: {_e(", ".join(item.measure_words))}</span>')
    # One wrapper, so the screen's "cover the meanings" switch hides it all at once.
    return f'<div class="m">{"".join(parts)}</div>'


def _other_form(item: VocabItem, script: Script) -> str:
    """The headword in the other script, small under the headword: 繁 traditional, or 简 simplified."""
    other = item.other_form
    if not other:
        return ""
    if script == "traditional":
        return f'<span class="trad" lang="zh-CN">简 {_e(other)}</span>'
    return f'<span class="trad">繁 {_e(other)}</span>'


def _row_html(number: int, item: VocabItem, transcript: Transcript, study: bool, ruby: bool) -> str:
    trad = _other_form(item, transcript.script)
    size_class = headword_size(item.headword)
    size = f" {size_class}" if size_class else ""
    return (
        f'<tr><td class="num">{number}</td>'
        f'<td class="hz{size}" lang="{zh_lang(transcript.script)}">{_e(item.headword)}{trad}</td>'
        f'<td class="py">{pinyin_html(item.pinyin, item.pinyin_numbered)}</td>'
        f'<td class="mean">{_meaning_html(item, study)}</td>'
        f'<td class="hsk">{_e(hsk_label(item.hsk)) or "–"}</td>'
        f'<td class="ex">{example_html(item, transcript, ruby)}</td></tr>'
    )


_COLGROUP = (
    '<colgroup><col class="c-num"><col class="c-hz"><col class="c-py">'
    '<col class="c-mean"><col class="c-hsk"><col class="c-ex"></colgroup>'
    "<thead><tr><th>#</th><th>汉字</th><th>Pinyin</th><th>Meaning</th><th>HSK</th>"
    "<th>Example 例句</th></tr></thead>"
)
#: The same header over a list shown in traditional characters.
_COLGROUP_TRADITIONAL = _COLGROUP.replace("汉字", "漢字")


def _legend() -> str:
    spans = "".join(f'<span class="t{t}">{mark} {name}</span>' for name, mark, t in TONE_LEGEND)
    return f"Tones: {spans}"


def render_html(
    transcript: Transcript,
    vocab: list[VocabItem],
    *,
    paper: str = "a4",
    group_by: str = "section",
    study: bool = False,
    generated: Optional[_dt.date] = None,
) -> str:
    """The printable vocabulary list as one standalone HTML document (the PDF is :mod:`flashgen.printed.pdf`).

    Items are numbered in printed order: glossary terms first, then by section
    of the transcript (``group_by="section"``) or by HSK level (``"hsk"``).
    Columns: 汉字 (traditional form below when it differs) | pinyin, one
    colour per tone and tone marks kept, so it reads in black and white | meaning
    (official rendering first, up to three senses, measure words) | HSK
    ("7–9" for the top band) | a short example from the transcript with the
    word underlined in bold.

    The examples show pinyin above their words (``<ruby>``, from the tokens).
    Study layout, two ways: a checkbox covers the meaning column with CSS only
    (pointing at a cell reveals it); ``study=True`` prints two blank ruled lines
    in place of each meaning, to be filled in, and an answer key on a page of
    its own at the end.

    ``paper`` is "a4" or "letter" (for the browser's print); ``generated``
    (default: today) is printed in the header so golden files can fix it. The
    footer carries the CC-CEDICT attribution.
    """
    return "".join(html_chunks(transcript, vocab, paper=paper, group_by=group_by, study=study, generated=generated))


_GROUPS_SLOT = "\x00groups\x00"  # where the rows go in the page around them


def html_chunks(
    transcript: Transcript,
    vocab: list[VocabItem],
    *,
    paper: str = "a4",
    group_by: str = "section",
    study: bool = False,
    generated: Optional[_dt.date] = None,
) -> Iterator[str]:
    """:func:`render_html`'s document in pieces, a row at a time, to write a long list without holding it whole."""
    if paper not in PAPER_SIZES:
        raise ValueError(f"paper must be one of {', '.join(PAPER_SIZES)}, not {paper!r}")
    groups = group_items(transcript, vocab, group_by)
    lang = zh_lang(transcript.script)
    day = (generated or _dt.date.today()).isoformat()
    key: list[str] = []
    if study:
        numbered = (item for _heading, items in groups for item in items)
        for number, item in enumerate(numbered, 1):
            meanings = _e("; ".join(item.meanings[:MAX_MEANINGS]))
            key.append(f'<li value="{number}"><b lang="{lang}">{_e(item.headword)}</b> {meanings}</li>')
    meta = _e(list_meta(transcript, len(vocab), day))
    key_html = f'<section class="key"><h2>Answer key</h2><ol>{"".join(key)}</ol></section>' if study else ""
    attribution = _e(CEDICT_ATTRIBUTION).replace(
        CEDICT_LICENCE_URL, f'<a href="{CEDICT_LICENCE_URL}">{CEDICT_LICENCE_URL}</a>',
    )
    body = BODY.substitute(
        kicker=_e(shown_label(LIST_KICKER, transcript)),
        lang=lang,
        title=_e(transcript.title),
        meta=meta,
        legend=_legend(),
        toggle="" if study else TOGGLE,
        groups=_GROUPS_SLOT,
        key=key_html,
        attribution=attribution,
    )
    running = shown_label(RUNNING_LABEL, transcript).replace('"', "")
    page = document(f"{_e(transcript.title)} — vocabulary", stylesheet(paper, running, transcript.script), "screen", body)
    colgroup = _COLGROUP_TRADITIONAL if transcript.script == "traditional" else _COLGROUP
    before, after = page.split(_GROUPS_SLOT)
    yield before
    number = 0
    for index, (heading, items) in enumerate(groups):
        yield (
            ("\n" if index else "")
            + f'<section class="group"><h2 lang="{lang}">{_e(heading)}<span class="n">{len(items)}</span></h2>'
            f'<table class="vocab">{colgroup}<tbody>'
        )
        for item in items:
            number += 1
            yield _row_html(number, item, transcript, study, ruby=True)
        yield "</tbody></table></section>"
    yield after
