"""PDF output: the printed vocabulary list and the cloze worksheet, written to files.

The documents are drawn by :mod:`flashgen.print_pdf` and
:mod:`flashgen.worksheet_pdf` on the small writer of :mod:`flashgen.pdf_canvas`,
which embeds only the glyphs used (a font subset), so a PDF stays small even
with a 20 MB CJK font. The fonts come from :mod:`flashgen.fonts`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Optional, Union

from .atomic import atomic_write
from .fonts import load_fonts

if TYPE_CHECKING:
    import datetime

    from .models import ClozeItem, Transcript, VocabItem


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
    from .print_pdf import render_pdf

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
    from .worksheet_pdf import render_pdf

    data = render_pdf(transcript, items, load_fonts(font), paper=paper, pinyin_hints=pinyin_hints)
    return atomic_write(path, data)
