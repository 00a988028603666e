"""jieba's counts priced for diplomatic speech: sentences are not cut across word boundaries."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from flashgen.chinese import genre_counts
from flashgen.chinese.mfa_frequency import mfa_table
from flashgen.chinese.segment import cut


def _cut(text: str) -> list[str]:
    return [w for w, _ in cut(text)]


@pytest.mark.parametrize(
    "text, words",
    [
        # 中美 + 元首 (heads of state of China and the US), not 中 + 美元 (US dollar) + 首
        ("根据中美元首会晤达成的共识", ["中美", "元首会晤"]),
        # 遣返 (to repatriate) + 回, not 遣 + 返回 (to return)
        ("尽快将赖昌星遣返回中国。", ["遣返", "回"]),
        # 成效 (results) + 应 (should), not 成 + 效应 (effect)
        ("改革开放的成效应得到巩固。", ["成效", "应", "得到"]),
        # 有效 (effectively) + 应对 (to respond), not 有 + 效应 + 对
        ("为有效应对国际金融危机作出了贡献。", ["有效", "应对"]),
        # 两国 (the two countries), 中俄 (China and Russia): jieba counts them 3 times and cuts them apart
        ("两国领导人就双边关系交换了意见。", ["两国", "领导人"]),
        ("中俄两国是好邻居。", ["中俄", "两国"]),
        # 中越 (China and Vietnam): a place name of jieba's dictionary that CC-CEDICT lacks
        ("中越两国", ["中越", "两国"]),
        # 美国 + 国防部长 (Secretary of Defense), not 美国国防部 + 长 (long)
        ("美国国防部长卡特表示", ["美国", "国防部长"]),
        # 这类 (this kind of)
        ("我们注意到这类报道。", ["这类", "报道"]),
    ],
)
def test_words_the_genre_uses_are_not_cut_across(text: str, words: list[str]) -> None:
    tokens = _cut(text)
    start = tokens.index(words[0])
    assert tokens[start:start + len(words)] == words


@pytest.mark.parametrize(
    "text, word",
    [
        ("美国会众院通过了有关议案。", "美国会"),  # the US Congress stays one name (美国 is raised, so is 美国会)
        ("同各国携手构建人类命运共同体。", "人类命运共同体"),  # a glossary term keeps its own tuned count
        ("中方主张通过对话协商解决争端。", "中方"),  # Chinese side (a glossary term)
    ],
)
def test_names_and_terms_stay_whole(text: str, word: str) -> None:
    assert word in _cut(text)


def test_only_undercounted_dictionary_words_are_raised() -> None:
    table = mfa_table()
    freq = {"两国": 3, "美国会": 3, "国在华": 2, "应": 25537, "中方": 20000, "人民": 43719}
    before = dict(freq)
    raised = genre_counts.raise_counts(freq, 60_000_000, keep=frozenset({"中方"}))
    assert freq["两国"] > 1000 * before["两国"]  # CC-CEDICT word the genre says far more often
    assert freq["美国会"] > before["美国会"]  # jieba's organisation name (nt), not in CC-CEDICT
    assert freq["国在华"] == before["国在华"]  # a fragment only jieba's dictionary has
    assert freq["应"] == before["应"]  # single characters are left alone
    assert freq["中方"] == before["中方"]  # glossary terms are left alone
    assert freq["人民"] == before["人民"]  # said more often in the genre, but not MIN_RATIO times more
    assert raised == 2
    assert all(w in table for w in ("两国", "美国会", "国在华", "人民"))


@settings(max_examples=50, deadline=None)
@given(st.dictionaries(st.sampled_from(sorted(mfa_table())[:2000] + ["两国", "中俄", "中越", "美国会", "成效"]),
                       st.integers(min_value=0, max_value=500_000), max_size=40))
def test_counts_never_drop_and_no_word_is_added(freq: dict[str, int]) -> None:
    before = dict(freq)
    genre_counts.raise_counts(freq, 60_000_000)
    assert freq.keys() == before.keys()
    assert all(freq[w] >= before[w] for w in freq)
    assert all(freq[w] == 0 for w in freq if before[w] == 0)  # a prefix entry (count 0) is not made a word


@pytest.mark.parametrize(
    "sentence, pieces",
    [
        # "China will play a constructive role on this issue": 问题上 + 将 "will", not 上将 "admiral"
        ("中国在这个问题上将发挥建设性作用。", ["问题", "上", "将", "发挥"]),
        # "in the talks the two sides will …": 会谈中 + 将, not 中将 "lieutenant general"
        ("双方在会谈中将就共同关心的问题交换意见。", ["会谈", "中", "将", "就"]),
        # jieba's HMM glues 过程中将 first; the split still holds: "in the process will hand them over"
        ("他在过程中将把他们交给中国。", ["过程", "中", "将", "把"]),
        # "provide aid to the DPRK within the mandate": 范围内 + 向, not 内向 "introverted"
        ("在安理会授权范围内向朝鲜提供援助。", ["范围", "内", "向", "朝鲜"]),
        # a rank after a military branch stays one word: "a US admiral", "a Pakistani army lieutenant general"
        ("美国海军上将一行访华。", ["海军", "上将"]),
        ("巴基斯坦陆军中将辛格访华。", ["陆军", "中将"]),
    ],
)
def test_words_the_genre_writes_across_a_boundary(sentence: str, pieces: list[str]) -> None:
    tokens = [w for w, _ in cut(sentence)]
    start = tokens.index(pieces[0])
    assert tokens[start:start + len(pieces)] == pieces
