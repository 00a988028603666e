"""The fonts PDFs are set in: a Chinese font found on the system or given, and fallbacks.

Fonts are found with fontconfig (``fc-list``) or, where there is none (macOS,
Windows), among known files in the usual font folders, and read with
HarfBuzz. A fallback face draws what the Chinese font lacks: WenQuanYi, for
one, has no ǎ, and a reading must never lose its tone mark.
"""

from __future__ import annotations

import importlib.util
import itertools
import re
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Union

from flashgen.errors import ResourceError

if TYPE_CHECKING:
    from flashgen.printed.pdf_canvas import Face, Fonts

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
    return _fc_query(":lang=zh-cn")


def _fc_query(pattern: str) -> list[tuple[Path, list[str], str, int]]:
    """(file, families, style, face index) of each installed font matching a fontconfig ``pattern``."""
    try:
        out = subprocess.run(
            ["fc-list", pattern, "file", "family", "style", "index"],
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
    family = dict((name.lower(), family) for name, family in KNOWN_FILES)
    for path in _known_files(tuple(name for name, _ in KNOWN_FILES)):
        return FontChoice(family[path.name.lower()], path, _face_index(path))
    return None


def _known_files(names: tuple[str, ...]) -> list[Path]:
    """The files called one of ``names`` in FONT_DIRS, in the order of ``names``."""
    wanted = [name.lower() for name in names]
    found: dict[str, Path] = {}
    for folder in FONT_DIRS:
        root = Path(folder).expanduser()
        if root.is_dir():
            for path in root.rglob("*"):
                if path.name.lower() in wanted:
                    found.setdefault(path.name.lower(), path)
    return [found[name] for name in wanted if name in found]


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


@lru_cache(maxsize=16)
def _open_face(path: Path, index: int) -> "Face":
    from flashgen.printed.pdf_canvas import Face

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


#: What a Chinese font must draw besides hanzi: pinyin's tone-marked vowels.
PINYIN_LETTERS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüĀÁǍÀĒÉĚÈŌÓǑÒ"
#: Faces that can draw those, best first (family names for fontconfig).
FALLBACK_FAMILIES = ("Noto Sans CJK SC", "DejaVu Sans", "Noto Sans", "Liberation Sans", "Arial")
#: The same, as files in the usual font folders when there is no fontconfig.
FALLBACK_FILES = ("NotoSansCJK-Regular.ttc", "DejaVuSans.ttf", "NotoSans-Regular.ttf", "LiberationSans-Regular.ttf",
                  "Arial Unicode.ttf", "arial.ttf")


def load_fonts(font: Optional[Union[str, Path]] = None) -> "Fonts":
    """The faces PDFs are set in: :func:`load_face`, then a fallback for the pinyin letters it lacks.

    Raises :class:`ResourceError` as :func:`load_face` does.
    """
    from flashgen.printed.pdf_canvas import Fonts

    primary = load_face(font)
    missing = [ch for ch in PINYIN_LETTERS if not primary.covers(ch)]
    fallback = _fallback_face(tuple(missing)) if missing else None
    return Fonts([primary] if fallback is None else [primary, fallback])


@lru_cache(maxsize=8)
def _fallback_face(missing: tuple[str, ...]) -> "Optional[Face]":
    """The best installed face that has every ``missing`` letter: FALLBACK_FAMILIES first
    (fontconfig), regular styles first, then FALLBACK_FILES in the usual folders; None if none has."""

    def rank(font: tuple[Path, list[str], str, int]) -> tuple[int, bool, str]:
        path, families, style, _index = font
        best = min((FALLBACK_FAMILIES.index(f) for f in families if f in FALLBACK_FAMILIES), default=len(FALLBACK_FAMILIES))
        return best, style not in ("Regular", "Book"), str(path)

    found = ((path, index) for path, _f, _s, index in sorted(_fc_list_covering(missing[0]), key=rank))
    # The folders are searched only when fontconfig offers nothing that fits.
    known = ((path, _face_index(path)) for path in _known_files(FALLBACK_FILES))
    for path, index in itertools.chain(found, known):
        try:
            face = _open_face(path, index)
        except (ValueError, OSError):
            continue
        if all(face.covers(ch) for ch in missing):
            return face
    return None


def _fc_list_covering(char: str) -> list[tuple[Path, list[str], str, int]]:
    """(file, families, style, face index) of each installed font that has ``char`` (fontconfig)."""
    return _fc_query(f":charset={ord(char):x}")
