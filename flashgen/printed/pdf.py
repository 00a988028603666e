"""PDF output: the printed vocabulary list and the cloze worksheet, written to files.

The documents are drawn by :mod:`flashgen.printed.vocab_pdf` and
:mod:`flashgen.printed.worksheet_pdf` on the small writer of :mod:`flashgen.printed.pdf_canvas`,
which embeds only the glyphs used (a font subset), so a PDF stays small even
with a 20 MB CJK font. The fonts come from :mod:`flashgen.printed.fonts`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Optional, Union

from flashgen.atomic import atomic_write
from flashgen.printed.fonts import load_fonts

if TYPE_CHECKING:
    import datetime

    from flashgen.models import ClozeItem, Transcript, VocabItem


def write_vocab_pdf(
    transcript: "Transcript",
    vocab: "list[VocabItem]",
    path: Union[str, Path],
    *,
    font: Optional[Union[str, Path]] = None,
    paper: str = "a4",
    group_by: str = "section",
    study: bool = False,
    generated: "Optional[datetime.date]" = None,
) -> Path:
    """Write the printable vocabulary list to ``path`` (through a temporary file and a rename).

    Raises :class:`flashgen.errors.ResourceError` (no font) or :class:`flashgen.errors.OutputError` (cannot write).
    """
    from flashgen.printed.vocab_pdf import render_pdf

    data = render_pdf(transcript, vocab, load_fonts(font), paper=paper, group_by=group_by, study=study,
                      generated=generated)
    return atomic_write(path, data)


def write_worksheet_pdf(
    transcript: "Transcript",
    items: "list[ClozeItem]",
    path: Union[str, Path],
    *,
    font: Optional[Union[str, Path]] = None,
    paper: str = "a4",
    pinyin_hints: bool = False,
) -> Path:
    """Write the cloze worksheet to ``path`` (through a temporary file and a rename); raises as above."""
    from flashgen.printed.worksheet_pdf import render_pdf

    data = render_pdf(transcript, items, load_fonts(font), paper=paper, pinyin_hints=pinyin_hints)
    return atomic_write(path, data)
