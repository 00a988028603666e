"""Vocabulary exports as strings: CSV, TSV, Pleco flashcards and a Markdown table.

Every function takes the ranked ``list[VocabItem]`` and returns the whole file
as one string; the caller writes it with :func:`flashgen.atomic.atomic_write`.
Output is deterministic (same items, same text) so it can be compared with
golden files.

Transcript text is data, never active content: a CSV or TSV cell that a
spreadsheet would run as a formula (one starting with ``=``, ``+``, ``-``,
``@``, tab or CR) gets a leading apostrophe, as OWASP recommends against CSV
injection; Markdown cells escape the characters of links, images, autolinks
and raw HTML, so no ``javascript:`` link can be made.

Columns of CSV, TSV and Markdown, in order: hanzi, traditional, pinyin,
pinyin_numbered, meaning, measure words, HSK, category, count, example.
Shown in traditional characters (a traditional text, or ``--script
traditional``), hanzi is the traditional headword as the text writes it, the
second column is the simplified form (named so) and the example is the
sentence as written.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Optional

from flashgen.chinese.levels import hsk_label
from flashgen.chinese.lexicon import CEDICT_ATTRIBUTION
from flashgen.models import COMPOSED_MARK, Script, VocabItem

#: Machine-friendly column names (CSV and TSV header row).
COLUMNS: tuple[str, ...] = (
    "hanzi",
    "traditional",
    "pinyin",
    "pinyin_numbered",
    "meaning",
    "measure_words",
    "hsk",
    "category",
    "count",
    "example",
)

#: Human-readable headers of the Markdown table, same order as COLUMNS.
MARKDOWN_HEADERS: tuple[str, ...] = (
    "Hanzi",
    "Traditional",
    "Pinyin",
    "Pinyin (numbered)",
    "Meaning",
    "Measure words",
    "HSK",
    "Category",
    "Count",
    "Example",
)

#: Separator of several meanings (or measure words) inside one field.
JOINER = "; "


#: Pleco category names (``//`` lines): glossary terms first, then the rest.
PLECO_TERMS = "Diplomatic terms"
PLECO_VOCAB = "Vocabulary"

_BOM = "\ufeff"


def _one_line(text: str) -> str:
    """Collapse tabs and line breaks to single spaces (a field must stay on one line)."""
    return " ".join(text.split())


def columns(script: Script = "simplified") -> tuple[str, ...]:
    """The column names for items shown in ``script``: the second column names the other script."""
    return COLUMNS if script == "simplified" else (COLUMNS[0], "simplified", *COLUMNS[2:])


def markdown_headers(script: Script = "simplified") -> tuple[str, ...]:
    """The Markdown headers for items shown in ``script``."""
    return MARKDOWN_HEADERS if script == "simplified" else (MARKDOWN_HEADERS[0], "Simplified", *MARKDOWN_HEADERS[2:])


def row(item: VocabItem, script: Script = "simplified") -> list[str]:
    """The exported fields of one item, in :func:`columns` order, each on one line."""
    example = item.examples[0].shown if item.examples else ""
    fields = [
        item.headword,
        item.traditional if script == "simplified" else item.hanzi,
        item.pinyin,
        item.pinyin_numbered,
        (COMPOSED_MARK if item.composed else "") + JOINER.join(item.meanings),
        JOINER.join(item.measure_words),
        hsk_label(item.hsk),
        item.category or "",
        str(item.count),
        example,
    ]
    return [_one_line(f) for f in fields]


#: First characters that make a spreadsheet cell a formula (Excel, LibreOffice, Google Sheets).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """``cell`` as a spreadsheet shows it as text: a leading apostrophe when it would start a formula.

    "=HYPERLINK(…)" → "'=HYPERLINK(…)". The apostrophe is the usual
    neutraliser: Excel and LibreOffice hide it and keep the rest as text.
    """
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def _safe_row(item: VocabItem, script: Script) -> list[str]:
    return [spreadsheet_safe(cell) for cell in row(item, script)]


def to_csv(items: list[VocabItem], script: Script = "simplified") -> str:
    """CSV for spreadsheets: UTF-8 BOM first (so Excel detects UTF-8), a header row, CRLF rows.

    Encode the result as UTF-8 (the BOM is the string's first character).
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns(script))
    for item in items:
        writer.writerow(_safe_row(item, script))
    return _BOM + buf.getvalue()


def to_tsv(items: list[VocabItem], script: Script = "simplified") -> str:
    """Tab-separated values with a header row; tabs and line breaks in fields become spaces."""
    lines = ["\t".join(columns(script))]
    lines.extend("\t".join(_safe_row(item, script)) for item in items)
    return "\n".join(lines) + "\n"


def pleco_pinyin(pinyin_numbered: str) -> str:
    """Pinyin as Pleco's import reads it: tone numbers, syllables run together, ü as "u:".

    "ren2 lei4" → "ren2lei4"; "lv4 shi1" → "lu:4shi1". Tone numbers make the
    syllable boundaries unambiguous, so no apostrophe is needed ("xi1an1").
    """
    syllables = []
    for syl in pinyin_numbered.split():
        syl = syl.replace("ü", "u:").replace("Ü", "U:")
        if "u:" not in syl.lower():
            syl = syl.replace("v", "u:").replace("V", "U:")
        syllables.append(syl)
    return "".join(syllables)


def pleco_headword(item: VocabItem) -> str:
    """"simplified[traditional]" when the traditional form differs, else the simplified form.

    Pleco's import reads this order whichever script is shown; the traditional
    form is the text's own when the text is shown in traditional characters.
    """
    traditional = item.headword if item.headword != item.hanzi else item.traditional
    if traditional and traditional != item.hanzi:
        return f"{item.hanzi}[{traditional}]"
    return item.hanzi


def pleco_definition(item: VocabItem) -> str:
    """Meanings joined with "; ", then the measure words ("MW: 个 (gè)")."""
    text = (COMPOSED_MARK if item.composed and item.meanings else "") + JOINER.join(item.meanings)
    if item.measure_words:
        mw = "MW: " + ", ".join(item.measure_words)
        text = f"{text}{JOINER}{mw}" if text else mw
    return _one_line(text)


def _pleco_category(name: str) -> str:
    # "/" nests categories in Pleco, so a slash inside a name would split it.
    return _one_line(name.replace("/", "-"))


def to_pleco(items: list[VocabItem], parent: Optional[str] = None) -> str:
    """Pleco flashcard import file: ``headword<TAB>pinyin<TAB>definition`` lines.

    Cards are grouped under ``//Diplomatic terms`` (glossary terms) and
    ``//Vocabulary`` (the rest), each group keeping the ranked order; empty
    groups are left out. With ``parent`` (e.g. the transcript title) the
    categories nest under it: ``//<parent>/Diplomatic terms``.
    """
    prefix = f"//{_pleco_category(parent)}/" if parent else "//"
    lines: list[str] = []
    for name, group in ((PLECO_TERMS, [i for i in items if i.term]), (PLECO_VOCAB, [i for i in items if not i.term])):
        if not group:
            continue
        lines.append(prefix + name)
        for item in group:
            fields = (pleco_headword(item), pleco_pinyin(item.pinyin_numbered), pleco_definition(item))
            lines.append("\t".join(_one_line(f) for f in fields))
    return "\n".join(lines) + "\n" if lines else ""


#: Characters escaped in Markdown cells: the cell border, and everything that can open a link, an
#: image, an autolink (<javascript:…>), raw HTML, an entity (&#106;avascript:) or code.
_MD_SPECIAL = re.compile(r"([\\|\[\]<>&`])")


def _md_cell(text: str) -> str:
    # Every special character backslash-escaped (CommonMark: a backslash makes ASCII punctuation literal).
    return _MD_SPECIAL.sub(r"\\\1", text)


def to_markdown(items: list[VocabItem], title: Optional[str] = None, script: Script = "simplified") -> str:
    """A Markdown (GFM) table of the items, ``|`` escaped, then the CC-CEDICT attribution.

    With ``title`` a level-1 heading comes first.
    """
    out: list[str] = []
    if title:
        out += [f"# {_md_cell(_one_line(title))}", ""]
    headers = markdown_headers(script)
    out.append("| " + " | ".join(headers) + " |")
    out.append("|" + "|".join("---" for _ in headers) + "|")
    for item in items:
        out.append("| " + " | ".join(_md_cell(f) for f in row(item, script)) + " |")
    out += ["", CEDICT_ATTRIBUTION]
    return "\n".join(out) + "\n"
