"""HTML → PDF with WeasyPrint, with a Chinese font found on the system or given.

WeasyPrint embeds only the glyphs used (a font subset), so a PDF stays small
even with a 20 MB CJK font. WeasyPrint is imported inside the functions: it
loads Pango through cffi, which costs time and fails on machines without it.
"""

from __future__ import annotations

import logging
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union

from .atomic import atomic_write
from .errors import ResourceError

NO_FONT = (
    "no Chinese font found; install one (Debian: apt-get install fonts-noto-cjk) or pass --font PATH"
)

#: Families tried first, best first: Simplified-Chinese faces of the common free CJK fonts.
PREFERRED_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Serif CJK SC",
    "Source Han Sans SC",
    "Source Han Serif SC",
    "Noto Sans SC",
    "Noto Serif SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "AR PL UMing CN",
)

_FONT_FILE = re.compile(r"\.(ttf|otf|ttc|otc|woff2?)$", re.IGNORECASE)


@dataclass(frozen=True)
class FontChoice:
    """A CJK font: the family name CSS asks for and the file it lives in."""

    family: str
    file: Path


def _fc_list() -> list[tuple[Path, list[str], str]]:
    """(file, families, style) of each installed font that covers Simplified Chinese."""
    try:
        out = subprocess.run(
            ["fc-list", ":lang=zh-cn", "file", "family", "style"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []  # fontconfig's tools missing: treated as "no font found"
    fonts = []
    for line in out.splitlines():
        # "/path/Font.ttc: Noto Sans CJK SC,Noto Sans CJK SC Regular:style=Regular"
        path, _, rest = line.partition(": ")
        families, _, style = rest.partition(":style=")
        if path and families:
            fonts.append((Path(path), [f.strip() for f in families.split(",")], style))
    return fonts


def find_cjk_font() -> Optional[FontChoice]:
    """The best installed Chinese font (fontconfig), or None when there is none.

    Noto Sans CJK SC first, then the other families of
    :data:`PREFERRED_FAMILIES`, then any font that fontconfig says covers
    zh-cn; regular weights before bold, monospaced faces last.
    """
    fonts = sorted(
        _fc_list(),
        key=lambda f: ("Regular" not in f[2] and "Book" not in f[2], "Mono" in f[1][0], str(f[0]), f[1][0]),
    )
    for wanted in PREFERRED_FAMILIES:
        for path, families, _style in fonts:
            if wanted in families:
                return FontChoice(wanted, path)
    for path, families, _style in fonts:
        return FontChoice(families[0], path)
    return None


def _readable_font(path: Path) -> bool:
    """True when fontTools can open ``path`` (the first face of a collection)."""
    from fontTools.ttLib import TTFont

    try:
        TTFont(str(path), fontNumber=0, lazy=True).close()
    except Exception:  # fontTools raises many kinds on a damaged file; any means "not a font"
        return False
    return True


def font_css(font: Optional[Union[str, Path]] = None) -> str:
    """CSS that makes the document use ``font`` (a file) or the system's best CJK font.

    Raises :class:`ResourceError` when the file is missing or no font is found.
    """
    if font is not None:
        path = Path(font).expanduser()
        if not path.is_file() or not _FONT_FILE.search(path.name) or not _readable_font(path):
            raise ResourceError(f"font file {font} not found or not a font; pass --font PATH to a .ttf, .otf or .ttc file")
        url = path.resolve().as_uri().replace('"', "%22")
        return (
            f'@font-face {{ font-family: "flashgen-cjk"; src: url("{url}"); }}\n'
            'html { font-family: "flashgen-cjk", sans-serif; }'
        )
    choice = find_cjk_font()
    if choice is None:
        raise ResourceError(NO_FONT)
    family = choice.family.replace('"', "")
    return f'html {{ font-family: "{family}", sans-serif; }}'


def _with_font(html: str, css: str) -> str:
    # Put the rule after the document's own styles: same selector, later rule wins.
    style = f"<style>{css}</style>"
    index = html.lower().rfind("</head>")
    return html[:index] + style + html[index:] if index >= 0 else style + html


def render_pdf(html: str, font: Optional[Union[str, Path]] = None) -> bytes:
    """The PDF bytes of ``html`` (see :func:`write_pdf`)."""
    css = font_css(font)
    try:
        import weasyprint
    except ImportError:
        raise ResourceError("WeasyPrint is not installed; run: pip install weasyprint") from None
    except OSError as exc:  # cffi could not load Pango
        reason = (str(exc).splitlines() or ["library not found"])[0]
        raise ResourceError(
            f"WeasyPrint cannot load Pango ({reason}); install it (Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0)"
        ) from None
    # WeasyPrint reports unsupported CSS as warnings; they are ours to fix, not the user's to read.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    document = weasyprint.HTML(string=_with_font(html, css), base_url=None)
    return document.write_pdf()


def write_pdf(html: str, path: Union[str, Path], font: Optional[Union[str, Path]] = None) -> Path:
    """Render ``html`` (from ``render_html(..., for_pdf=True)``) to a PDF at ``path``.

    The Chinese font is ``font`` (a .ttf/.otf/.ttc file, used through
    ``@font-face``) or else the best one fontconfig finds (Noto Sans CJK SC
    preferred); WeasyPrint embeds a subset of it. The file is written through
    a temporary file and a rename, so a failed run leaves no half-written PDF.

    Raises :class:`ResourceError` (no font, no WeasyPrint/Pango) or
    :class:`flashgen.errors.OutputError` (cannot write ``path``).
    """
    return atomic_write(path, render_pdf(html, font))
