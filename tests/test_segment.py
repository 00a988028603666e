"""Segmentation: glossary terms stay whole, non-words are split, tokens rebuild the text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from flashgen.study.annotate import annotate
from flashgen.models import Sentence
from flashgen.chinese.segment import segment


def _words(text: str) -> list[str]:
    return [t.text for t in annotate([Sentence(0, 0, None, None, text)])[0].tokens]


@pytest.mark.parametrize(
    "text, term",
    [
        ("同各国携手构建人类命运共同体。", "人类命运共同体"),  # community with a shared future, not 人类/命运/共同体
        ("推进高质量共建“一带一路”。", "一带一路"),  # Belt and Road, not 一带/一路
        ("携手维护多边主义。", "多边主义"),  # multilateralism
        ("联手反对“颜色革命”。", "颜色革命"),  # colour revolution
        ("促进国内国际双循环。", "双循环"),  # dual circulation
        ("服务“十四五”规划开局起步。", "十四五"),  # 14th Five-Year Plan
        ("坚持“一国两制”“港人治港”、高度自治。", "港人治港"),  # HK people governing HK
    ],
)
def test_glossary_terms_stay_whole(text: str, term: str) -> None:
    assert term in _words(text)


@pytest.mark.parametrize(
    "text, absent, present",
    [
        ("和而不同是君子之德。", "之德", "君子"),  # HMM glue 之德 is split; 君子 (gentleman) stays
        ("认真落实习近平主席宣布的重大倡议。", "认真落实", "落实"),  # jieba's phrase 认真落实 → 认真 + 落实
        ("中美合作的清单就放在我们面前。", "中美合作", "中美"),  # 中美合作 → 中美 + 合作
    ],
)
def test_non_words_are_split(text: str, absent: str, present: str) -> None:
    words = _words(text)
    assert absent not in words and present in words


def test_person_name_stays_whole() -> None:
    # 王毅 is not in jieba's dictionary: the HMM finds it, tagged as a person, surname 王.
    assert "王毅" in _words("国务委员兼外交部长王毅回答记者提问。")


def test_mixed_text() -> None:
    tokens = segment("2021年G20 峰会在APEC之后")
    assert "".join(t.text for t in tokens) == "2021年G20 峰会在APEC之后"
    assert any(t.text == "峰会" for t in tokens)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("中国人民的和平发展合作共赢一带一路 ，。！？“”《》abc123\t\u3000重回正轨")), max_size=60))
def test_tokens_join_back_into_the_sentence(text: str) -> None:
    sentence = annotate([Sentence(0, 0, None, None, text)])[0]
    assert "".join(t.text for t in sentence.tokens) == text
    for token in sentence.tokens:
        hanzi = [ch for ch in token.text if "\u4e00" <= ch <= "\u9fff"]
        assert len(token.pinyin_numbered.split()) == len(hanzi)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=40))
def test_any_text_segments_and_rebuilds(text: str) -> None:
    sentence = annotate([Sentence(0, 0, None, None, text)])[0]
    assert "".join(t.text for t in sentence.tokens) == text


@pytest.mark.parametrize(
    "text, words",
    [
        ("许多国家期待联合国改革，中方有何主张？", ["中方", "有", "何"]),  # not 中 + 方有何 (a rare name in jieba's dictionary)
        ("维护各自主权和政权安全。", ["各自", "主权"]),  # each one's sovereignty, not 各 + 自主权
        ("今年是中国的牛年。", ["牛年"]),  # the Year of the Ox
        ("其中方法很多。", ["其中", "方法"]),  # the floor does not pull ordinary words apart
        ("保障个人权利。", ["个人", "权利"]),  # not 个 + 人权 + 利
    ],
)
def test_terms_win_against_rare_dictionary_entries(text: str, words: list[str]) -> None:
    got = _words(text)
    assert all(w in got for w in words), got


@pytest.mark.parametrize(
    "text, words",
    [
        ("在世界上制造了诸多麻烦。", ["在", "世界", "上"]),  # jieba's phrase 在世界上 split into the likeliest words, not 在世 + 界
        ("如果不爱国，谈何爱港。", ["谈", "何"]),  # 谈何 is no person, though jieba's dictionary lists it as one
        ("发言人汪文斌表示。", ["汪文斌"]),  # a spokesperson's full name stays whole
    ],
)
def test_unknown_words_split_into_likeliest_parts(text: str, words: list[str]) -> None:
    got = _words(text)
    assert all(w in got for w in words), got


@pytest.mark.parametrize(
    "word, flag",
    [
        ("弘扬", "n"),  # carry forward: a common word jieba tags as a person
        ("乌克兰", "nz"),  # Ukraine: a proper noun, not a person
        ("王毅", "nr"),  # a person (CC-CEDICT gives life dates)
    ],
)
def test_person_tags_are_checked_against_the_dictionary(word: str, flag: str) -> None:
    from flashgen.chinese.segment import _retag

    assert _retag(word, "nr") == flag
