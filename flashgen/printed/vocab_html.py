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

from flashgen.chinese.levels import hsk_label
from flashgen.chinese.lexicon import CEDICT_ATTRIBUTION, CEDICT_LICENCE_URL
from flashgen.models import Script, Transcript, VocabItem
from flashgen.source.convert import in_script
from flashgen.printed.html_page import document
from flashgen.printed.content import BODY, PAPER_SIZES, TOGGLE, escape_html as _e, example_html, stylesheet, vocabulary_label, zh_lang
from flashgen.chinese.tones import segments, syllables

__all__ = ["group_items", "render_html", "example_html", "pinyin_html"]

GROUP_BYS = ("section", "hsk")
TERMS_GROUP = "Diplomatic terms · 外交术语"
OPENING_GROUP = "Introduction"  # sentences before the transcript's first heading
NO_EXAMPLE_GROUP = "Other words"
NO_HSK_GROUP = "Not in HSK"

#: Meanings printed per item (CC-CEDICT lists many; the best come first).
MAX_MEANINGS = 3


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
    terms_heading = in_script(TERMS_GROUP, transcript.script, transcript.region)
    return ([(terms_heading, terms)] if terms else []) + named


def headword_size(word: str) -> str:
    """The size class of a headword: "" (normal), "mid", "long" or "xlong".

    Long terms are set smaller, so that 人类命运共同体 stays on one or two even
    lines; the HTML and the PDF list share these steps.
    """
    n = len(word)
    return "xlong" if n >= 8 else "long" if n >= 6 else "mid" if n == 5 else ""


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


#: The tone legend of both printed lists: (name, sample syllable, tone).
TONE_LEGEND = (("1st", "ā", 1), ("2nd", "á", 2), ("3rd", "ǎ", 3), ("4th", "à", 4), ("neutral", "a", 5))


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
    """The printable vocabulary list as one standalone HTML document (the PDF is :mod:`flashgen.printed.vocab_pdf`).

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
    count = len(vocab)
    meta = f"{count} word{'s' if count != 1 else ''} · generated {day} · source: {_e(transcript.source)}"
    key_html = f'<section class="key"><h2>Answer key</h2><ol>{"".join(key)}</ol></section>' if study else ""
    attribution = _e(CEDICT_ATTRIBUTION).replace(
        CEDICT_LICENCE_URL, f'<a href="{CEDICT_LICENCE_URL}">{CEDICT_LICENCE_URL}</a>',
    )
    body = BODY.substitute(
        title=_e(transcript.title),
        lang=lang,
        meta=meta,
        legend=_legend(),
        vocabulary=vocabulary_label(transcript.script),
        toggle="" if study else TOGGLE,
        groups=_GROUPS_SLOT,
        key=key_html,
        attribution=attribution,
    )
    page = document(f"{_e(transcript.title)} — vocabulary", stylesheet(paper, transcript.script), "screen", body)
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
