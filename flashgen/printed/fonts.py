"""The fonts PDFs are set in: a Chinese font found on the system or given with ``--font``.

Typst sets the text; it finds fonts by family name in the folders it is
given. This module only decides which folder and which family: fontconfig
(``fc-list``) finds the best installed Chinese font, or, where there is none
(macOS, Windows), a known file in the usual font folders; ``--font FILE``
names a .ttf, .otf or .ttc file directly. Typst reads the folder itself
(:class:`typst.Fonts`), so the family name is Typst's own and the Bold face
next to the Regular one is found too.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Union

from flashgen.errors import ResourceError

if TYPE_CHECKING:
    import typst

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

#: Families that draw every tone-marked pinyin letter; with any other, the document checks the
#: letters and takes those a font leaves empty or lacks from :data:`LATIN_FALLBACKS`.
COMPLETE_PINYIN = re.compile(r"^(Noto (Sans|Serif) CJK|Source Han (Sans|Serif))\b")
#: Latin faces for pinyin letters the Chinese font cannot draw, best first ("Libertinus Serif" ships with Typst).
LATIN_FALLBACKS = ("DejaVu Sans", "Noto Sans", "Liberation Sans", "Arial", "Libertinus Serif")

_FONT_FILE = re.compile(r"\.(ttf|otf|ttc|otc)$", re.IGNORECASE)
_SIMPLIFIED = re.compile(r"\b(SC|GB|CN)\b|Simplified")


@dataclass(frozen=True)
class FontChoice:
    """A CJK font: its family name, the file it lives in and the face's index in a collection."""

    family: str
    file: Path
    index: int = 0


@dataclass(frozen=True)
class PdfFonts:
    """What Typst is given: the folders to read fonts from, the text's family and the pinyin fallbacks."""

    family: str
    folders: tuple[Path, ...]
    fallbacks: tuple[str, ...] = ()

    def book(self) -> "typst.Fonts":
        """The fonts of :attr:`folders` as Typst reads them (read once per process)."""
        return _book(self.folders)


@lru_cache(maxsize=8)
def _book(folders: tuple[Path, ...]) -> "typst.Fonts":
    import typst

    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=True, font_paths=[str(f) for f in folders])


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
        return FontChoice(family[path.name.lower()], path)
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


def _family_of(book: "typst.Fonts", file: Path) -> Optional[str]:
    """Typst's family name for the font file ``file``: its Simplified-Chinese face if it has several."""
    target = file.resolve()
    families = [info.family for info in book.fonts() if info.path and Path(info.path).resolve() == target]
    return next((f for f in families if _SIMPLIFIED.search(f)), families[0] if families else None)


def _has_chinese(file: Path) -> Optional[bool]:
    """Whether some face of ``file`` covers Chinese, as fontconfig reads it (None: fontconfig missing)."""
    try:
        out = subprocess.run(["fc-query", "--format", "%{lang}\n", str(file)], capture_output=True, text=True,
                             timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return any(re.search(r"\bzh-(cn|sg|tw|hk|mo)\b", line) for line in out.splitlines())


def _latin_fallbacks(family: str) -> tuple[tuple[Path, ...], tuple[str, ...]]:
    """Folders and families for pinyin letters that ``family`` may not draw (none for complete fonts)."""
    if COMPLETE_PINYIN.match(family):
        return (), ()
    for path, families, _style, _index in _fc_query(":charset=1ce"):  # ǎ, which some Chinese fonts leave empty
        for name in LATIN_FALLBACKS:
            if name in families:
                return (path.parent,), (name, "Libertinus Serif")
    return (), ("Libertinus Serif",)


def load_fonts(font: Optional[Union[str, Path]] = None) -> PdfFonts:
    """The fonts PDFs are set in: the file ``font`` or else the system's best CJK font.

    Raises :class:`ResourceError` when the file is missing, not a font or has
    no Chinese characters, or when no Chinese font is installed.
    """
    if font is not None:
        path = Path(font).expanduser()
        if not (path.is_file() and _FONT_FILE.search(path.name)):
            raise ResourceError(f"font file {font} not found or not a font; pass --font PATH to a .ttf, .otf or .ttc file")
        if _has_chinese(path) is False:
            raise ResourceError(f"font file {font} has no Chinese characters; pass --font PATH to a CJK font")
        folder = path.resolve().parent
        family = _family_of(_book((folder,)), path)
        if family is None:
            raise ResourceError(f"font file {font} not found or not a font; pass --font PATH to a .ttf, .otf or .ttc file")
    else:
        choice = find_cjk_font()
        if choice is None:
            raise ResourceError(NO_FONT)
        folder = choice.file.resolve().parent
        family = choice.family
        if family.lower() not in (f.lower() for f in _book((folder,)).families()):
            family = _family_of(_book((folder,)), choice.file) or family  # Typst may name the family otherwise
    extra, fallbacks = _latin_fallbacks(family)
    folders = (folder, *(f for f in extra if f != folder))
    return PdfFonts(family, folders, fallbacks)
