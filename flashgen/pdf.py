"""PDF output: the Chinese font (found on the system or given) and the two printed documents.

The documents are drawn by :mod:`flashgen.print_pdf` and
:mod:`flashgen.worksheet_pdf` on the small writer of :mod:`flashgen.pdf_canvas`,
which embeds only the glyphs used (a font subset), so a PDF stays small even
with a 20 MB CJK font. Fonts are found with fontconfig (``fc-list``) and read
with HarfBuzz; both are imported or run only when a PDF is asked for.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Union

from .atomic import atomic_write
from .errors import ResourceError

if TYPE_CHECKING:
    import datetime

    from .models import ClozeItem, Transcript, VocabItem
    from .pdf_canvas import Face

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
    """A CJK font: its family name, the file it lives in and the face's index in a collection."""

    family: str
    file: Path
    index: int = 0


def _fc_list() -> list[tuple[Path, list[str], str, int]]:
    """(file, families, style, face index) of each installed font that covers Simplified Chinese."""
    try:
        out = subprocess.run(
            ["fc-list", ":lang=zh-cn", "file", "family", "style", "index"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []  # fontconfig's tools missing: treated as "no font found"
    fonts = []
    for line in out.splitlines():
        # "/path/Font.ttc: Noto Sans CJK SC,Noto Sans CJK SC Regular:style=Regular:index=2"
        path, _, rest = line.partition(": ")
        rest, _, index = rest.partition(":index=")
        families, _, style = rest.partition(":style=")
        if path and families:
            number = int(index) if index.isdigit() else 0
            fonts.append((Path(path), [f.strip() for f in families.split(",")], style, number))
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
        for path, families, _style, index in fonts:
            if wanted in families:
                return FontChoice(wanted, path, index)
    for path, families, _style, index in fonts:
        return FontChoice(families[0], path, index)
    return _known_font_file()


#: Where Chinese fonts live without fontconfig (macOS, Windows) or before it has been told.
FONT_DIRS = (
    "/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts",
    "/System/Library/Fonts", "/Library/Fonts", "~/Library/Fonts", "C:/Windows/Fonts",
)
#: Font files known to hold Simplified Chinese, best first, with their family names.
KNOWN_FILES = (
    ("NotoSansCJK-Regular.ttc", "Noto Sans CJK SC"),
    ("NotoSansCJKsc-Regular.otf", "Noto Sans CJK SC"),
    ("NotoSansSC-Regular.otf", "Noto Sans SC"),
    ("SourceHanSansSC-Regular.otf", "Source Han Sans SC"),
    ("PingFang.ttc", "PingFang SC"),
    ("Hiragino Sans GB.ttc", "Hiragino Sans GB"),
    ("msyh.ttc", "Microsoft YaHei"),
    ("simsun.ttc", "SimSun"),
    ("wqy-zenhei.ttc", "WenQuanYi Zen Hei"),
)


def _known_font_file() -> Optional[FontChoice]:
    """A known Chinese font file in the usual font folders, when fontconfig found none."""
    names = {name.lower(): family for name, family in KNOWN_FILES}
    found: dict[str, Path] = {}
    for folder in FONT_DIRS:
        root = Path(folder).expanduser()
        if root.is_dir():
            for path in root.rglob("*"):
                if path.name.lower() in names:
                    found.setdefault(path.name.lower(), path)
    for name, family in KNOWN_FILES:
        hit = found.get(name.lower())
        if hit is not None:
            return FontChoice(family, hit, _face_index(hit))
    return None


def _face_index(path: Path) -> int:
    """The face of a collection to use: the first Simplified Chinese one (by name), else the first."""
    import uharfbuzz as hb

    blob = hb.Blob.from_file_path(str(path))
    count = hb.Face(blob).count
    for index in range(count):
        name = hb.Face(blob, index).get_name(1) or ""
        if re.search(r"\b(SC|GB|CN)\b|Simplified", name):
            return index
    return 0


@lru_cache(maxsize=4)
def _open_face(path: Path, index: int) -> "Face":
    from .pdf_canvas import Face

    return Face(path, index)


def load_face(font: Optional[Union[str, Path]] = None) -> "Face":
    """The font PDFs are set in: the file ``font`` or else the system's best CJK font.

    Raises :class:`ResourceError` when the file is missing or not a font, or no font is found.
    """
    if importlib.util.find_spec("uharfbuzz") is None:
        raise ResourceError("uharfbuzz is not installed; run: pip install uharfbuzz")
    if font is not None:
        path = Path(font).expanduser()
        if path.is_file() and _FONT_FILE.search(path.name):
            try:
                face = _open_face(path.resolve(), _face_index(path))
            except (ValueError, OSError):
                pass  # not a font after all: the same message as a missing file
            else:
                if not all(face.covers(ch) for ch in "中国的是了"):
                    raise ResourceError(f"font file {font} has no Chinese characters; pass --font PATH to a CJK font")
                return face
        raise ResourceError(f"font file {font} not found or not a font; pass --font PATH to a .ttf, .otf or .ttc file")
    choice = find_cjk_font()
    if choice is None:
        raise ResourceError(NO_FONT)
    try:
        return _open_face(choice.file, choice.index)
    except (ValueError, OSError):
        raise ResourceError(f"cannot read the font {choice.file}; pass --font PATH to another CJK font") from None


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

    Raises :class:`ResourceError` (no font) or :class:`flashgen.errors.OutputError` (cannot write).
    """
    from .print_pdf import render_pdf

    data = render_pdf(transcript, vocab, load_face(font), paper=paper, group_by=group_by, study=study,
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

    data = render_pdf(transcript, items, load_face(font), paper=paper, pinyin_hints=pinyin_hints)
    return atomic_write(path, data)
