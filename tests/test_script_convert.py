"""Script conversion (OpenCC): phrase-aware both ways, offset for offset, loaded only when needed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from flashgen.pipeline import analyse
from flashgen.source.convert import convert, detect_script, to_simplified

TRADITIONAL = "外交部發言人：我們堅定維護多邊主義，推動構建人類命運共同體。中方願同各國加強合作。\n"
SIMPLIFIED = "外交部发言人：我们坚定维护多边主义，推动构建人类命运共同体。中方愿同各国加强合作。\n"


@pytest.mark.parametrize(
    "traditional, simplified",
    [
        ("至於", "至于"),  # as for: 於 → 于
        ("對於", "对于"),  # regarding
        ("冒著風險", "冒着风险"),  # braving the risk: the particle 著 → 着
        ("沿著", "沿着"),  # along
        ("著名", "著名"),  # famous: 著 zhù stays
        ("顯著", "显著"),  # notable: 著 zhù stays
        ("乾淨", "干净"),  # clean: 乾 → 干
        ("乾隆", "乾隆"),  # the Qianlong emperor: a name, 乾 stays
        ("頭髮", "头发"),  # hair: 髮 → 发
        ("發展", "发展"),  # development: 發 → 发
        ("葉劉淑儀", "叶刘淑仪"),  # a Hong Kong legislator's name
        ("港鐵", "港铁"),  # MTR (Hong Kong)
        ("臺北", "台北"),  # Taipei
        ("沙中綫", "沙中线"),  # Hong Kong's Sha Tin–Central line, HK variant 綫
        ("記者︰", "记者："),  # HK presentation-form colon read as the full-width colon
        # Words Taiwan's variant table takes to 着 although they keep 著 zhù (data/script_fixes.tsv):
        ("土著居民", "土著居民"),  # aboriginal inhabitants
        ("他的論著", "他的论著"),  # his treatise
        ("成效卓著", "成效卓著"),  # outstandingly effective
        ("原著看著", "原著看着"),  # the original work; then the particle 著 → 着 still
        ("﹔", "；"),  # small semicolon
    ],
)
def test_to_simplified_is_phrase_aware(traditional: str, simplified: str) -> None:
    assert convert(traditional, "simplified") == simplified


@pytest.mark.parametrize(
    "simplified, region, traditional",
    [
        ("至于", "tw", "至於"),  # as for
        ("干净", "tw", "乾淨"),  # clean
        ("干部", "tw", "幹部"),  # cadre
        ("头发", "hk", "頭髮"),  # hair
        ("发展", "cn", "發展"),  # development
        ("冒着", "tw", "冒著"),  # braving: Taiwan writes 著
        ("冒着", "hk", "冒着"),  # Hong Kong writes 着
        ("台湾", "tw", "臺灣"),  # Taiwan: Taiwan's standard writes 臺
        ("里面", "hk", "裏面"),  # inside: Hong Kong's 裏
        ("里面", "tw", "裡面"),  # inside: Taiwan's 裡
    ],
)
def test_to_traditional_by_region(simplified: str, region: str, traditional: str) -> None:
    assert convert(simplified, "traditional", region) == traditional  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text, script",
    [
        (TRADITIONAL, "traditional"),
        (SIMPLIFIED, "simplified"),
        ("王毅", "simplified"),  # a name: no mark of either script
        ("", "simplified"),
        # A simplified text quoting one traditional name stays simplified.
        ("我们欢迎台湾同胞，《聯合報》报道说，两岸关系发展很好。", "simplified"),
    ],
)
def test_detect_script(text: str, script: str) -> None:
    assert detect_script(text) == script


def test_traditional_word_with_zhu_is_one_item() -> None:
    """土著 in a Taiwan text is the item 土著 "aboriginal", not 土 "earth" (its 著 read 着 by the variant table)."""
    vocab = analyse(text="這些土著居民的權利受到保障。").vocab
    assert "土著" in {item.hanzi for item in vocab}
    assert "土" not in {item.hanzi for item in vocab}


def test_simplified_text_is_left_alone() -> None:
    assert to_simplified(SIMPLIFIED) == (SIMPLIFIED, "simplified")


_HANZI_AND_MARKS = st.text(
    alphabet=st.sampled_from(list("發展頭髮乾淨著於對沿冒隨葉臺灣裏裡綫們這個说话干着发于后里 \n，。︰﹔abc12")), max_size=60
)


@settings(max_examples=200, deadline=None)
@given(_HANZI_AND_MARKS, st.sampled_from(["simplified", "traditional"]), st.sampled_from(["hk", "tw", "cn"]))
def test_conversion_keeps_every_offset(text: str, script: str, region: str) -> None:
    converted = convert(text, script, region)  # type: ignore[arg-type]
    assert len(converted) == len(text)
    # Characters that are not hanzi never move.
    assert [c for c in converted if c.isascii()] == [c for c in text if c.isascii()]


def test_big5_transcript_gives_the_simplified_analysis(tmp_path: Path) -> None:
    path = tmp_path / "hk.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    from_traditional = analyse(path)
    from_simplified = analyse(text=SIMPLIFIED)
    assert [s.text for s in from_traditional.transcript.sentences] == [s.text for s in from_simplified.transcript.sentences]
    assert [s.shown for s in from_traditional.transcript.sentences] == ["我們堅定維護多邊主義，推動構建人類命運共同體。", "中方願同各國加強合作。"]
    vocab = {v.hanzi: v for v in from_traditional.vocab}
    assert vocab["人类命运共同体"].term and vocab["人类命运共同体"].headword == "人類命運共同體"
    assert vocab["人类命运共同体"].other_form == "人类命运共同体"


def test_opencc_is_loaded_only_for_a_conversion() -> None:
    code = (
        "import sys\n"
        "from flashgen.pipeline import analyse\n"
        f"analyse(text={SIMPLIFIED!r})\n"
        "assert 'opencc' not in sys.modules, 'a simplified text loaded OpenCC'\n"
        f"analyse(text={TRADITIONAL!r})\n"
        "assert 'opencc' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


_PIECES = st.sampled_from([
    "外交部发言人：", "记者：", "王毅：", "一、", "（一）", "我们坚定维护多边主义，", "推动构建人类命运共同体。",
    "中方愿同各国加强合作！", "台湾问题是中国内政？", "头发干净了；", "至于对于冒着风险", "“发展”", "《报告》",
    "\n", "\n\n", " ", "  ", "\u3000", "Covid-19 ", "……", "发",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=30), st.sampled_from(["hk", "tw", "cn"]))
def test_a_traditional_text_is_structured_as_its_simplified_copy(pieces: list[str], region: str) -> None:
    """Whatever its layout, a text converted to traditional gives the same sentences, each shown as written."""
    from flashgen.pipeline import load_transcript

    simplified = "".join(pieces)
    traditional = convert(simplified, "traditional", region)  # type: ignore[arg-type]
    plain = load_transcript(text=simplified)
    shown = load_transcript(text=traditional, script="traditional")
    assert [s.text for s in shown.sentences] == [s.text for s in plain.sentences]
    assert [s.speaker and convert(s.speaker, "simplified") for s in shown.sentences] == [s.speaker for s in plain.sentences]
    bare = "".join(traditional.split())
    for sentence in shown.sentences:
        assert len(sentence.shown) == len(sentence.text)
        assert "".join(sentence.shown.split()) in bare  # the text's own characters, in order
