"""PDF output: the printed vocabulary list and the cloze worksheet, typeset by Typst.

The documents are Typst templates shipped in the package
(``flashgen/printed/templates/``). Everything they show is handed over as one
JSON object built here (:func:`vocab_data`, :func:`worksheet_data`), never
pasted into Typst markup, so no transcript text needs escaping or can become
markup. :mod:`flashgen.printed.typst_run` compiles them; the fonts come from
:mod:`flashgen.printed.fonts`.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Optional, Union

from flashgen.atomic import atomic_write
from flashgen.chinese.tones import TONE_COLOURS, segments
from flashgen.chinese.levels import hsk_label
from flashgen.chinese.lexicon import CEDICT_ATTRIBUTION, CEDICT_LICENCE_URL
from flashgen.models import ClozeItem, GroupBy, Paper, Transcript, VocabItem
from flashgen.printed import content
from flashgen.printed.fonts import PdfFonts, load_fonts
from flashgen.printed.typst_run import JSON, compile_pdf

#: Typst's names of the paper sizes flashgen offers.
PAPERS: dict[str, str] = {"a4": "a4", "letter": "us-letter"}
#: Point sizes of the headword size classes of :func:`~flashgen.printed.content.headword_size` (as the HTML list's CSS).
HANZI_SIZES = {"": 14.0, "mid": 12.0, "long": 11.0, "xlong": 9.5}
#: Column widths of the list in percent of the text width: #, 汉字, pinyin, meaning, HSK, example.
WIDTHS = (5, 17, 15, 29, 6, 28)
ZWSP = "\u200b"  # a line may break here; nothing is drawn


def _paper(paper: Paper) -> str:
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {', '.join(PAPERS)}, not {paper!r}")
    return PAPERS[paper]


def _credit() -> dict[str, JSON]:
    """The CC-CEDICT credit split before its licence address, which the PDF makes a link."""
    text, url, rest = CEDICT_ATTRIBUTION.partition(CEDICT_LICENCE_URL)
    return {"text": text, "url": url, "after": rest}


def _common(title: str, paper: Paper, transcript: Transcript) -> dict[str, JSON]:
    return {
        "paper": _paper(paper),
        "title": title,
        # Typst's text region: traditional Chinese is set as Taiwan's (glyph forms, punctuation).
        "region": "tw" if transcript.script == "traditional" else "cn",
        "tones": {str(tone): colour for tone, colour in TONE_COLOURS.items()},
        "credit": _credit(),
    }


def pinyin_pieces(pinyin: str, pinyin_numbered: str) -> list[JSON]:
    """The written reading as [text, tone] pieces, one per syllable (tone 0: not a syllable).

    Run-together syllables get a zero-width space between them, so a line may
    break between two syllables and never inside one.
    """
    pieces = segments(pinyin, pinyin_numbered)
    if not pieces:
        return [[pinyin, 0]]
    out: list[JSON] = []
    for i, (text, tone) in enumerate(pieces):
        if tone and i and pieces[i - 1][1]:
            out.append([ZWSP, 0])
        out.append([text, tone])
    return out


def _row(number: int, item: VocabItem, transcript: Transcript, study: bool) -> dict[str, JSON]:
    excerpt = content.example_excerpt(item, transcript, by_word=False)
    example: JSON = None
    if excerpt is not None:
        example = {"before": excerpt.cut_before, "after": excerpt.cut_after,
                   "pieces": [[text, marked] for text, _pinyin, marked in excerpt.pieces]}
    return {
        "n": number,
        "hanzi": item.headword,  # in the transcript's script; the other script small below
        "size": HANZI_SIZES[content.headword_size(item.headword)],
        "trad": item.other_form,
        "trad_label": "简" if transcript.script == "traditional" else "繁",
        "pinyin": pinyin_pieces(item.pinyin, item.pinyin_numbered),
        "category": item.category.upper() if item.term and item.category else "",
        "approx": item.composed,
        "meanings": [] if study else list(item.meanings[: content.MAX_MEANINGS]),
        "mw": ", ".join(item.measure_words),
        "hsk": hsk_label(item.hsk) or "–",
        "example": example,
    }


def vocab_data(
    transcript: Transcript,
    vocab: list[VocabItem],
    *,
    paper: Paper = "a4",
    group_by: GroupBy = "section",
    study: bool = False,
    generated: Optional[_dt.date] = None,
) -> dict[str, JSON]:
    """Everything the printed list shows, as the JSON object ``templates/vocab.typ`` reads.

    Same content and order as the HTML list (:func:`flashgen.printed.vocab_html.render_html`).
    """
    groups = content.group_items(transcript, vocab, group_by)
    day = (generated or _dt.date.today()).isoformat()
    number = 0
    out_groups: list[JSON] = []
    key: list[JSON] = []
    for name, items in groups:
        rows: list[JSON] = []
        for item in items:
            number += 1
            rows.append(_row(number, item, transcript, study))
            key.append({"n": number, "hanzi": item.headword, "meanings": "; ".join(item.meanings[: content.MAX_MEANINGS])})
        out_groups.append({"name": name, "count": len(items), "rows": rows})
    return {
        **_common(transcript.title, paper, transcript),
        "pdf_title": f"{transcript.title} — vocabulary",
        "kicker": content.shown_label(content.LIST_KICKER, transcript),
        "meta": content.list_meta(transcript, len(vocab), day),
        "running": content.shown_label(content.RUNNING_LABEL, transcript),
        "legend": [{"text": f"{mark} {name}", "tone": tone} for name, mark, tone in content.TONE_LEGEND],
        "columns": [content.shown_label(c, transcript) if c == "汉字" else c for c in content.COLUMNS],
        "widths": list(WIDTHS),
        "study": study,
        "groups": out_groups,
        "key": key if study else [],
        "key_heading": "Answer key",
    }


def worksheet_data(transcript: Transcript, items: list[ClozeItem], *, paper: Paper = "a4",
                   pinyin_hints: bool = False) -> dict[str, JSON]:
    """Everything the worksheet shows, as the JSON object ``templates/worksheet.typ`` reads.

    A sentence is a list of pieces: plain text, or a blank with its answer
    (measured for the blank's width, never printed there), its letter and,
    with ``pinyin_hints``, the answer's reading.
    """
    from flashgen.study.cloze_syntax import cloze_segments

    sentences: list[JSON] = []
    answers: list[JSON] = []
    for item in items:
        pieces: list[JSON] = []
        for text, n, _hint in cloze_segments(item.shown_cloze):
            if not n:
                pieces.append({"text": text})
            else:
                hint = content.answer_pinyin(transcript, item, text) if pinyin_hints else ""
                pieces.append({"blank": text, "label": content.blank_label(item, n), "hint": hint})
        sentences.append(pieces)
        answers.append({
            "answers": [{"label": content.blank_label(item, n), "text": answer,
                         "reading": content.answer_pinyin(transcript, item, answer)}
                        for n, answer in enumerate(item.shown_answers, 1)],
            "sentence": item.shown_sentence,
        })
    return {
        **_common(transcript.title, paper, transcript),
        "pdf_title": f"{transcript.title} — cloze worksheet",
        "kicker": content.shown_label(content.KICKER, transcript),
        "meta": content.sentence_meta(len(items), transcript),
        "instructions": content.INSTRUCTIONS,
        "sentences": sentences,
        "bank_heading": content.shown_label(content.WORD_BANK, transcript),
        "bank": [{"word": word, "count": count} for word, count in content.word_bank(items)],
        "key_heading": content.shown_label(content.ANSWER_KEY, transcript),
        "key": answers,
    }


def write_vocab_pdf(
    transcript: Transcript,
    vocab: list[VocabItem],
    path: Union[str, Path],
    *,
    font: Optional[Union[str, Path]] = None,
    paper: Paper = "a4",
    group_by: GroupBy = "section",
    study: bool = False,
    generated: Optional[_dt.date] = None,
) -> Path:
    """Write the printable vocabulary list to ``path`` (through a temporary file and a rename).

    Raises :class:`flashgen.errors.ResourceError` (no font) or :class:`flashgen.errors.OutputError` (cannot write).
    """
    return atomic_write(path, vocab_pdf(transcript, vocab, load_fonts(font), paper=paper, group_by=group_by,
                                        study=study, generated=generated))


def vocab_pdf(
    transcript: Transcript,
    vocab: list[VocabItem],
    fonts: PdfFonts,
    *,
    paper: Paper = "a4",
    group_by: GroupBy = "section",
    study: bool = False,
    generated: Optional[_dt.date] = None,
) -> bytes:
    """The printable vocabulary list as PDF bytes, set in ``fonts`` (see :func:`write_vocab_pdf`)."""
    data = vocab_data(transcript, vocab, paper=paper, group_by=group_by, study=study, generated=generated)
    return compile_pdf("vocab.typ", data, fonts)


def write_worksheet_pdf(
    transcript: Transcript,
    items: list[ClozeItem],
    path: Union[str, Path],
    *,
    font: Optional[Union[str, Path]] = None,
    paper: Paper = "a4",
    pinyin_hints: bool = False,
) -> Path:
    """Write the cloze worksheet to ``path`` (through a temporary file and a rename); raises as above."""
    return atomic_write(path, worksheet_pdf(transcript, items, load_fonts(font), paper=paper, pinyin_hints=pinyin_hints))


def worksheet_pdf(transcript: Transcript, items: list[ClozeItem], fonts: PdfFonts, *, paper: Paper = "a4",
                  pinyin_hints: bool = False) -> bytes:
    """The cloze worksheet as PDF bytes, set in ``fonts`` (see :func:`write_worksheet_pdf`)."""
    data = worksheet_data(transcript, items, paper=paper, pinyin_hints=pinyin_hints)
    return compile_pdf("worksheet.typ", data, fonts)
