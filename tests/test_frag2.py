"""Four classes of wrong first meanings found on the derive split: fragment sub-terms, nouns after a numeral and
classifier, verbs with an object whose first dictionary sense is an adjective, diplomatic verbs of the register."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from flashgen.chinese.senses import Use, sense_in, use_kind
from flashgen.study.subterms import sub_terms


@pytest.mark.parametrize(
    "word, absent, present",
    [
        # 一个中国政策 "one-China policy": the split 一|个中|国|政策 cuts 一个; 个中 "therein" is no term here
        ("一个中国政策", {"个中"}, set()),
        # 以人为本 "putting people first": 人为 "artificial" sits between two leftover characters
        ("以人为本", {"人为"}, set()),
        # 不负责任 "irresponsible" is 不 + 负责任 "responsible", not 不负 "to live up to" + 责任
        ("不负责任", {"不负"}, {"负责任"}),
        # 六方会谈 "Six-Party Talks": 六方 is a count ("six parties"), CC-CEDICT's 六方 is "hexagonal"
        ("六方会谈", {"六方"}, {"会谈"}),
        # 二十国集团 "G20": 二十 "twenty" is no term
        ("二十国集团", {"二十"}, {"集团"}),
        # 国务委员 "State Councilor" (a title): 国务 "affairs of state" is not what it names here
        ("国务委员", {"国务"}, {"委员"}),
        # 高新技术 "high and new technology" is 高新 + 技术: 新技术 cuts 高新
        ("高新技术", {"新技术"}, set()),
        # 中小企业 "small and medium enterprises" is 中小 + 企业: 小企业 cuts 中小
        ("中小企业", {"小企业"}, set()),
        # 人工岛礁 "artificial islands and reefs" is 人工 + 岛礁
        ("人工岛礁", {"人工岛"}, set()),
        # kept: words that open with a numeral character but are no counts (一贯 "consistent", 两岸 "cross-strait")
        ("一贯主张", set(), {"一贯", "主张"}),
        ("海峡两岸", set(), {"海峡", "两岸"}),
        # kept: a title's modifier the ministry uses as a free word (国家主席 "President": 国家 "state")
        ("国家主席", set(), {"国家", "主席"}),
        # kept: a leftover character that makes no word with the part (深表同情 "express deep sympathy")
        ("深表同情", set(), {"同情"}),
        # kept: a leftover character that makes a rarer word with the part's edge (发挥更大作用: 大作 is no cut)
        ("发挥更大作用", set(), {"发挥", "作用"}),
        # 新发展格局 "new development paradigm": 新发 beside 发展 is rarer than 发展
        ("新发展格局", set(), {"发展", "格局"}),
        # 两国关系 "bilateral relations": 两国 "both countries" is a word, not a bare count
        ("两国关系", set(), {"两国", "关系"}),
        # 阿人治阿 "Afghans governing Afghanistan": 人治 "rule of man" between two leftover characters
        ("阿人治阿", {"人治"}, set()),
        # kept: the earlier cases (China-EU investment agreement, UN Security Council)
        ("中欧投资协定", set(), {"中欧", "投资协定"}),
        ("联合国安理会", set(), {"联合国", "安理会"}),
    ],
)
def test_fragments_are_no_sub_terms(word: str, absent: set[str], present: set[str]) -> None:
    found = set(sub_terms(word))
    assert not found & absent
    assert present <= found


@pytest.mark.parametrize(
    "word, reading, use, first",
    [
        # 四点主张 "four-point proposal": 点 tagged as a numeral after 四, the noun sense ("view"), not "to advocate"
        ("主张", "zhu3 zhang1", Use(pos="n", prev="点", prev_pos="m", next="。", next_pos="x"), "proposal"),
        # 五点建议 "five-point proposal": the noun sense
        ("建议", "jian4 yi4", Use(pos="n", prev="点", prev_pos="m", next="。", next_pos="x"), "proposal"),
        # 一些误解 "some misunderstandings": 一些 tagged m opens a noun phrase
        ("误解", "wu4 jie3", Use(pos="v", prev="一些", prev_pos="m", next="、", next_pos="x"), "misunderstanding"),
        # 三项原则 "three principles": 三项 joined and tagged m
        ("原则", "yuan2 ze2", Use(pos="n", prev="三项", prev_pos="m", next="。", next_pos="x"), "principle"),
        # still a verb with an object after it: 十点会见记者 "meets the press at ten"
        ("会见", "hui4 jian4", Use(pos="v", prev="点", prev_pos="m", next="记者", next_pos="n"), "to meet"),
    ],
)
def test_noun_after_numeral_and_classifier(word: str, reading: str, use: Use, first: str) -> None:
    assert sense_in(word, reading, use)[0].startswith(first), sense_in(word, reading, use)


@pytest.mark.parametrize("use, kind", [
    (Use(pos="n", prev="点", prev_pos="m"), "noun"),  # 四|点|主张
    (Use(pos="n", prev="几点", prev_pos="m"), "noun"),  # 几点建议 "a few suggestions"
    (Use(pos="n", prev="一系列", prev_pos="m"), "noun"),  # 一系列主张 "a series of proposals"
    (Use(pos="n", prev="三", prev_pos="m"), ""),  # a bare numeral says nothing (三|中全会 is another story)
    (Use(pos="v", prev="不", prev_pos="d", next="任何", next_pos="r"), "verb"),  # 不附加任何政治条件: a negated verb, object
    (Use(pos="v", prev="不", prev_pos="d", next="政治", next_pos="n"), "verb"),  # 不附加政治条件
])
def test_use_kind_after_numeral_tags(use: Use, kind: str) -> None:
    assert use_kind(use) == kind


@pytest.mark.parametrize(
    "word, reading, use, first",
    [
        # 不附加任何政治条件 "attaching no political strings": the verb, CC-CEDICT has only "additional; annex"
        ("附加", "fu4 jia1", Use(pos="v", prev="不", prev_pos="d", next="任何", next_pos="r"), "to attach"),
        # 从不附加政治条件 "never attaches political conditions"
        ("附加", "fu4 jia1", Use(pos="v", prev="从不", prev_pos="d", next="政治", next_pos="n"), "to attach"),
        # 附加条款 "additional clause": no verb before, no object after: the dictionary's adjective stays
        ("附加", "fu4 jia1", Use(pos="v", prev="的", prev_pos="uj", next="条款", next_pos="n"), "additional"),
        # 承认一个中国原则 "recognise the one-China principle": diplomatic recognition, not "to admit"
        ("承认", "cheng2 ren4", Use(pos="v", prev="美方", prev_pos="n", next="一个中国原则", next_pos="n"), "to recognize"),
        # 承认西藏是中国的一部分 "recognise Tibet as part of China": a place after it
        ("承认", "cheng2 ren4", Use(pos="v", prev="美国", prev_pos="ns", next="西藏", next_pos="ns"), "to recognize"),
        # 承认错误 "admit a mistake": CC-CEDICT's first sense stays
        ("承认", "cheng2 ren4", Use(pos="v", prev="应", prev_pos="v", next="错误", next_pos="n"), "to admit"),
        # 追问：… "Follow-up question:" in the ministry's transcripts, not "to question closely"
        ("追问", "zhui1 wen4", Use(pos="v", prev="", prev_pos="", next="：", next_pos="x"), "follow-up question"),
        # 照顾彼此关切 "accommodate each other's concerns", not "to take care of"
        ("照顾", "zhao4 gu5", Use(pos="v", prev="应", prev_pos="v", next="彼此", next_pos="r"), "to accommodate"),
        # 照顾老人 "look after the elderly": CC-CEDICT's first sense stays
        ("照顾", "zhao4 gu5", Use(pos="v", prev="他", prev_pos="r", next="老人", next_pos="n"), "to take care of"),
        # 四点主张 "four-point proposal": the register's noun sense after 点
        ("主张", "zhu3 zhang1", Use(pos="n", prev="点", prev_pos="m", next="。", next_pos="x"), "proposal"),
    ],
)
def test_register_rows_for_verbs_of_the_genre(word: str, reading: str, use: Use, first: str) -> None:
    assert sense_in(word, reading, use)[0].startswith(first), sense_in(word, reading, use)


_HANZI = st.text(alphabet=st.sampled_from("一个中国政策以人为本不负责任六方会谈国务委员高新技术中小企业人工岛礁两关系发挥更大作用"),
                 min_size=1, max_size=9)


@settings(max_examples=200, deadline=None)
@given(_HANZI)
def test_sub_terms_are_proper_parts(word: str) -> None:
    """Whatever the word, its sub-terms are shorter words inside it, two characters or more, each once."""
    found = sub_terms(word)
    assert len(set(found)) == len(found)
    assert all(2 <= len(s) < len(word) and s in word for s in found)
