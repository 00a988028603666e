"""The printed vocabulary list: HTML structure, escaping, grouping, and the Typst PDF read back with poppler."""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from flashgen.printed import fonts
from flashgen.printed import pdf
from flashgen.errors import ResourceError
from flashgen.models import Example, Sentence, Token, Transcript, VocabItem
from flashgen.printed.content import example_excerpt
from flashgen.printed.vocab_html import (
    NO_HSK_GROUP,
    OPENING_GROUP,
    TERMS_GROUP,
    example_html,
    group_items,
    pinyin_html,
    render_html,
)
from flashgen.chinese.tones import numbered_to_marked

DAY = datetime.date(2024, 5, 1)
H1 = "携手构建人类命运共同体"  # "build a community with a shared future for mankind together"
H2 = "疫苗合作"  # "vaccine cooperation"


def tok(text: str, numbered: str = "") -> Token:
    """A token; punctuation when no reading is given."""
    if not numbered:
        return Token(text, "x")
    return Token(text, "n", numbered_to_marked(numbered), numbered)


def sentences() -> list[Sentence]:
    return [
        # "Members of the press are invited to the press conference."
        Sentence(0, 0, None, None, "记者会正式开始。", "narration",
                 [tok("记者会", "ji4 zhe3 hui4"), tok("正式", "zheng4 shi4"), tok("开始", "kai1 shi3"), tok("。")]),
        Sentence(1, 1, H1, None, H1, "heading",
                 [tok("携手", "xie2 shou3"), tok("构建", "gou4 jian4"), tok("人类命运共同体", "ren2 lei4 ming4 yun4 gong4 tong2 ti3")]),
        # "We will follow the trend of history and build, with all countries, a community with a shared future."
        Sentence(2, 2, H1, "外交部长", "我们将顺应历史潮流，同各国携手构建人类命运共同体。", "answer",
                 [tok("我们", "wo3 men5"), tok("将", "jiang1"), tok("顺应", "shun4 ying4"), tok("历史", "li4 shi3"),
                  tok("潮流", "chao2 liu2"), tok("，"), tok("同", "tong2"), tok("各国", "ge4 guo2"),
                  tok("携手", "xie2 shou3"), tok("构建", "gou4 jian4"),
                  tok("人类命运共同体", "ren2 lei4 ming4 yun4 gong4 tong2 ti3"), tok("。")]),
        # "China firmly upholds multilateralism."
        Sentence(3, 2, H1, "外交部长", "中方坚定维护多边主义。", "answer",
                 [tok("中方", "zhong1 fang1"), tok("坚定", "jian1 ding4"), tok("维护", "wei2 hu4"),
                  tok("多边主义", "duo1 bian1 zhu3 yi4"), tok("。")]),
        Sentence(4, 3, H2, None, H2, "heading", [tok("疫苗", "yi4 miao2"), tok("合作", "he2 zuo4")]),
        # "China has provided vaccines to over sixty countries, helping local people get vaccinated soon."
        Sentence(5, 4, H2, "外交部长", "中国已向六十多个国家提供疫苗，帮助当地民众尽快接种。", "answer",
                 [tok("中国", "Zhong1 guo2"), tok("已", "yi3"), tok("向", "xiang4"), tok("六十多", "liu4 shi2 duo1"),
                  tok("个", "ge4"), tok("国家", "guo2 jia1"), tok("提供", "ti2 gong1"), tok("疫苗", "yi4 miao2"),
                  tok("，"), tok("帮助", "bang1 zhu4"), tok("当地", "dang1 di4"), tok("民众", "min2 zhong4"),
                  tok("尽快", "jin3 kuai4"), tok("接种", "jie1 zhong4"), tok("。")]),
        # A hostile sentence: markup pasted into the transcript. "Are people vaccinated?"
        Sentence(6, 5, H2, "记者", "<script>x</script>民众接种了吗？", "question",
                 [tok("<script>x</script>"), tok("民众", "min2 zhong4"), tok("接种", "jie1 zhong4"),
                  tok("了", "le5"), tok("吗", "ma5"), tok("？")]),
    ]


def transcript(title: str = "外交部长答记者问") -> Transcript:
    return Transcript(title, "press-conference.txt", sentences(), "press-conference")


def item(hanzi: str, trad: str, pinyin: str, numbered: str, meanings: list[str], at: tuple[int, ...] = (),
         **kw: object) -> VocabItem:
    sents = sentences()
    examples = [Example(sents[i].text, sents[i].speaker, sents[i].section, i) for i in at]
    return VocabItem(hanzi, trad, pinyin, numbered, "", meanings, examples=examples, **kw)  # type: ignore[arg-type]


def vocab() -> list[VocabItem]:
    """Ranked as the pipeline would: an ordinary word ranks above a term."""
    return [
        item("接种", "接種", "jiēzhòng", "jie1 zhong4", ["to vaccinate", "to inoculate"], (5, 6), hsk=7),
        item("人类命运共同体", "人類命運共同體", "rénlèi mìngyùn gòngtóngtǐ", "ren2 lei4 ming4 yun4 gong4 tong2 ti3",
             ["community with a shared future for mankind"], (2, 1), term=True, category="concept"),
        item("国家", "國家", "guójiā", "guo2 jia1", ["country", "nation"], (5,), hsk=1, measure_words=["个 (gè)"]),
        item("潮流", "潮流", "cháoliú", "chao2 liu2", ["tide", "trend"], (2,), hsk=7),
        item("多边主义", "多邊主義", "duōbiān zhǔyì", "duo1 bian1 zhu3 yi4", ["multilateralism"], (3,),
             term=True, category="concept"),
        item("正式", "正式", "zhèngshì", "zheng4 shi4", ["formal", "official"], (0,), hsk=4),
        item("尽快", "盡快", "jǐnkuài", "jin3 kuai4", ["as quickly as possible"], (), hsk=5),
    ]


def _headings(html: str) -> list[str]:
    return [re.sub(r"<span class=\"n\">\d+</span>", "", h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html)]


# ---------------------------------------------------------------- pinyin and examples


@pytest.mark.parametrize(
    ("pinyin", "numbered", "expected"),
    [
        # 人类命运共同体: spaces of the source kept, one span per syllable
        ("rénlèi mìngyùn", "ren2 lei4 ming4 yun4",
         '<span class="t2">rén</span><wbr><span class="t4">lèi</span> <span class="t4">mìng</span><wbr><span class="t4">yùn</span>'),
        # 中国: capital kept
        ("Zhōngguó", "Zhong1 guo2", '<span class="t1">Zhōng</span><wbr><span class="t2">guó</span>'),
        # 我们: neutral tone
        ("wǒmen", "wo3 men5", '<span class="t3">wǒ</span><wbr><span class="t5">men</span>'),
        # 一定 written with sandhi (yídìng): the numbered reading is shown, so colour and mark agree
        ("yídìng", "yi1 ding4", '<span class="t1">yī</span><wbr><span class="t4">dìng</span>'),
        # no numbered reading: plain escaped text
        ("a<b", "", "a&lt;b"),
    ],
)
def test_pinyin_html(pinyin: str, numbered: str, expected: str) -> None:
    assert pinyin_html(pinyin, numbered) == expected


def test_example_has_ruby_from_tokens_and_highlight() -> None:
    guojia = vocab()[2]  # 国家 in "中国已向六十多个国家提供疫苗，…"
    html = example_html(guojia, transcript(), ruby=True)
    assert "<mark><ruby>国家<rt>guójiā</rt></ruby></mark>" in html
    assert "<ruby>提供<rt>tígōng</rt></ruby>" in html
    assert "<ruby>六十多<rt>liùshíduō</rt></ruby>" in html
    # The whole sentence (25 characters) fits the excerpt's width: both clauses, no ellipsis.
    assert "<ruby>帮助<rt>bāngzhù</rt></ruby>" in html
    assert html.endswith("。</span>") and "…" not in html


def test_example_without_ruby() -> None:
    html = example_html(vocab()[2], transcript(), ruby=False)
    assert "<ruby>" not in html and "<rt>" not in html
    assert html == '<span lang="zh-CN">中国已向六十多个<mark>国家</mark>提供疫苗，帮助当地民众尽快接种。</span>'


def test_example_excerpt_as_data() -> None:
    # The PDF draws the same excerpt as the HTML: plain runs, the word marked exactly.
    excerpt = example_excerpt(vocab()[2], transcript(), by_word=False)
    assert excerpt is not None and not excerpt.by_word
    assert excerpt.pieces == (("中国已向六十多个", "", False), ("国家", "", True), ("提供疫苗，帮助当地民众尽快接种。", "", False))
    assert (excerpt.cut_before, excerpt.cut_after) == (False, False)
    words = example_excerpt(vocab()[2], transcript(), by_word=True)
    assert words is not None and words.by_word and ("国家", "guójiā", True) in words.pieces


def test_example_trims_long_clause_around_the_word() -> None:
    # "We will work with all parties to firmly uphold the international system with the UN at its core
    # and the international order based on international law": the second clause alone is too long,
    # so it is cut at words around 秩序 (order), the full stop kept.
    words = ["我们", "愿", "同", "各方", "一道", "，", "坚定", "维护", "以", "联合国", "为", "核心", "的", "国际", "体系",
             "和", "以", "国际法", "为", "基础", "的", "国际", "秩序", "。"]
    t = _one_sentence([tok(w, "") for w in words])
    word = item("秩序", "秩序", "zhìxù", "zhi4 xu4", ["order"])
    word.examples = [Example(t.sentences[0].text, None, None, 0)]
    assert example_html(word, t, ruby=False) == '<span lang="zh-CN">…以联合国为核心的国际体系和以国际法为基础的国际<mark>秩序</mark>。</span>'
    # A short neighbouring clause that fits is shown whole: 一道 (together) in "我们愿同各方一道，…"
    together = item("一道", "一道", "yīdào", "yi1 dao4", ["together"])
    together.examples = word.examples
    assert example_html(together, t, ruby=False) == '<span lang="zh-CN">我们愿同各方<mark>一道</mark>…</span>'


def test_example_without_tokens_falls_back_to_characters() -> None:
    lonely = item("维护", "維護", "wéihù", "wei2 hu4", ["to defend"])
    lonely.examples = [Example("中方坚定维护多边主义。", None, H1, -1)]
    html = example_html(lonely, transcript(), ruby=True)
    assert html == '<span lang="zh-CN">中方坚定<mark>维护</mark>多边主义。</span>'


def _one_sentence(tokens: list[Token]) -> Transcript:
    text = "".join(t.text for t in tokens)
    return Transcript("t", "t.txt", [Sentence(0, 0, None, None, text, "answer", tokens)])


def test_word_inside_a_longer_word_is_marked_exactly_in_print() -> None:
    # 完善香港特区选举制度 "improve the electoral system of the Hong Kong SAR"; the item is 香港 (Hong Kong)
    t = _one_sentence([tok("完善", "wan2 shan4"), tok("香港特区", "Xiang1 gang3 te4 qu1"),
                       tok("选举", "xuan3 ju3"), tok("制度", "zhi4 du4")])
    word = item("香港", "香港", "Xiānggǎng", "Xiang1 gang3", ["Hong Kong"])
    word.examples = [Example(t.sentences[0].text, None, None, 0)]
    assert example_html(word, t, ruby=False) == '<span lang="zh-CN">完善<mark>香港</mark>特区选举制度</span>'
    # With ruby the whole word keeps its reading, so the mark covers 香港特区.
    assert "<mark><ruby>香港特区<rt>Xiānggǎngtèqū</rt></ruby></mark>" in example_html(word, t, ruby=True)


def test_whole_word_occurrence_is_preferred() -> None:
    # 香港特区属于香港 "the Hong Kong SAR belongs to Hong Kong": the second 香港 is the word itself
    t = _one_sentence([tok("香港特区", "Xiang1 gang3 te4 qu1"), tok("属于", "shu3 yu2"), tok("香港", "Xiang1 gang3")])
    word = item("香港", "香港", "Xiānggǎng", "Xiang1 gang3", ["Hong Kong"])
    word.examples = [Example(t.sentences[0].text, None, None, 0)]
    assert example_html(word, t, ruby=False) == '<span lang="zh-CN">香港特区属于<mark>香港</mark></span>'


def test_item_without_example_prints_a_dash() -> None:
    assert "—" in example_html(vocab()[6], transcript(), ruby=True)


# ---------------------------------------------------------------- the document


def test_grouping_terms_first_then_sections_in_transcript_order() -> None:
    groups = group_items(transcript(), vocab(), "section")
    assert [name for name, _ in groups] == [TERMS_GROUP, OPENING_GROUP, H1, H2, "Other words"]
    assert [i.hanzi for i in groups[0][1]] == ["人类命运共同体", "多边主义"]  # ranked order kept
    assert [i.hanzi for i in groups[3][1]] == ["接种", "国家"]


def test_grouping_by_hsk() -> None:
    # 单边主义 "unilateralism": not a glossary term here and off the HSK list
    words = vocab() + [item("单边主义", "單邊主義", "dānbiān zhǔyì", "dan1 bian1 zhu3 yi4", ["unilateralism"])]
    groups = group_items(transcript(), words, "hsk")
    assert [name for name, _ in groups] == [TERMS_GROUP, "HSK 1", "HSK 4", "HSK 5", "HSK 7–9", NO_HSK_GROUP]
    assert [i.hanzi for i in groups[4][1]] == ["接种", "潮流"]


def test_grouping_rejects_unknown_key() -> None:
    with pytest.raises(ValueError, match="group_by"):
        group_items(transcript(), vocab(), "colour")


def test_html_numbers_items_in_printed_order() -> None:
    html = render_html(transcript(), vocab(), generated=DAY)
    numbers = [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', html)]
    assert numbers == list(range(1, 8))
    hanzi = re.findall(r'<td class="hz[^"]*" lang="zh-CN">([^<]+)', html)
    assert hanzi[:2] == ["人类命运共同体", "多边主义"]
    assert _headings(html)[0] == TERMS_GROUP


def test_html_header_footer_and_page_css() -> None:
    html = render_html(transcript(), vocab(), paper="letter", generated=DAY)
    assert html.startswith("<!DOCTYPE html>")
    assert "<h1 lang=\"zh-CN\">外交部长答记者问</h1>" in html
    assert "generated 2024-05-01" in html and "source: press-conference.txt" in html
    assert "Definitions from CC-CEDICT, © MDBG, CC BY-SA 4.0, <a href=" in html
    assert 'content: counter(page) " / " counter(pages)' in html
    assert "size: letter;" in html
    assert "7–9" in html and "MW: 个 (gè)" in html


@pytest.mark.parametrize(("paper", "size"), [("a4", "size: A4;"), ("letter", "size: letter;")])
def test_paper_size(paper: str, size: str) -> None:
    assert size in render_html(transcript(), vocab(), paper=paper, generated=DAY)


def test_unknown_paper_is_rejected() -> None:
    with pytest.raises(ValueError, match="paper"):
        render_html(transcript(), vocab(), paper="a5")


def test_html_is_standalone() -> None:
    html = render_html(transcript(), vocab(), generated=DAY)
    assert "<script" not in html and "<link" not in html and "src=" not in html and "@import" not in html
    assert "<ruby>" in html  # the screen version carries pinyin over the examples


def test_everything_from_the_transcript_is_escaped() -> None:
    hostile = "<script>alert(1)</script>"
    t = transcript(title=hostile)
    t.source = '"><img src=x onerror=alert(1)>.txt'
    words = vocab()
    words[0].meanings = [hostile]
    words[1].category = hostile
    words[0].examples.reverse()  # 接种's first example is now the hostile sentence
    html = render_html(t, words, generated=DAY)
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html  # the example sentence of 民众/接种


def test_screen_toggle() -> None:
    screen = render_html(transcript(), vocab(), generated=DAY)
    assert 'id="cover"' in screen and "#cover:checked" in screen


def test_study_layout_leaves_meanings_blank_and_adds_a_key() -> None:
    html = render_html(transcript(), vocab(), study=True, generated=DAY)
    assert 'id="cover"' not in html
    table, key = html.split('<section class="key">')
    assert "multilateralism" not in table and table.count('<div class="blank">') == 2 * len(vocab())
    assert "multilateralism" in key and '<li value="2">' in key


def test_date_defaults_to_today() -> None:
    html = render_html(transcript(), vocab())
    assert f"generated {datetime.date.today().isoformat()}" in html


# ---------------------------------------------------------------- PDF (poppler reads it back)

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None,
    reason="poppler-utils (pdftotext, pdffonts, pdfinfo) is not installed; CI installs it",
)


def _run(*cmd: str) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A4 PDF of the list repeated to fill several pages."""
    path = tmp_path_factory.mktemp("pdf") / "vocab.pdf"
    return pdf.write_vocab_pdf(transcript(), vocab() * 12, path, generated=DAY)


@needs_poppler
def test_pdf_text_has_hanzi_pinyin_and_english(long_pdf: Path) -> None:
    # pdftotext breaks lines where the table cells wrap: compare with whitespace collapsed.
    text = " ".join(_run("pdftotext", "-enc", "UTF-8", str(long_pdf), "-").split())
    assert "人类命运共同体" in text and "多边主义" in text
    assert "gòngtóngtǐ" in text and "duōbiān zhǔyì" in text
    assert "multilateralism" in text and "community with a shared future" in text
    assert "Definitions from CC-CEDICT" in text


@needs_poppler
def test_pdf_embeds_a_subset_cjk_font(long_pdf: Path) -> None:
    lines = _run("pdffonts", str(long_pdf)).splitlines()[2:]
    # Columns end with: emb sub uni object-id generation.
    cjk = [line.split() for line in lines if "CJK" in line]
    assert cjk and all(f[-5] == "yes" and f[-4] == "yes" for f in cjk)


@needs_poppler
def test_pdf_page_numbers(long_pdf: Path) -> None:
    pages = int(re.search(r"Pages:\s+(\d+)", _run("pdfinfo", str(long_pdf))).group(1))  # type: ignore[union-attr]
    assert pages >= 2
    text = _run("pdftotext", "-enc", "UTF-8", str(long_pdf), "-")
    for n in range(1, pages + 1):
        # "3 / 5" at the foot of each page (pdftotext may drop the spaces).
        assert re.search(rf"(?m)^\s*{n}\s*/\s*{pages}\s*$", text), f"no page number {n} / {pages}"


@needs_poppler
@pytest.mark.parametrize(("paper", "size"), [("a4", "(A4)"), ("letter", "612 x 792 pts (letter)")])
def test_pdf_paper_size(tmp_path: Path, paper: str, size: str) -> None:
    path = pdf.write_vocab_pdf(transcript(), vocab(), tmp_path / "v.pdf", paper=paper, generated=DAY)
    info = _run("pdfinfo", str(path))
    assert size in re.search(r"Page size:(.*)", info).group(1)  # type: ignore[union-attr]
    assert [p.name for p in tmp_path.iterdir()] == ["v.pdf"]  # no temporary file left


@needs_poppler
def test_pdf_with_a_given_font_file(tmp_path: Path) -> None:
    found = fonts.find_cjk_font()
    assert found is not None, "fonts-noto-cjk (or another Chinese font) must be installed"
    path = pdf.write_vocab_pdf(transcript(), vocab(), tmp_path / "v.pdf", font=found.file, generated=DAY)
    lines = _run("pdffonts", str(path)).splitlines()[2:]
    assert any(line.split()[-5] == "yes" for line in lines)
    assert "人类命运共同体" in _run("pdftotext", "-enc", "UTF-8", str(path), "-")


@needs_poppler
def test_study_pdf_hides_meanings_until_the_key(tmp_path: Path) -> None:
    path = pdf.write_vocab_pdf(transcript(), vocab(), tmp_path / "study.pdf", study=True, generated=DAY)
    text = " ".join(_run("pdftotext", "-enc", "UTF-8", str(path), "-").split())
    table, key = text.split("Answer key")
    assert "multilateralism" not in table and "人类命运共同体" in table
    assert "multilateralism" in key and "2. " in key


@needs_poppler
def test_poppler_reads_the_pdf_without_a_warning(long_pdf: Path, tmp_path: Path) -> None:
    # A wrong xref offset, a broken font or a bad glyph map makes poppler complain on stderr.
    for cmd in (["pdfinfo"], ["pdffonts"], ["pdftotext"], ["pdftoppm", "-r", "30", "-f", "1", "-l", "2"]):
        out = [str(tmp_path / "out")] if cmd[0] in ("pdftotext", "pdftoppm") else []
        proc = subprocess.run([*cmd, str(long_pdf), *out], capture_output=True, text=True)
        assert proc.returncode == 0 and proc.stderr == "", (cmd[0], proc.stderr)


@needs_poppler
def test_pdf_running_head_from_page_two(long_pdf: Path) -> None:
    first = _run("pdftotext", "-enc", "UTF-8", "-f", "1", "-l", "1", str(long_pdf), "-")
    second = _run("pdftotext", "-enc", "UTF-8", "-f", "2", "-l", "2", str(long_pdf), "-")
    assert "Vocabulary 词汇表" not in first and "Vocabulary 词汇表" in second
    assert "汉字" in second and "Pinyin" in second  # the table header repeats on each page


def test_font_found_without_fontconfig(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # macOS and Windows have no fc-list: the usual font folders are searched for known files.
    real = fonts.find_cjk_font()
    assert real is not None, "fonts-noto-cjk (or another Chinese font) must be installed"
    folder = tmp_path / "Library" / "Fonts"
    folder.mkdir(parents=True)
    (folder / "msyh.ttc").symlink_to(real.file)
    (folder / "unrelated.ttf").write_bytes(b"")
    monkeypatch.setattr(fonts, "_fc_list", lambda: [])
    monkeypatch.setattr(fonts, "FONT_DIRS", (str(tmp_path / "missing"), str(tmp_path / "Library")))
    assert fonts.find_cjk_font() == fonts.FontChoice("Microsoft YaHei", folder / "msyh.ttc")


def test_missing_font_raises_resource_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(fonts, "_fc_list", lambda: [])
    monkeypatch.setattr(fonts, "FONT_DIRS", ())
    with pytest.raises(ResourceError, match=r"no Chinese font found; install one \(Debian: apt-get install fonts-noto-cjk\)"):
        pdf.write_vocab_pdf(transcript(), vocab(), tmp_path / "v.pdf")
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize("name", ["missing.ttf", "notes.txt"])
def test_bad_font_file_raises_resource_error(tmp_path: Path, name: str) -> None:
    (tmp_path / "notes.txt").write_text("not a font")
    with pytest.raises(ResourceError, match="--font PATH"):
        pdf.write_vocab_pdf(transcript(), vocab(), tmp_path / "v.pdf", font=tmp_path / name)
    assert not (tmp_path / "v.pdf").exists()


def test_font_preference(monkeypatch: pytest.MonkeyPatch) -> None:
    installed = [
        (Path("/fonts/wqy.ttc"), ["WenQuanYi Zen Hei"], "Regular", 0),
        (Path("/fonts/NotoSansCJK-Bold.ttc"), ["Noto Sans CJK SC", "Noto Sans CJK SC Bold"], "Bold", 2),
        (Path("/fonts/NotoSansCJK-Regular.ttc"), ["Noto Sans Mono CJK SC"], "Regular", 7),
        (Path("/fonts/NotoSansCJK-Regular.ttc"), ["Noto Sans CJK SC", "Noto Sans CJK SC Regular"], "Regular", 2),
    ]
    monkeypatch.setattr(fonts, "_fc_list", lambda: installed)
    assert fonts.find_cjk_font() == fonts.FontChoice("Noto Sans CJK SC", Path("/fonts/NotoSansCJK-Regular.ttc"), 2)
    monkeypatch.setattr(fonts, "_fc_list", lambda: installed[:1])
    assert fonts.find_cjk_font() == fonts.FontChoice("WenQuanYi Zen Hei", Path("/fonts/wqy.ttc"))


# ---------------------------------------------------------------- the bundled sample through the real pipeline


@pytest.fixture(scope="module")
def sample() -> tuple[Transcript, list[VocabItem]]:
    from flashgen.pipeline import Options, analyse

    analysis = analyse(options=Options(limit=120))
    return analysis.transcript, analysis.vocab


def test_sample_html_lists_every_item_terms_first(sample: tuple[Transcript, list[VocabItem]]) -> None:
    transcript_, words = sample
    html = render_html(transcript_, words, generated=DAY)
    shown = re.findall(r'<td class="hz[^"]*" lang="zh-CN">([^<]+)', html)
    assert sorted(shown) == sorted(w.hanzi for w in words)
    is_term = {w.hanzi: w.term for w in words}
    flags = [is_term[h] for h in shown]
    assert flags == sorted(flags, reverse=True)  # every term before every other word
    assert html.count("<ruby>") >= len([w for w in words if w.examples])
    assert html.count("<mark>") == len([w for w in words if w.examples])  # each example shows its word


@needs_poppler
def test_sample_pdf(sample: tuple[Transcript, list[VocabItem]], tmp_path: Path) -> None:
    transcript_, words = sample
    path = pdf.write_vocab_pdf(transcript_, words, tmp_path / "sample.pdf", generated=DAY)
    text = " ".join(_run("pdftotext", "-enc", "UTF-8", str(path), "-").split())
    first_term = next(w for w in words if w.term)
    assert first_term.hanzi in text and first_term.meanings[0].split()[0] in text
    fonts = [line.split() for line in _run("pdffonts", str(path)).splitlines()[2:]]
    assert fonts and all(f[-5] == "yes" for f in fonts)


@pytest.mark.parametrize(
    ("heights", "room", "columns"),
    [
        ([10.0] * 30, 100.0, [10, 20]),  # a full page: both columns filled
        ([10.0] * 10, 100.0, [5, 10]),  # the rest fits: split evenly
        ([10.0] * 3, 100.0, [2, 3]),  # odd count: the left column is the longer
        ([60.0, 10.0, 10.0, 10.0], 100.0, [1, 4]),  # as even as the entries allow
        ([150.0, 10.0], 100.0, [1, 2]),  # an entry taller than the page still moves on
    ],
)
def test_answer_key_columns(heights: list[float], room: float, columns: list[int]) -> None:
    # The template's own arithmetic (templates/columns.typ), run by Typst: where the second column starts and ends.
    import json
    from importlib.resources import files

    import typst

    lengths = ", ".join(f"{h}pt" for h in heights)
    source = f'#import "columns.typ": fill-columns\n#metadata(fill-columns(({lengths},), {room}pt)) <r>'
    root = str(files("flashgen.printed") / "templates")
    assert json.loads(typst.query(source.encode(), "<r>", field="value", one=True, root=root)) == columns


@needs_poppler
def test_study_flag_on_the_command_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from flashgen.cli import cli

    out = tmp_path / "study.pdf"
    result = CliRunner().invoke(cli, ["vocab", "-f", "pdf", "--study", "--limit", "40", "-o", str(out)])
    assert result.exit_code == 0, result.output
    pages = _run("pdftotext", "-enc", "UTF-8", str(out), "-").split("\f")
    key_pages = [n for n, page in enumerate(pages) if "Answer key" in page]
    assert key_pages and key_pages[0] > 0
    assert "Definitions from CC-CEDICT" in pages[key_pages[-1]]  # a short key leaves room for the credit
