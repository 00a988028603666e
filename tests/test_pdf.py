"""The PDFs as Typst sets them: read back with poppler (text, fonts, pages) and looked at as pixels."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from flashgen.chinese.tones import TONE_COLOURS
from flashgen.errors import ResourceError
from flashgen.models import ClozeItem
from flashgen.printed import fonts, pdf
from flashgen.printed.typst_run import compile_pdf
from test_printing import DAY, item, transcript, vocab

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="poppler-utils (pdftotext, pdffonts, pdfinfo, pdftoppm) is not installed; CI installs it")

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")  # fonts-wqy-microhei (scripts/install-system-deps.sh)


def _run(*cmd: str) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def _text(path: Path, *pages: int) -> str:
    span = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    return _run("pdftotext", "-enc", "UTF-8", *span, str(path), "-")


def _fonts(path: Path) -> list[list[str]]:
    """pdffonts' rows split in columns (the last five: emb sub uni object-id generation)."""
    return [line.split() for line in _run("pdffonts", str(path)).splitlines()[2:]]


@pytest.fixture(scope="module")
def listing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The toy list repeated over several pages."""
    return pdf.write_vocab_pdf(transcript(), vocab() * 12, tmp_path_factory.mktemp("pdf") / "v.pdf", generated=DAY)


def test_typst_made_it_every_font_embedded_with_a_real_bold(listing: Path) -> None:
    info = _run("pdfinfo", str(listing))
    assert re.search(r"(?m)^(Creator|Producer):\s+Typst \d", info)
    assert not re.search(r"(?m)^CreationDate:", info)  # no timestamp
    rows = _fonts(listing)
    assert rows and all(row[-5] == "yes" and row[-4] == "yes" for row in rows)  # embedded, subset
    names = [row[0] for row in rows]
    # Headwords and first meanings in the font's own Bold face, not stroked outlines of the Regular.
    assert any("CJK" in n and "Bold" in n for n in names) and any("CJK" in n and "Regular" in n for n in names)


def test_identical_input_gives_identical_bytes(tmp_path: Path) -> None:
    first = pdf.write_vocab_pdf(transcript(), vocab(), tmp_path / "a.pdf", generated=DAY).read_bytes()
    second = pdf.write_vocab_pdf(transcript(), vocab(), tmp_path / "b.pdf", generated=DAY).read_bytes()
    assert first == second


def _pixels(path: Path, page: int, tmp_path: Path) -> tuple[int, int, bytes]:
    """Width, height and RGB bytes of one page rendered by poppler (a binary PPM)."""
    stem = tmp_path / f"page{page}"
    subprocess.run(["pdftoppm", "-r", "100", "-f", str(page), "-l", str(page), str(path), str(stem)], check=True)
    data = next(tmp_path.glob(f"page{page}*.ppm")).read_bytes()
    magic, width, height, _maxval, pixels = data.split(maxsplit=4)
    assert magic == b"P6"
    return int(width), int(height), pixels


def _count_near(pixels: bytes, colour: str, tolerance: int = 40) -> int:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return sum(1 for i in range(0, len(pixels) - 2, 3)
               if abs(pixels[i] - r) + abs(pixels[i + 1] - g) + abs(pixels[i + 2] - b) <= tolerance)


def test_pinyin_is_coloured_by_tone_on_the_page(tmp_path: Path) -> None:
    # Page 2 has no tone legend: every colour there comes from the readings of the rows.
    words = [item("多边主义", "", "duōbiān zhǔyì", "duo1 bian1 zhu3 yi4", ["multilateralism"]),  # tones 1 1 3 4
             item("国家", "", "guójiā", "guo2 jia1", ["country"])] * 40  # tones 2 1
    path = pdf.write_vocab_pdf(transcript(), words, tmp_path / "tones.pdf", generated=DAY)
    _w, _h, pixels = _pixels(path, 2, tmp_path)
    for tone in (1, 2, 3, 4):
        assert _count_near(pixels, TONE_COLOURS[tone]) > 20, f"no tone {tone} colour on the page"


def test_a_list_without_readings_has_no_tone_colours(tmp_path: Path) -> None:
    # The counter-check of the test above: words without a numbered reading print uncoloured.
    plain = [item(f"词{i}", "", "cí", "", ["word"]) for i in range(60)]
    path = pdf.write_vocab_pdf(transcript(), plain, tmp_path / "plain.pdf", generated=DAY)
    _w, _h, pixels = _pixels(path, 2, tmp_path)
    assert all(_count_near(pixels, TONE_COLOURS[tone]) == 0 for tone in (1, 2, 3, 4))


@pytest.mark.parametrize(
    ("pinyin", "numbered", "pieces"),
    [
        # 人类: run-together syllables get a zero-width break between them
        ("rénlèi", "ren2 lei4", [["rén", 2], ["\u200b", 0], ["lèi", 4]]),
        # 多边主义: the written space is kept as it is, no extra break
        ("duōbiān zhǔyì", "duo1 bian1 zhu3 yi4",
         [["duō", 1], ["\u200b", 0], ["biān", 1], [" ", 0], ["zhǔ", 3], ["\u200b", 0], ["yì", 4]]),
        # no numbered reading: the text as given, uncoloured
        ("a<b>", "", [["a<b>", 0]]),
    ],
)
def test_pinyin_pieces(pinyin: str, numbered: str, pieces: list[list[object]]) -> None:
    assert pdf.pinyin_pieces(pinyin, numbered) == pieces


def test_pinyin_breaks_between_syllables_never_inside_one(tmp_path: Path) -> None:
    # 人类命运共同体 written as one run: too wide for the pinyin column, it must wrap at a syllable.
    syllables = ["rén", "lèi", "mìng", "yùn", "gòng", "tóng", "tǐ"]
    word = item("人类命运共同体", "", "".join(syllables), "ren2 lei4 ming4 yun4 gong4 tong2 ti3", ["community"], (2,))
    path = pdf.write_vocab_pdf(transcript(), [word], tmp_path / "p.pdf", generated=DAY)
    lines = [line.strip() for line in _text(path).splitlines()]
    pieces = [line for line in lines if line and set(line) <= set("".join(syllables))]
    assert len(pieces) >= 2 and "".join(pieces) == "".join(syllables)
    whole = re.compile(f"(?:{'|'.join(syllables)})+")
    assert all(whole.fullmatch(piece) for piece in pieces), pieces


def test_transcript_text_is_never_markup(tmp_path: Path) -> None:
    # Typst markup in the title and a meaning is printed as it is (the data goes in as JSON).
    hostile = '#set page(fill: red) *bold* _em_ $x^2$ <label> @ref "quote" \\ #panic("x")'
    words = vocab()
    words[0].meanings = [hostile]
    path = pdf.write_vocab_pdf(transcript(title=hostile), words, tmp_path / "h.pdf", generated=DAY)
    text = " ".join(_text(path).split())
    assert text.count('#set page(fill: red) *bold* _em_ $x^2$ <label> @ref "quote" \\ #panic("x")') >= 2


def test_a_missing_font_family_is_a_resource_error() -> None:
    # Typst only warns and draws boxes in its own Latin font; flashgen stops with the package to install.
    found = fonts.find_cjk_font()
    assert found is not None, "fonts-noto-cjk (or another Chinese font) must be installed"
    wrong = fonts.PdfFonts("No Such Font SC", (found.file.parent,))
    data = pdf.vocab_data(transcript(), vocab(), generated=DAY)
    with pytest.raises(ResourceError, match=r"unknown font family: no such font sc; .*fonts-noto-cjk"):
        compile_pdf("vocab.typ", data, wrong)


def test_font_file_with_empty_tone_letters_takes_them_from_a_latin_face(tmp_path: Path) -> None:
    # WenQuanYi Micro Hei maps ǎ and ǚ to empty glyphs: 香港 would read "Xiāngg ng" without the fallback.
    if not WQY.is_file():
        pytest.skip("fonts-wqy-microhei is not installed; CI installs it")
    chosen = fonts.load_fonts(WQY)
    assert chosen.family == "WenQuanYi Micro Hei" and chosen.fallbacks
    hongkong = item("香港", "", "Xiānggǎng", "Xiang1 gang3", ["Hong Kong"])
    path = pdf.write_vocab_pdf(transcript(), [hongkong], tmp_path / "w.pdf", font=WQY, generated=DAY)
    names = [row[0] for row in _fonts(path)]
    assert any("WenQuanYi" in n for n in names)
    assert any(chosen.fallbacks[0].replace(" ", "") in n for n in names), names  # drew the ǎ
    assert "Xiānggǎng" in _text(path)


def test_a_complete_font_needs_no_fallback() -> None:
    found = fonts.find_cjk_font()
    assert found is not None and found.family == "Noto Sans CJK SC"  # fonts-noto-cjk (scripts/install-system-deps.sh)
    assert fonts.load_fonts().fallbacks == () and fonts.load_fonts(found.file).family == "Noto Sans CJK SC"


def test_a_font_without_chinese_is_refused() -> None:
    dejavu = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # fonts-dejavu-core
    with pytest.raises(ResourceError, match="has no Chinese characters"):
        fonts.load_fonts(dejavu)


def test_balanced_answer_key(tmp_path: Path) -> None:
    # Forty short entries fit on one page: the two columns hold twenty each.
    words = [item(f"词语{i:02d}", "", "cíyǔ", "ci2 yu3", ["word"]) for i in range(40)]
    path = pdf.write_vocab_pdf(transcript(), words, tmp_path / "k.pdf", study=True, generated=DAY)
    pages = _text(path).split("\f")
    last = next(n for n, page in enumerate(pages, 1) if "Answer key" in page)
    boxes = _run("pdftotext", "-bbox", "-f", str(last), "-l", str(last), str(path), "-")
    width = float(re.search(r'<page width="([\d.]+)"', boxes).group(1))  # type: ignore[union-attr]
    numbers = re.findall(r'<word xMin="([\d.]+)"[^>]*>(\d+)\.</word>', boxes)
    left = [int(n) for x, n in numbers if float(x) < width / 2]
    right = [int(n) for x, n in numbers if float(x) >= width / 2]
    assert left == list(range(1, 21)) and right == list(range(21, 41))


def test_worksheet_blanks_letters_and_letter_paper(tmp_path: Path) -> None:
    # 我们坚持多边主义和合作共赢 "we uphold multilateralism and win-win cooperation": two blanks, a and b
    sheet = [ClozeItem("x1", "我们坚持多边主义和合作共赢。", "我们坚持{{c1::多边主义}}和{{c2::合作共赢}}。",
                       ["多边主义", "合作共赢"], "", [], None, None)]
    path = pdf.write_worksheet_pdf(transcript(), sheet, tmp_path / "c.pdf", paper="letter")
    assert "612 x 792 pts (letter)" in _run("pdfinfo", str(path))
    pages = [re.sub(r"\s+", "", page) for page in _text(path).split("\f")]
    assert "我们坚持" in pages[0] and "多边主义" not in pages[0].split("Wordbank")[0]
    assert "(a)多边主义·(b)合作共赢" in pages[1] and "CC-CEDICT" in pages[1]
