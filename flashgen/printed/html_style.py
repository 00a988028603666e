"""The look of the HTML list: its stylesheet, page body and the screen's study switch.

Only :mod:`flashgen.printed.vocab_html` (and the worksheet, for the paper
sizes and fonts) use this; what the list shows comes from
:mod:`flashgen.printed.content`.
"""

from __future__ import annotations

from html import escape
from string import Template

from flashgen.chinese.tones import TONE_COLOURS
from flashgen.models import Script

#: CSS ``size`` of each paper name accepted by ``render_html``.
PAPER_SIZES: dict[str, str] = {"a4": "A4", "letter": "letter"}

# Fonts for screen viewing and the browser's print.
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
  @top-right { content: "$running"; font-size: 7.5pt; color: #666; }
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
<p class="kicker">$kicker</p>
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


def stylesheet(paper: str, running: str = "Vocabulary 词汇表", script: Script = "simplified") -> str:
    """The CSS of the document for ``paper`` (a key of :data:`PAPER_SIZES`), with ``running`` in the page header."""
    css = _CSS.substitute(paper=PAPER_SIZES[paper], fonts=FONT_STACK, tones=_TONE_CSS, running=running)
    return css + TRADITIONAL_CSS + "\n" if script == "traditional" else css


def escape_html(text: object) -> str:
    """``text`` made safe inside HTML text and attribute values."""
    return escape(str(text), quote=True)
