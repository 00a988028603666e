"""The PDF writer and its line breaking: what a reader of the printed page relies on."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flashgen.printed import fonts
from flashgen.printed.pdf_canvas import Canvas
from flashgen.printed.typeset import ZWSP, Blank, Line, Span, Style, Typesetter

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed; CI installs it")


@pytest.fixture(scope="module")
def typesetter() -> Typesetter:
    return Typesetter(Canvas(fonts.load_fonts()))


def _text(line: Line) -> str:
    return "".join(piece.text for _, piece in line.pieces if isinstance(piece, Span))


@pytest.mark.parametrize(
    ("text", "width", "first_line_ends_with"),
    [
        ("为了稳定中美关系，双方应该相向而行。", 60, None),  # "to stabilise China-US relations, …": breaks between characters
        ("community with a shared future for mankind", 80, " "),  # English breaks at spaces only
    ],
)
def test_lines_fit_and_rejoin(typesetter: Typesetter, text: str, width: float, first_line_ends_with: object) -> None:
    lines = typesetter.wrap([Span(text, Style(10))], width)
    assert len(lines) > 1
    assert all(line.width <= width + 0.01 for line in lines)
    joined = "".join(_text(line) for line in lines)
    assert joined.replace(" ", "") == text.replace(" ", "")
    if first_line_ends_with == " ":
        words = text.split()
        assert _text(lines[0]).split() == words[: len(_text(lines[0]).split())]  # whole words only


def test_no_line_starts_with_closing_punctuation(typesetter: Typesetter) -> None:
    # "，" "。" "”" never open a line; "“" never ends one.
    text = "中方“一国两制”的立场，坚定不移。" * 6
    for width in range(30, 200, 7):
        lines = typesetter.wrap([Span(text, Style(10))], width)
        for line in lines[1:]:
            assert _text(line)[0] not in "，。”、；"
        for line in lines[:-1]:
            assert _text(line)[-1] != "“"


def test_kept_span_and_zero_width_break(typesetter: Typesetter) -> None:
    # A word-bank entry is never cut; a zero-width space is a break that draws nothing.
    lines = typesetter.wrap([Span("中国外交", Style(10)), Span("人类命运共同体", Style(10), keep=True)], 90)
    assert [_text(line) for line in lines] == ["中国外交", "人类命运共同体"]
    lines = typesetter.wrap([Span(f"rén{ZWSP}lèi{ZWSP}mìng{ZWSP}yùn", Style(10))], 35)
    assert len(lines) > 1 and ZWSP not in "".join(_text(line) for line in lines)


def test_blank_keeps_the_following_comma(typesetter: Typesetter) -> None:
    items = [Span("为了稳定", Style(11)), Blank(40, Style(11)), Span("，双方", Style(11))]
    width = typesetter.measure(items[0]) + 40 + 2  # the comma does not fit after the blank
    lines = typesetter.wrap(items, width)
    assert isinstance(lines[1].pieces[0][1], Blank)  # the blank moved down with its comma
    assert _text(lines[0]) == "为了稳定"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("中国外交政策，。“”《》abc xyz 123") + [ZWSP, "\n"]), max_size=80),
       st.floats(min_value=12, max_value=300))
def test_wrap_keeps_every_character(text: str, width: float) -> None:
    typesetter = Typesetter(Canvas(fonts.load_fonts()))
    lines = typesetter.wrap([Span(text, Style(9))], width)
    shown = "".join(_text(line) for line in lines)
    # Only spaces at line ends, zero-width spaces and newlines are dropped.
    assert shown.replace(" ", "") == re.sub(f"[ \n{ZWSP}]", "", text)
    for line in lines:
        assert line.width <= width + 0.01 or len(line.pieces) == 1


@needs_poppler
def test_canvas_text_round_trips_through_poppler(tmp_path: Path) -> None:
    canvas = Canvas(fonts.load_fonts(), "标题 title")
    page = canvas.new_page(300, 200)
    canvas.text(page, 20, 40, "人类命运共同体 rénlèi mìngyùn gòngtóngtǐ", 10, bold=True)
    canvas.text(page, 20, 60, "“一国两制” — ǚ ü", 10, (0.9, 0, 0))
    data = canvas.to_bytes()
    assert data == canvas.to_bytes()  # no timestamps: the same drawing gives the same file
    path = tmp_path / "c.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "人类命运共同体 rénlèi mìngyùn gòngtóngtǐ" in text and "“一国两制” — ǚ ü" in text
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Title:\s+标题 title", info)
    embedded = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert len(embedded) == 1
    assert re.match(r"[A-Z]{6}\+", embedded[0].split()[0])  # a subset


@needs_poppler
def test_canvas_draws_real_glyphs(tmp_path: Path) -> None:
    # Rendered by poppler, a drawn character puts ink on the page (a broken glyph mapping draws nothing or boxes).
    canvas = Canvas(fonts.load_fonts())
    page = canvas.new_page(100, 60)
    canvas.text(page, 10, 40, "国", 40)
    path = tmp_path / "g.pdf"
    path.write_bytes(canvas.to_bytes())
    subprocess.run(["pdftoppm", "-r", "36", "-gray", str(path), str(tmp_path / "g")], check=True)
    pgm = next(tmp_path.glob("g*.pgm")).read_bytes()
    pixels = pgm.split(b"\n", 3)[3]
    dark = sum(1 for b in pixels if b < 128)
    assert 20 < dark < len(pixels) // 3


DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # fonts-dejavu-core (scripts/install-system-deps.sh)


@needs_poppler
def test_truetype_fonts_embed_too(tmp_path: Path) -> None:
    # Noto CJK is CFF; a TrueType (glyf) font takes the other path (CIDFontType2, FontFile2).
    from flashgen.printed.pdf_canvas import Face

    canvas = Canvas(Face(DEJAVU))
    page = canvas.new_page(200, 100)
    canvas.text(page, 10, 40, "pīnyīn — ǚ ü Zhōngguó", 12)
    path = tmp_path / "t.pdf"
    path.write_bytes(canvas.to_bytes())
    embedded = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "CID TrueType" in embedded
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "pīnyīn — ǚ ü Zhōngguó" in text


def test_a_font_without_chinese_is_refused(tmp_path: Path) -> None:
    from flashgen.errors import ResourceError

    with pytest.raises(ResourceError, match="has no Chinese characters"):
        fonts.load_face(DEJAVU)


def test_cross_reference_table_points_at_every_object() -> None:
    # Viewers silently rebuild a broken table (poppler does): check the offsets themselves.
    canvas = Canvas(fonts.load_fonts(), "标题")
    for n in range(3):
        page = canvas.new_page(200, 100)
        canvas.text(page, 10, 40, f"第{n + 1}页 page", 12)
        canvas.link(page, 10, 50, 50, 10, "https://example.org/(x)")
    data = canvas.to_bytes()
    start = int(data[data.rindex(b"startxref") + 9:].split()[0])
    assert data[start:start + 4] == b"xref"
    lines = data[start:].split(b"\n")
    first, count = map(int, lines[1].split())
    assert first == 0 and count > 10
    for number, line in enumerate(lines[3:3 + count - 1], 1):
        offset = int(line[:10])
        assert data[offset:].startswith(f"{number} 0 obj".encode()), number
    assert b"/Count 3" in data and data.rstrip().endswith(b"%%EOF")


def test_unknown_paper_is_refused() -> None:
    from flashgen.printed.typeset import paper

    assert round(paper("letter", (10, 10, 10, 10)).inner_width, 2) == round(612 - 2 * 10 * 72 / 25.4, 2)
    with pytest.raises(ValueError, match="paper must be one of a4, letter"):
        paper("a5", (10, 10, 10, 10))


def _hanzi_only_font(tmp_path: Path) -> Path:
    """A Chinese font without Latin letters: the system's CJK font cut down to a few hanzi."""
    import uharfbuzz as hb

    real = fonts.find_cjk_font()
    assert real is not None, "fonts-noto-cjk (or another Chinese font) must be installed"
    face = hb.Face(hb.Blob.from_file_path(str(real.file)), real.index)
    wanted = hb.SubsetInput()
    for ch in "香港中国的是了人":
        wanted.unicode_set.add(ord(ch))
    path = tmp_path / "hanzi-only.otf"
    path.write_bytes(bytes(hb.subset(face, wanted).blob.data))
    return path


@needs_poppler
def test_pinyin_letters_the_font_lacks_come_from_a_fallback(tmp_path: Path) -> None:
    # 香港 Xiānggǎng: with a font that has the hanzi but not ā or ǎ, the reading keeps its tones.
    stack = fonts.load_fonts(_hanzi_only_font(tmp_path))
    assert len(stack.faces) == 2
    assert stack.pick("香")[0] == 0 and stack.pick("ǎ")[0] == 1 and stack.covers("ǎ")
    canvas = Canvas(stack)
    page = canvas.new_page(200, 80)
    width = canvas.text(page, 10, 40, "香港 Xiānggǎng", 12)
    assert width == pytest.approx(stack.width("香港 Xiānggǎng", 12))
    path = tmp_path / "mixed.pdf"
    path.write_bytes(canvas.to_bytes())
    embedded = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert len(embedded.splitlines()[2:]) == 2
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "香港 Xiānggǎng" in text


WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")  # fonts-wqy-microhei (scripts/install-system-deps.sh)


def test_an_empty_glyph_counts_as_missing() -> None:
    # WenQuanYi Micro Hei maps ǎ and ǚ to glyphs with no outline: drawn, 香港 would read "Xiāngg ng".
    stack = fonts.load_fonts(WQY)
    primary = stack.primary
    assert primary.covers("中") and primary.covers("ā") and primary.covers(" ")
    assert not primary.covers("ǎ") and not primary.covers("ǚ")
    assert stack.pick("ǎ")[0] == 1 and stack.pick("ā")[0] == 0  # the fallback draws only what is missing
