"""Senses chosen from the use in the sentence (neighbours, not jieba's per-word tag), and fragments kept out."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from flashgen.chinese.senses import Use, sense_in, use_at, use_kind
from flashgen.models import Token
from flashgen.study.select import cut_from_word


@pytest.mark.parametrize(
    "word, reading, use, first",
    [
        # adjective use of a word jieba tags as a verb
        ("发达", "fa1 da2", Use(pos="v", prev="经济", prev_pos="n", next="地区", next_pos="n"), "well-developed"),  # 经济发达地区 economically developed regions
        ("发达", "fa1 da2", Use(pos="v", prev="比较", prev_pos="d", next="的", next_pos="uj"), "well-developed"),  # 比较发达的 fairly developed
        ("极大", "ji2 da4", Use(pos="a", prev="出", prev_pos="v", next="的", next_pos="uj"), "enormous"),  # 表现出极大的诚意 great sincerity: not "maximum"
        ("相互", "xiang1 hu4", Use(pos="d", prev="的", prev_pos="uj", next="了解", next_pos="v"), "mutual"),  # 彼此之间的相互了解 mutual understanding
        # noun use of a verb: after 的, a nominalising verb, a classifier, or as an object at a clause end
        ("误解", "wu4 jie3", Use(pos="v", prev="的", prev_pos="uj", next="，", next_pos="x"), "misunderstanding"),  # 消除这样的误解 dispel this misunderstanding
        ("解释", "jie3 shi4", Use(pos="v", prev="作出", prev_pos="v", next="。", next_pos="x"), "explanation"),  # 作出解释 give an explanation
        ("决定", "jue2 ding4", Use(pos="v", prev="的", prev_pos="uj", next="。", next_pos="x"), "decision"),  # 关于改革的决定 the decision on reform
        ("承诺", "cheng2 nuo4", Use(pos="v", prev="的", prev_pos="uj", next="，", next_pos="x"), "commitment"),  # 反对“台独”的承诺 the commitment
        ("帮助", "bang1 zhu4", Use(pos="v", prev="提供", prev_pos="v", next="。", next_pos="x"), "assistance"),  # 提供帮助 provide assistance
        ("耐心", "nai4 xin1", Use(pos="a", prev="表现", prev_pos="v", next="、", next_pos="x"), "patience"),  # 表现耐心、 show patience
        ("爆炸", "bao4 zha4", Use(pos="v", prev="系列", prev_pos="q", next="袭击", next_pos="v"), "explosion"),  # 系列爆炸袭击 a series of bomb attacks
        # verb use: an object after it, an adverb or a modal before it
        ("回答", "hui2 da2", Use(pos="v", prev="来", prev_pos="v", next="。", next_pos="x"), "to reply"),  # 不应由我来回答。 not for me to answer
        ("镇压", "zhen4 ya1", Use(pos="v", prev="暴力", prev_pos="n", next="和平示威", next_pos="nz"), "to suppress"),  # 暴力镇压“和平示威” violently suppress
        ("明白", "ming2 bai5", Use(pos="n", prev="会", prev_pos="v", next="其中", next_pos="r"), "to understand"),  # 都会明白其中的含义 will understand
        ("结束", "jie2 shu4", Use(pos="v", prev="美国", prev_pos="ns", next="政策", next_pos="n"), "to finish"),  # 美国结束…政策 the US ends a policy
        ("反映", "fan3 ying4", Use(pos="v", prev="一方面", prev_pos="mq", next="出", next_pos="v"), "to reflect"),  # 一方面反映出 on the one hand reflects (the register row's verb)
        ("所有", "suo3 you3", Use(pos="b", prev="几乎", prev_pos="d", next="组织", next_pos="n"), "all"),  # 几乎所有…组织 almost all organisations
        # but a noun on both sides makes a compound
        ("展望", "zhan3 wang4", Use(pos="v", prev="经济", prev_pos="n", next="报告", next_pos="n"), "outlook"),  # 世界经济展望报告 World Economic Outlook
        # adverbs before a verb or a preposition
        ("一律", "yi1 lü4", Use(pos="d", next="由", next_pos="p"), "uniformly"),  # 一律由审批改为备案 uniformly changed from approval to filing
        ("共同", "gong4 tong2", Use(pos="d", next="应对", next_pos="v"), "jointly"),  # 共同应对挑战 jointly meet challenges
        # senses of another register come last
        ("通关", "tong1 guan1", Use(pos="vn", prev="大", prev_pos="a", next="合作", next_pos="vn"), "to clear customs"),  # 大通关: not "(gaming) to finish a level"
        # a figurative second sense before the literal first one
        ("迎来", "ying2 lai2", Use(pos="v", prev="，", prev_pos="x", next="新", next_pos="a"), "(fig.) to usher in"),  # 迎来新阶段 usher in a new stage: not "to welcome (a visitor)"
        ("启动", "qi3 dong4", Use(pos="v", prev="，", prev_pos="x", next="机床", next_pos="n"), "to launch"),  # 启动…工作 launch work: the register row, not "to start (a machine)"
        ("瓶颈", "ping2 jing3", Use(pos="n", prev="的", prev_pos="uj", next="。", next_pos="x"), "bottleneck"),  # 发展的瓶颈: the register row, not "neck of a bottle"
        # a function word is no fragment of the word it makes with its neighbour
        ("都", "dou1", Use(pos="d", prev="他们", prev_pos="r", next="会", next_pos="v"), "all"),  # 他们都会 they all will: not 都会 "city"
    ],
)
def test_sense_follows_use(word: str, reading: str, use: Use, first: str) -> None:
    assert sense_in(word, reading, use)[0].startswith(first), sense_in(word, reading, use)


def test_quotes_are_transparent() -> None:
    """镇压“和平示威”: the object after an opening quote is the verb's neighbour."""
    tokens = [Token("镇压", "v"), Token("“", "x"), Token("和平示威", "nz"), Token("”", "x")]
    use = use_at(tokens, 0)
    assert (use.next, use.next_pos) == ("和平示威", "nz")
    assert use_kind(Use(pos="v", prev="要", prev_pos="v", next="经济", next_pos="n")) == "verb"  # 要发展经济


def _tokens(pairs: str) -> list[Token]:
    return [Token(*p.split("/")) for p in pairs.split()]


@pytest.mark.parametrize(
    "tokens, i, cut",
    [
        ("第一/m 时间表/n 达/v 慰问/v", 2, True),  # 第一时间表达慰问: 达 is the end of 表达 "to express"
        ("使/v 企业/n 轻/a 装/v 上阵/v", 3, True),  # 轻装上阵: 轻装 "lightly equipped" only jieba knows
        ("推进/v 输/v 配/v 电价/n", 1, True),  # 输配电价: 输配 "transmission and distribution"
        ("艾/nr 衣/n 提/v", 1, True),  # 艾衣提 a Uyghur name cut apart: not "clothes"
        ("丽/nr 古/a", 1, True),  # 古丽 a name: not "ancient"
        ("就/d 能/v 办/v 成/v 大事/n", 2, False),  # 办成大事 get big things done: 办 "to do" and its result 成
        ("团结/v 如/v 山/n", 2, False),  # 团结如山 solid as a mountain: 如山 is only a rare place name of jieba's
        ("延续/v 农民/n 种田/v 交/v 税/n", 3, False),  # 种田交税 farm and pay tax: a verb and its object keep their senses
        ("的/uj 帮/v 扶/v", 2, True),  # 帮扶 "help and support": not "to support with the hand"
        ("各/r 项/q 权利/n", 1, False),  # 各项权利: a demonstrative and a classifier, no word
        ("这/r 条/q 路/n", 1, False),  # 这条路 this road
        ("中国/ns 人/n 民/n", 1, False),  # 国人 is rarer than 中国: 人 stays
        ("社会/n 上/f", 1, False),  # 会上 "at the meeting" is rarer than 社会
        ("发展/vn 经济/n", 0, False),  # two-character tokens are never cut
    ],
)
def test_cut_from_word(tokens: str, i: int, cut: bool) -> None:
    assert cut_from_word(_tokens(tokens), i) is cut


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["中", "国", "人", "发", "展", "经", "济", "的", "，", "表", "达", "时间表", "发展"]), min_size=1, max_size=8))
def test_sense_and_cut_never_fail(words: list[str]) -> None:
    """Any token sequence: every token gets a context, a sense lookup and a fragment verdict without error."""
    tokens = [Token(w, "x" if w == "，" else "n") for w in words]
    for i, token in enumerate(tokens):
        use = use_at(tokens, i)
        assert isinstance(cut_from_word(tokens, i), bool)
        assert use_kind(use) in ("", "adj", "noun", "object", "verb")
        if token.pos != "x":
            sense_in(token.text, "", use)


@pytest.mark.parametrize(
    "word, reading, use, first",
    [
        # an adverb before a verb reaches its adverb sense however far down the list (突 "sudden" is the 7th)
        ("突", "tu1", Use(pos="ad", prev="代表团", prev_pos="n", next="访", next_pos="v"), "sudden"),  # 代表团突访该国 the delegation suddenly visited: not "to dash"
        ("突", "tu1", Use(pos="ad", prev="昨夜", prev_pos="t", next="降", next_pos="zg"), "sudden"),  # 昨夜突降暴雨 a rainstorm suddenly fell last night (bound next character)
        ("进一步", "jin4 yi1 bu4", Use(pos="d", prev="为", prev_pos="p", next="加强", next_pos="v"), "(develop, understand, improve etc) more"),  # 为进一步加强中欧关系 to further strengthen: not "to go a step further"
        ("进一步", "jin4 yi1 bu4", Use(pos="d", prev="能否", prev_pos="v", next="介绍", next_pos="v"), "(develop, understand, improve etc) more"),  # 你能否进一步介绍 could you say more
        # but a word whose only non-verb senses are nouns keeps its verb (暂停参加 "to suspend", not "time-out")
        ("暂停", "zan4 ting2", Use(pos="d", prev="我们", prev_pos="r", next="参加", next_pos="v"), "to suspend"),  # 我们暂停参加…比赛 we suspend taking part
        ("努力", "nu3 li4", Use(pos="ad", prev="的", prev_pos="uj", next="推动", next_pos="v"), "efforts"),  # 以切实的努力推动 with real efforts: the noun, not "hard-working"
        # a verb before a determiner or quantifier that opens its object
        ("投资", "tou2 zi1", Use(pos="vn", prev="不要", prev_pos="df", next="某些", next_pos="r"), "to invest"),  # 不要投资某些中国企业 not to invest in certain firms: not "investment"
        ("投资", "tou2 zi1", Use(pos="vn", prev="，", prev_pos="x", next="各种", next_pos="r"), "to invest"),  # ，投资各种项目 invest in all kinds of projects
        ("投资", "tou2 zi1", Use(pos="vn", prev="的", prev_pos="uj", next="，", next_pos="x"), "investment"),  # 外国的投资， foreign investment (no determiner after)
        ("低", "di1", Use(pos="a", prev="涨幅", prev_pos="n", next="一些", next_pos="m"), "low"),  # 比去年的涨幅低一些 a little lower: 一些 after an adjective is no object
        # senses noted "(before a verb)" / "(before a noun)" follow the next token
        ("有没有", "you3 mei2 you3", Use(pos="v", prev="中方", prev_pos="n", next="邀请", next_pos="v"), "(before a verb)"),  # 中方有没有邀请朝方代表来京？ did China invite…?
        ("有没有", "you3 mei2 you3", Use(pos="v", prev="，", prev_pos="x", next="计划", next_pos="n"), "(before a noun)"),  # 有没有计划 is there a plan
        # a sense marked with a technical domain goes after the plain ones, unless a neighbour names the domain
        ("加速器", "jia1 su4 qi4", Use(pos="n", prev="回旋", prev_pos="v", next="正在", next_pos="t"), "particle accelerator"),  # 回旋加速器 cyclotron: not "accelerator (computing)"
        ("线路", "xian4 lu4", Use(pos="n", prev="输电", prev_pos="v", next="。", next_pos="x"), "(electricity) line"),  # 建设输电线路 build power lines
        ("线路", "xian4 lu4", Use(pos="n", prev="光缆", prev_pos="n", next="550", next_pos="m"), "(electricity) line"),  # 光缆线路550多万公里 optical cable lines
        ("线路", "xian4 lu4", Use(pos="n", prev="铁路", prev_pos="n", next="设计", next_pos="vn"), "(traffic) road; track; route"),  # 铁路线路设计 railway route design
        ("下游", "xia4 you2", Use(pos="f", prev="等", prev_pos="u", next="国家", next_pos="n"), "lower reaches (of a river)"),  # 印度、孟加拉等下游国家 downstream countries: a river is no technical domain
        # a figurative second sense ("fig. …") before the literal first one
        ("主流", "zhu3 liu2", Use(pos="b", prev="和", prev_pos="c", next="作出", next_pos="v"), "fig. the essential point"),  # 形势的本质和主流 the essence and main trend: not "main stream (of a river)"
    ],
)
def test_sense_reaches_the_use(word: str, reading: str, use: Use, first: str) -> None:
    assert sense_in(word, reading, use)[0].startswith(first), sense_in(word, reading, use)


@given(st.lists(st.sampled_from(["(electricity) line", "(traffic) road", "(of a river) stream", "plain", "(fig.) figure", "to go"]),
                min_size=1, max_size=6, unique=True))
@settings(max_examples=60, deadline=None)
def test_domain_order_keeps_every_sense(senses: list[str]) -> None:
    """Putting technical-domain senses last reorders, never drops or adds, a word's senses."""
    from flashgen.chinese.uses import _domain_last

    assert sorted(_domain_last(tuple(senses), Use())) == sorted(senses)
