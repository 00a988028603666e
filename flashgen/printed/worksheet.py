"""The printable cloze worksheet: plain text and standalone HTML (the PDF is :mod:`flashgen.printed.pdf`).

Numbered sentences with blanks (a blank as wide as its answer; pinyin in the
blank when asked), a word bank of all answers in a fixed shuffled order, and
an answer key on a page of its own. The HTML has inline CSS and no external
resources; every string from the transcript is HTML-escaped.
"""

from __future__ import annotations

from string import Template

from flashgen.chinese.lexicon import CEDICT_ATTRIBUTION
from flashgen.models import ClozeItem, Transcript
from flashgen.printed.content import (
    ANSWER_KEY,
    INSTRUCTIONS,
    KICKER,
    WORD_BANK,
    answer_pinyin,
    blank_label,
    sentence_meta,
    shown_label,
    word_bank,
    zh_lang,
)
from flashgen.printed.html_page import document
from flashgen.printed.html_style import FONT_STACK, PAPER_SIZES, TRADITIONAL_CSS, escape_html as _e
from flashgen.study.cloze_syntax import cloze_segments

__all__ = ["render_text", "render_html", "answer_pinyin", "blank_label", "word_bank"]


def _text_blank(answer: str, label: str, pinyin: str) -> str:
    inner = f"({pinyin})" if pinyin else ""
    width = max(2 * len(answer) + 2, len(inner) + 4)  # a hanzi is two columns wide
    pad = width - len(inner)
    blank = "_" * (pad // 2) + inner + "_" * (pad - pad // 2)
    return f"({label}){blank}" if label else blank


def _labels(transcript: Transcript) -> tuple[str, str, str]:
    """The kicker, word-bank and answer-key headings, their Chinese in the transcript's script."""
    return shown_label(KICKER, transcript), shown_label(WORD_BANK, transcript), shown_label(ANSWER_KEY, transcript)


def render_text(transcript: Transcript, items: list[ClozeItem], *, pinyin_hints: bool = False) -> str:
    """The worksheet as plain text: sentences with blanks, word bank, then the answer key."""
    kicker, word_bank_heading, answer_key = _labels(transcript)
    out = [transcript.title, kicker, INSTRUCTIONS, ""]
    width = len(str(len(items)))
    for number, item in enumerate(items, 1):
        line = ""
        for text, n, _hint in cloze_segments(item.shown_cloze):
            if not n:
                line += text
                continue
            pinyin = answer_pinyin(transcript, item, text) if pinyin_hints else ""
            line += _text_blank(text, blank_label(item, n), pinyin)
        out.append(f"{number:>{width}}. {line}")
    bank = "   ".join(w if c == 1 else f"{w} (×{c})" for w, c in word_bank(items))
    out += ["", word_bank_heading, bank, "", "=" * 40, answer_key, ""]
    for number, item in enumerate(items, 1):
        parts = []
        for n, answer in enumerate(item.shown_answers, 1):
            label = blank_label(item, n)
            reading = answer_pinyin(transcript, item, answer)
            parts.append(f"{'(' + label + ') ' if label else ''}{answer}{' ' + reading if reading else ''}")
        out.append(f"{number:>{width}}. " + "  ".join(parts))
        out.append(f"{' ' * (width + 2)}{item.shown_sentence}")
    out += ["", CEDICT_ATTRIBUTION]
    return "\n".join(out) + "\n"


_CSS = Template(
    """
@page { size: $paper; margin: 16mm 15mm 17mm 15mm;
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; color: #444; } }
* { box-sizing: border-box; }
html { font-family: $fonts; }
body { font-size: 11pt; line-height: 1.5; color: #111; margin: 0; }
body.screen { max-width: 48rem; margin: 1.5rem auto; padding: 0 1rem; }
header { border-bottom: 1.5pt solid #111; margin-bottom: 4mm; padding-bottom: 2mm; }
.kicker { margin: 0; font-size: 8pt; letter-spacing: .08em; text-transform: uppercase; color: #555; }
h1 { font-size: 16pt; margin: 1mm 0 1.5mm; line-height: 1.3; }
.meta { margin: 0; font-size: 9pt; color: #333; }
h2 { font-size: 12pt; margin: 5mm 0 2mm; padding: 1mm 2mm; background: #eee; border-left: 3pt solid #111; }
ol.items { padding-left: 9mm; margin: 0; }
ol.items li { margin-bottom: 3.2mm; line-height: 2.3; break-inside: avoid; page-break-inside: avoid; }
.blank { display: inline-block; position: relative; border-bottom: .8pt solid #111; height: 1.35em;
         vertical-align: -.25em; margin: 0 .15em; text-align: center; }
.blank .py { position: absolute; left: 0; right: 0; bottom: .15em; font-size: 8pt; color: #444; line-height: 1;
             white-space: nowrap; }
.blank sup { position: absolute; left: -.1em; top: -1.1em; font-size: 7pt; color: #555; line-height: 1; }
.bank { display: flex; flex-wrap: wrap; gap: 1.5mm 3mm; border: .8pt solid #111; padding: 2.5mm 3mm;
        font-size: 12pt; break-inside: avoid; page-break-inside: avoid; }
.bank span { white-space: nowrap; } .bank .n { font-size: 8pt; color: #555; }
section.key { break-before: page; page-break-before: always; }
section.key ol { font-size: 9.5pt; padding-left: 9mm; margin: 0; }
section.key li { margin-bottom: 1.6mm; break-inside: avoid; page-break-inside: avoid; }
section.key .full { display: block; color: #444; font-size: 8.5pt; }
section.key .r { color: #444; }
footer { margin-top: 6mm; padding-top: 2mm; border-top: .5pt solid #999; font-size: 7.5pt; color: #444; }
"""
)

#: The page body; the document around it comes from ``html_page.document``.
_BODY = Template(
    """<header>
<p class="kicker">$kicker</p>
<h1 lang="$lang">$title</h1>
<p class="meta">$meta</p>
</header>
<main>
<p>$instructions</p>
<ol class="items" lang="$lang">
$items
</ol>
<h2>$bank_heading</h2>
<div class="bank" lang="$lang">$bank</div>
</main>
<section class="key">
<h2>$key_heading</h2>
<ol lang="$lang">
$key
</ol>
</section>
<footer><p>$attribution</p></footer>"""
)


def _html_blank(answer: str, label: str, pinyin: str) -> str:
    # Width in em: a hanzi is ~1em; pinyin at 8pt of an 11pt line is ~0.4em a letter.
    width = max(1.15 * len(answer) + 1.2, 0.42 * len(pinyin) + 1.0)
    sup = f"<sup>{_e(label)}</sup>" if label else ""
    py = f'<span class="py" lang="zh-Latn-pinyin">{_e(pinyin)}</span>' if pinyin else ""
    return f'<span class="blank" style="width: {width:.1f}em">{sup}{py}</span>'


def render_html(transcript: Transcript, items: list[ClozeItem], *, pinyin_hints: bool = False,
                paper: str = "a4") -> str:
    """The worksheet as one standalone HTML document (``paper``: "a4" or "letter").

    Blanks are empty boxes as wide as the answer, lettered (a, b, …) when a
    sentence has several; with ``pinyin_hints`` each holds the answer's
    pinyin. The answer key starts on a new page (CSS ``break-before: page``).
    """
    if paper not in PAPER_SIZES:
        raise ValueError(f"paper must be one of {', '.join(PAPER_SIZES)}, not {paper!r}")
    kicker, word_bank_heading, answer_key = _labels(transcript)
    rows, key = [], []
    for item in items:
        body = ""
        for text, n, _hint in cloze_segments(item.shown_cloze):
            if not n:
                body += _e(text)
            else:
                pinyin = answer_pinyin(transcript, item, text) if pinyin_hints else ""
                body += _html_blank(text, blank_label(item, n), pinyin)
        rows.append(f"<li>{body}</li>")
        parts = []
        for n, answer in enumerate(item.shown_answers, 1):
            label = blank_label(item, n)
            reading = answer_pinyin(transcript, item, answer)
            parts.append(
                (f"({_e(label)}) " if label else "") + f"<b>{_e(answer)}</b>"
                + (f' <span class="r" lang="zh-Latn-pinyin">{_e(reading)}</span>' if reading else "")
            )
        key.append(f'<li>{" · ".join(parts)}<span class="full">{_e(item.shown_sentence)}</span></li>')
    bank = "".join(
        f"<span>{_e(w)}</span>" if c == 1 else f'<span>{_e(w)} <span class="n">×{c}</span></span>'
        for w, c in word_bank(items)
    )
    count = len(items)
    body = _BODY.substitute(
        title=_e(transcript.title),
        lang=zh_lang(transcript.script),
        kicker=_e(kicker),
        meta=_e(sentence_meta(count, transcript)),
        instructions=_e(INSTRUCTIONS),
        items="\n".join(rows),
        bank_heading=_e(word_bank_heading),
        bank=bank,
        key_heading=_e(answer_key),
        key="\n".join(key),
        attribution=_e(CEDICT_ATTRIBUTION),
    )
    css = _CSS.substitute(paper=PAPER_SIZES[paper], fonts=FONT_STACK)
    css += TRADITIONAL_CSS + "\n" if transcript.script == "traditional" else ""
    return document(f"{_e(transcript.title)} — cloze worksheet", css, "screen", body)

