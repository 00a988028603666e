"""A small PDF writer: pages of positioned text, lines and boxes in one embedded CJK font.

This is all the printed list and the worksheet need, and it is fast: glyph
lookup, advance widths and font subsetting are HarfBuzz calls (uharfbuzz), the
file is a few dozen PDF objects written by hand. The font is embedded as a
subset of the glyphs drawn, and text is written as the subset's glyph ids
(``Identity-H``); a ``ToUnicode`` map lets viewers copy and search the text.

Coordinates are points from the page's top-left corner; the writer flips them
to PDF's bottom-left origin. Bold is drawn by stroking the glyph outline
(text render mode 2), so one font file serves both weights.
"""

from __future__ import annotations

import unicodedata
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence, Union

Colour = tuple[float, float, float]
BLACK: Colour = (0.0, 0.0, 0.0)

#: Stroke width of faux bold, as a fraction of the font size.
BOLD_STROKE = 0.035


def hex_colour(value: str) -> Colour:
    """``"#rrggbb"`` as an (r, g, b) triple of 0–1 floats."""
    value = value.lstrip("#")
    return (int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255)


def printable(text: str) -> str:
    """``text`` as drawn: tabs and line breaks become spaces; other control and format
    characters (bell, zero-width joiner, BOM…) are dropped rather than drawn as boxes."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch in "\t\n\r\x0b\x0c":
            out.append(" ")
        elif unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            out.append(ch)
    return "".join(out)


class Face:
    """One face of a font file (``index`` picks a face in a .ttc collection)."""

    def __init__(self, path: Union[str, Path], index: int = 0) -> None:
        import uharfbuzz as hb

        self.path = Path(path)
        self._hb = hb
        self.face = hb.Face(hb.Blob.from_file_path(str(path)), index)
        if self.face.glyph_count == 0:
            raise ValueError(f"{path}: not a font (no glyphs)")
        self.font = hb.Font(self.face)
        self.upem = self.face.upem
        extents = self.font.get_font_extents("ltr")
        self.ascent = extents.ascender / self.upem
        self.descent = extents.descender / self.upem  # negative
        self.name = _postscript_name(self.face) or self.path.stem
        self._glyphs: dict[str, tuple[int, float]] = {}

    def glyph(self, char: str) -> tuple[int, float]:
        """(glyph id, advance in em) of ``char``; glyph 0 (.notdef) when the font lacks it.

        A glyph with no outline counts as lacking, unless ``char`` is a space:
        some fonts map letters they do not draw (WenQuanYi's ǎ and ǚ are empty).
        """
        found = self._glyphs.get(char)
        if found is None:
            gid = self.font.get_nominal_glyph(ord(char)) or 0
            if gid and not char.isspace():
                extents = self.font.get_glyph_extents(gid)
                if extents is None or (extents.width == 0 and extents.height == 0):
                    gid = 0
            found = (gid, self.font.get_glyph_h_advance(gid) / self.upem)
            self._glyphs[char] = found
        return found

    def covers(self, char: str) -> bool:
        """True when the font has a glyph for ``char``."""
        return self.glyph(char)[0] != 0

    def subset(self, gids: set[int]) -> tuple[bytes, dict[int, int]]:
        """The font file cut down to ``gids``, and the map from old glyph ids to the subset's."""
        hb = self._hb
        inp = hb.SubsetInput()
        for gid in sorted(gids | {0}):
            inp.glyph_set.add(gid)
        # No layout closure: only the glyphs drawn. An identity charset makes a CID-keyed
        # CFF font's CIDs equal its glyph ids, which is what Identity-H text refers to.
        inp.flags = (
            hb.SubsetFlags.DESUBROUTINIZE | hb.SubsetFlags.NO_HINTING
            | hb.SubsetFlags.NO_LAYOUT_CLOSURE | hb.SubsetFlags.CFF_IDENTITY_CHARSET
        )
        for tag in ("GSUB", "GPOS", "BASE", "DSIG", "JSTF", "SVG ", "VORG", "vhea", "vmtx"):
            inp.drop_table_tag_set.add(_tag(tag))
        plan = hb.SubsetPlan(self.face, inp)
        sub = plan.execute()
        if sub is None:
            raise ValueError(f"{self.path}: HarfBuzz could not subset this font")
        return bytes(sub.blob.data), dict(plan.old_to_new_glyph_mapping)


class Fonts:
    """A primary face and fallbacks: each character is drawn with the first face that has it.

    A Chinese font may lack the tone-marked vowels of pinyin (WenQuanYi has no
    ǎ); a fallback face draws them, so a reading never loses its tone.
    """

    def __init__(self, faces: Sequence[Face]) -> None:
        if not faces:
            raise ValueError("no font face")
        self.faces = list(faces)
        self._picks: dict[str, tuple[int, int, float]] = {}

    @property
    def primary(self) -> Face:
        return self.faces[0]

    def pick(self, char: str) -> tuple[int, int, float]:
        """(face index, glyph id, advance in em) of ``char``: the primary's .notdef when no face has it."""
        found = self._picks.get(char)
        if found is None:
            for index, face in enumerate(self.faces):
                gid, advance = face.glyph(char)
                if gid:
                    found = (index, gid, advance)
                    break
            else:
                found = (0, *self.faces[0].glyph(char))
            self._picks[char] = found
        return found

    def width(self, text: str, size: float) -> float:
        """Advance width of ``text`` at ``size`` points (as :meth:`Canvas.text` draws it)."""
        pick = self.pick
        return sum(pick(ch)[2] for ch in printable(text)) * size

    def covers(self, char: str) -> bool:
        """True when some face has a glyph for ``char``."""
        return self.pick(char)[1] != 0


def _tag(name: str) -> int:
    return int.from_bytes(name.encode("ascii"), "big")


def _postscript_name(face: object) -> str:
    try:
        name = face.get_name(6)  # type: ignore[attr-defined]  # PostScript name
    except Exception:  # older uharfbuzz or no name table: the file stem will do
        return ""
    return "".join(ch for ch in (name or "") if ch.isalnum() or ch in "-_")


@dataclass
class _Page:
    width: float
    height: float
    # A drawing operator, or a text run kept as (face index, before, characters, after) until
    # the fonts are subset and the characters' glyph ids in the subsets are known.
    ops: list[Union[str, tuple[int, str, str, str]]] = field(default_factory=list)
    links: list[tuple[float, float, float, float, str]] = field(default_factory=list)


class Canvas:
    """Pages being drawn with :class:`Fonts` (or one :class:`Face`); :meth:`to_bytes` writes the PDF."""

    def __init__(self, fonts: Union[Fonts, Face], title: str = "") -> None:
        self.fonts = fonts if isinstance(fonts, Fonts) else Fonts([fonts])
        self.title = title
        self.pages: list[_Page] = []
        # Per face: each character drawn with it -> its glyph id in that face.
        self._chars: list[dict[str, int]] = [{} for _ in self.fonts.faces]

    def new_page(self, width: float, height: float) -> int:
        """Start a page of ``width`` × ``height`` points; returns its index."""
        self.pages.append(_Page(width, height))
        return len(self.pages) - 1

    def text(
        self,
        page: int,
        x: float,
        y: float,
        text: str,
        size: float,
        colour: Colour = BLACK,
        bold: bool = False,
    ) -> float:
        """Draw ``text`` with its baseline at (x, y) on ``page``; returns its width."""
        if not text:
            return 0.0
        p = self.pages[page]
        rgb = _rgb(colour)
        mode = f"2 Tr {size * BOLD_STROKE:.3f} w {rgb} RG " if bold else ""
        width = 0.0
        for index, run in self._runs(printable(text)):
            at = f"{x + width * size:.2f} {p.height - y:.2f}"
            p.ops.append((index, f"BT /F{index + 1} {size:.2f} Tf {mode}{rgb} rg {at} Td <", run, "> Tj ET"))
            for ch in run:
                _, gid, advance = self.fonts.pick(ch)
                self._chars[index][ch] = gid
                width += advance
        if bold:
            p.ops.append("0 Tr")
        return width * size

    def _runs(self, text: str) -> list[tuple[int, str]]:
        """``text`` cut into runs drawn with the same face: (face index, run)."""
        runs: list[tuple[int, str]] = []
        for ch in text:
            index = self.fonts.pick(ch)[0]
            if runs and runs[-1][0] == index:
                runs[-1] = (index, runs[-1][1] + ch)
            else:
                runs.append((index, ch))
        return runs

    def line(self, page: int, x1: float, y1: float, x2: float, y2: float, width: float = 0.5,
             colour: Colour = BLACK) -> None:
        """A straight line from (x1, y1) to (x2, y2)."""
        p = self.pages[page]
        p.ops.append(
            f"{width:.2f} w {_rgb(colour)} RG {x1:.2f} {p.height - y1:.2f} m {x2:.2f} {p.height - y2:.2f} l S"
        )

    def rect(self, page: int, x: float, y: float, w: float, h: float, fill: Optional[Colour] = None,
             stroke: Optional[Colour] = None, width: float = 0.5) -> None:
        """A box with top-left corner (x, y), filled and/or outlined."""
        p = self.pages[page]
        paint = "B" if fill and stroke else "f" if fill else "S"
        style = (f"{_rgb(fill)} rg " if fill else "") + (f"{width:.2f} w {_rgb(stroke)} RG " if stroke else "")
        p.ops.append(f"{style}{x:.2f} {p.height - y - h:.2f} {w:.2f} {h:.2f} re {paint}")

    def link(self, page: int, x: float, y: float, w: float, h: float, uri: str) -> None:
        """Make the box at (x, y) of size w × h a link to ``uri``."""
        self.pages[page].links.append((x, y, w, h, uri))

    def to_bytes(self) -> bytes:
        """The whole document as PDF 1.7 bytes (no timestamps: the same input gives the same file)."""
        return _Writer(self).write()


def _rgb(colour: Colour) -> str:
    return " ".join(f"{c:.3f}" for c in colour)


def _pdf_string(text: str) -> str:
    """A PDF text string (UTF-16BE with BOM), so titles in Chinese survive."""
    return "<feff" + text.encode("utf-16-be").hex() + ">"


class _Writer:
    """Serialises a :class:`Canvas`: catalog, pages, one Type0 font, info."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.objects: list[bytes] = []

    def add(self, body: Union[str, bytes]) -> int:
        self.objects.append(body.encode("latin-1") if isinstance(body, str) else body)
        return len(self.objects)

    def stream(self, data: bytes, extra: str = "") -> int:
        packed = zlib.compress(data, 6)
        head = f"<< /Length {len(packed)} /Filter /FlateDecode {extra}>>\nstream\n".encode("latin-1")
        return self.add(head + packed + b"\nendstream")

    def write(self) -> bytes:
        canvas = self.canvas
        fonts: dict[int, int] = {}  # face index -> its font object
        codes: dict[tuple[int, str], str] = {}
        for index, chars in enumerate(canvas._chars):
            if chars:
                fonts[index] = self._font(canvas.fonts.faces[index], chars, codes, index)
        pages_ref = self.add("")  # placeholder, filled once the kids are known
        kids = []
        for page in canvas.pages:
            ops = [
                op if isinstance(op, str) else op[1] + "".join(codes[op[0], ch] for ch in op[2]) + op[3]
                for op in page.ops
            ]
            content = self.stream("\n".join(ops).encode("latin-1"))
            annots = ""
            if page.links:
                refs = [
                    self.add(
                        f"<< /Type /Annot /Subtype /Link /Border [0 0 0] /Rect [{x:.2f} {page.height - y - h:.2f} "
                        f"{x + w:.2f} {page.height - y:.2f}] /A << /S /URI /URI ({_escape_literal(uri)}) >> >>"
                    )
                    for x, y, w, h, uri in page.links
                ]
                annots = " /Annots [" + " ".join(f"{r} 0 R" for r in refs) + "]"
            used = " ".join(f"/F{index + 1} {ref} 0 R" for index, ref in sorted(fonts.items()))
            resources = f"/Font << {used} >>" if used else ""
            kids.append(
                self.add(
                    f"<< /Type /Page /Parent {pages_ref} 0 R /MediaBox [0 0 {page.width:.2f} {page.height:.2f}] "
                    f"/Resources << {resources} >> /Contents {content} 0 R{annots} >>"
                )
            )
        self.objects[pages_ref - 1] = (
            f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>"
        ).encode("latin-1")
        catalog = self.add(f"<< /Type /Catalog /Pages {pages_ref} 0 R >>")
        info = self.add(f"<< /Title {_pdf_string(canvas.title)} /Producer (flashgen) >>")
        return self._serialise(catalog, info)

    def _font(self, face: Face, chars: dict[str, int], codes: dict[tuple[int, str], str], index: int) -> int:
        """The Type0 font object of ``face`` for ``chars``; adds each character's glyph code
        (4 hex digits) in the subset to ``codes`` under (``index``, character)."""
        used = set(chars.values())
        data, new_ids = face.subset(used)
        for ch, gid in chars.items():
            codes[index, ch] = f"{new_ids.get(gid, 0):04x}"
        subset: dict[int, str] = {}  # glyph id in the subset -> the character it was drawn for
        for ch, gid in chars.items():
            subset.setdefault(new_ids.get(gid, 0), ch)
        otf = data[:4] == b"OTTO"
        seed = sum(used) + 7919 * index
        tag = "".join(chr(65 + (seed // 26 ** i) % 26) for i in range(6))  # subset tag: six capitals
        name = f"/{tag}+{face.name}"
        font_file = self.stream(data, "/Subtype /OpenType " if otf else f"/Length1 {len(data)} ")
        scale = 1000 / face.upem
        widths = " ".join(
            f"{new_ids.get(gid, 0)} [{round(face.font.get_glyph_h_advance(gid) * scale)}]" for gid in sorted(used)
        )
        ascent, descent = round(face.ascent * 1000), round(face.descent * 1000)
        descriptor = self.add(
            f"<< /Type /FontDescriptor /FontName {name} /Flags 4 /FontBBox [-1000 {descent} 2000 {ascent}] "
            f"/ItalicAngle 0 /Ascent {ascent} /Descent {descent} /CapHeight {ascent} /StemV 80 "
            f"/{'FontFile3' if otf else 'FontFile2'} {font_file} 0 R >>"
        )
        cid_font = self.add(
            f"<< /Type /Font /Subtype /{'CIDFontType0' if otf else 'CIDFontType2'} /BaseFont {name} "
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
            f"/FontDescriptor {descriptor} 0 R /W [{widths}]{'' if otf else ' /CIDToGIDMap /Identity'} >>"
        )
        to_unicode = self.stream(_to_unicode_cmap(subset))
        return self.add(
            f"<< /Type /Font /Subtype /Type0 /BaseFont {name} /Encoding /Identity-H "
            f"/DescendantFonts [{cid_font} 0 R] /ToUnicode {to_unicode} 0 R >>"
        )

    def _serialise(self, catalog: int, info: int) -> bytes:
        out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(self.objects, 1):
            offsets.append(len(out))
            out += f"{number} 0 obj\n".encode("latin-1") + body + b"\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {len(self.objects) + 1}\n0000000000 65535 f \n".encode("latin-1")
        out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode("latin-1")
        out += (
            f"trailer\n<< /Size {len(self.objects) + 1} /Root {catalog} 0 R /Info {info} 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n"
        ).encode("latin-1")
        return bytes(out)


def _escape_literal(text: str) -> str:
    safe = text.encode("ascii", "replace").decode("ascii")
    return safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _to_unicode_cmap(used: dict[int, str]) -> bytes:
    """A ToUnicode CMap from glyph ids to the characters they were drawn for."""
    lines = [
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
        "1 begincodespacerange", "<0000> <ffff>", "endcodespacerange",
    ]
    items = sorted((gid, ch) for gid, ch in used.items() if gid)  # .notdef maps to nothing
    for start in range(0, len(items), 100):
        batch = items[start:start + 100]
        lines.append(f"{len(batch)} beginbfchar")
        lines += [f"<{gid:04x}> <{ch.encode('utf-16-be').hex()}>" for gid, ch in batch]
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode("ascii")
