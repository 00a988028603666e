"""Compile a Typst template of the package into PDF bytes.

The data goes in as JSON through ``sys.inputs`` (the template reads it with
``json(bytes(sys.inputs.data))``), the fonts as the folders of
:class:`~flashgen.printed.fonts.PdfFonts` with system fonts ignored, so the
result depends on nothing but its input: no timestamps (the templates set
``date: none``), no accessibility tags (they double the file's size).
Typst only *warns* when a font family is missing and then draws in its own
Latin font; such a warning becomes a :class:`~flashgen.errors.ResourceError`.
"""

from __future__ import annotations

import json
from importlib.resources import as_file, files
from typing import Union

from flashgen.errors import FlashgenError, ResourceError
from flashgen.printed.fonts import PdfFonts

#: A JSON value as the templates read it.
JSON = Union[None, bool, int, float, str, list["JSON"], dict[str, "JSON"]]

#: Tone-marked pinyin letters, which every printed reading must show (checked when the font is not known to have them).
PINYIN_LETTERS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüĀÁǍÀĒÉĚÈŌÓǑÒ"
FONT_HINT = "install a Chinese font (Debian: apt-get install fonts-noto-cjk) or pass --font PATH"


def compile_pdf(template: str, data: dict[str, JSON], fonts: PdfFonts) -> bytes:
    """The template ``templates/<template>`` typeset with ``data`` in ``fonts``, as PDF bytes.

    Raises :class:`ResourceError` when Typst reports a missing font, and
    :class:`FlashgenError` when it cannot compile the template.
    """
    import typst

    font = {"family": fonts.family, "fallbacks": list(fonts.fallbacks), "letters": PINYIN_LETTERS}
    inputs = {"data": json.dumps(data, ensure_ascii=False), "font": json.dumps(font, ensure_ascii=False)}
    with as_file(files("flashgen.printed") / "templates" / template) as path:
        try:
            pdf, warnings = typst.compile_with_warnings(
                str(path), font_paths=fonts.book(), ignore_system_fonts=True, sys_inputs=inputs, pdf_tags=False,
            )
        except typst.TypstError as exc:
            raise FlashgenError(f"cannot typeset {template}: {exc.message}") from exc
    for warning in warnings:
        if "font" in warning.message:
            raise ResourceError(f"{warning.message}; {FONT_HINT}")
    assert isinstance(pdf, bytes)
    return pdf
