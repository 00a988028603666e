"""Sub-term items that are fragments of a long term's dictionary split, with a first sense wrong inside it."""

from __future__ import annotations

import pytest

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
        # kept: the earlier cases (China-EU investment agreement, UN Security Council)
        ("中欧投资协定", set(), {"中欧", "投资协定"}),
        ("联合国安理会", set(), {"联合国", "安理会"}),
    ],
)
def test_fragments_are_no_sub_terms(word: str, absent: set[str], present: set[str]) -> None:
    found = set(sub_terms(word))
    assert not found & absent
    assert present <= found
