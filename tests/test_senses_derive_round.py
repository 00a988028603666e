"""Senses and readings fixed by class in the third derive-split review round (scripts/derive_review.tsv).

Each case is a miss class seen in review: a use rule in ``chinese/uses.py``, a register
row in ``data/register.tsv`` or a reading rule in ``chinese/reading_rules.py``, checked
on the sense an occurrence gets (``sense_in``) and on whole sentences through the pipeline.
"""

from __future__ import annotations

import pytest

from flashgen.chinese.senses import Use, sense_in
from flashgen.chinese.uses import use_kind
from flashgen.models import Sentence
from flashgen.pipeline import analyse
from flashgen.study.annotate import annotate


@pytest.mark.parametrize(
    "word, reading, use, first",
    [
        # 中方是否任命了大使: an aspect particle after a word jieba tags as a noun makes it a verb
        ("任命", "ren4 ming4", Use(pos="n", prev="是否", prev_pos="v", next="了", next_pos="ul"), "to appoint"),
        # 任命的大使: after 的 and before 的 no verb is made of it (the noun sense stays possible)
        ("任命", "ren4 ming4", Use(pos="n", prev="的", prev_pos="uj", next="了", next_pos="ul"), "(job) appointment"),
        # 禁止蒙面规例 anti-mask law: after 禁止 the word is a verb, not "brazen; shameless"
        ("蒙面", "meng2 mian4", Use(pos="n", prev="禁止", prev_pos="v", next="规例", next_pos="n"), "to cover one's face"),
        # 在公共场所蒙面 to cover one's face in public places: the register row
        ("蒙面", "meng2 mian4", Use(pos="n", prev="公共场所", prev_pos="nt", next="。", next_pos="x"), "to cover one's face"),
        # 作出科学的概括 a scientific summary: no adverb sense ("briefly") for a noun use
        ("概括", "gai4 kuo4", Use(pos="v", prev="的", prev_pos="uj", next="。", next_pos="x"), "to summarize"),
        # 视情况而定 depending on the situation; a lone 视 otherwise: depending on / to regard as
        ("视", "shi4", Use(pos="v", prev="将", prev_pos="d", next="情况", next_pos="n"), "depending on"),
        ("视", "shi4", Use(pos="v", prev="将", prev_pos="d", next="会谈", next_pos="vn"), "depending on (视…而定)"),
        # 美方究竟想干什么 what on earth does the US want: not "(in an interrogative sentence) finally"
        ("究竟", "jiu1 jing4", Use(pos="d", prev="美方", prev_pos="n", next="想", next_pos="v"), "exactly; actually"),
        # 丰富内涵 rich substance: not "connotation" first
        ("内涵", "nei4 han2", Use(pos="n", prev="丰富", prev_pos="a"), "substance; content"),
        # 管得过多过细 too much and too detailed a control: criticism, not "extremely careful"
        ("过细", "guo4 xi4", Use(pos="ad", prev="多", prev_pos="m", next="，", next_pos="x"), "excessively detailed"),
        # 最高人民检察院: the procuratorate prosecutes; "to inspect" is not its first sense
        ("检察", "jian3 cha2", Use(pos="vn", prev="依法", prev_pos="d", next="。", next_pos="x"), "procuratorial; to prosecute"),
        # 国际社会不允许轻启战端: 轻 before a verb is "lightly; rashly", not "light"
        ("轻", "qing1", Use(pos="a", prev="允许", prev_pos="v", next="启", next_pos="v"), "lightly"),
        # 很轻 very light: no verb after it, the adjective stays
        ("轻", "qing1", Use(pos="a", prev="很", prev_pos="d", next="。", next_pos="x"), "light"),
        # 加强心理健康服务 mental health services
        ("心理", "xin1 li3", Use(pos="n", prev="加强", prev_pos="v", next="健康", next_pos="a"), "mental"),
        # 作何评价 what is your comment: a noun
        ("评价", "ping2 jia4", Use(pos="n", prev="何", prev_pos="r", next="？", next_pos="x"), "assessment"),
        # 高度评价中方 to speak highly of China: a verb
        ("评价", "ping2 jia4", Use(pos="v", prev="高度", prev_pos="d", next="中方", next_pos="n"), "to evaluate"),
        # 种田交税 farmers paying tax: to pay, not "to hand over"
        ("交", "jiao1", Use(pos="v", prev="种田", prev_pos="n", next="税", next_pos="n"), "to pay"),
        # 排除各种干扰 to rule out all interference: not "perturbation"
        ("干扰", "gan1 rao3", Use(pos="v", prev="的", prev_pos="uj", next="的", next_pos="uj"), "interference"),
        # 毛主席是怎样论述的 how Chairman Mao expounded it: a verb; 的论述 a noun
        ("论述", "lun4 shu4", Use(pos="v", prev="怎样", prev_pos="r", next="的", next_pos="uj"), "to discuss"),
        ("论述", "lun4 shu4", Use(pos="v", prev="的", prev_pos="uj", next="，", next_pos="x"), "exposition"),
        # 有何评论 / 作何回应: after 何 a noun ("comment", "response"), not "to comment on"
        ("评论", "ping2 lun4", Use(pos="n", prev="何", prev_pos="r", next="？", next_pos="x"), "comment"),
        ("回应", "hui2 ying4", Use(pos="v", prev="何", prev_pos="r", next="？", next_pos="x"), "response"),
        # 访华日程及相关安排 the arrangements of the visit: a noun after 相关
        ("安排", "an1 pai2", Use(pos="v", prev="相关", prev_pos="v", next="。", next_pos="x"), "arrangements"),
        # 作出的积极努力 the active efforts made: a noun; 要努力实现 to strive to achieve: the verb
        ("努力", "nu3 li4", Use(pos="ad", prev="积极", prev_pos="ad", next="。", next_pos="x"), "efforts"),
        ("努力", "nu3 li4", Use(pos="ad", prev="要", prev_pos="v", next="实现", next_pos="v"), "to make an effort"),
        # 和平、稳定和繁荣 peace, stability and prosperity: a noun
        ("繁荣", "fan2 rong2", Use(pos="a", prev="和", prev_pos="c", next="。", next_pos="x"), "prosperity"),
        # 培育成…新亮点 to make into a new highlight: resultative after a verb; 撒谎|成|性 the word 成性
        ("成", "cheng2", Use(pos="v", prev="培育", prev_pos="vn", next="中俄", next_pos="ns"), "(after a verb) into"),
        ("成", "cheng2", Use(pos="v", prev="撒谎", prev_pos="v", next="性", next_pos="n"), "(in 成性)"),
        # 中方有何主张 what does China propose: a noun, not "to advocate"
        ("主张", "zhu3 zhang1", Use(pos="n", prev="何", prev_pos="r", next="？", next_pos="x"), "proposal"),
        # 以国家主席身份 in the capacity of head of state
        ("身份", "shen1 fen4", Use(pos="n", prev="国家主席", prev_pos="nn", next="对", next_pos="p"), "status; capacity"),
        # 同美方一道努力，发展…: after a numeral-classifier word (一道 "together") 努力 stays the verb
        ("努力", "nu3 li4", Use(pos="ad", prev="一道", prev_pos="m", next="，", next_pos="x"), "to make an effort"),
        # 十五大明确了…目标 the 15th Congress set the goals: a verb before 了
        ("明确", "ming2 que4", Use(pos="ad", prev="十五大", prev_pos="n", next="了", next_pos="ul"), "to make clear"),
        # 广开肥源 open up sources of fertilizer
        ("肥", "fei2", Use(pos="a", prev="广开", prev_pos="v", next="源", next_pos="n"), "fertilizer"),
        # 百年未有之大变局 changes unseen in a century
        ("未有", "wei4 you3", Use(pos="v", prev="百年", prev_pos="m", next="之", next_pos="u"), "has never been"),
        # 欧非 Europe and Africa (composed): 非 after 欧 is Africa, not "to not be"
        ("非", "fei1", Use(pos="v", prev="欧", part=True, end=True), "Africa"),
    ],
)
def test_sense_of_an_occurrence(word: str, reading: str, use: Use, first: str) -> None:
    assert sense_in(word, reading, use)[0].startswith(first)


@pytest.mark.parametrize(
    "use, kind",
    [
        (Use(pos="n", prev="是否", prev_pos="v", next="了", next_pos="ul"), "verb"),  # 是否任命了: a verb
        (Use(pos="n", prev="的", prev_pos="uj", next="了", next_pos="ul"), ""),  # 的…了: not made a verb
        (Use(pos="n", prev="禁止", prev_pos="v", next="规例", next_pos="n"), "verb"),  # 禁止蒙面规例
        (Use(pos="a", prev="禁止", prev_pos="v", next="。", next_pos="x"), "object"),  # an adjective stays as it was
    ],
)
def test_use_kind(use: Use, kind: str) -> None:
    assert use_kind(use) == kind


def _reading(text: str, word: str) -> str:
    [sentence] = annotate([Sentence(index=0, paragraph=0, section=None, speaker=None, text=text)])
    return next(t.pinyin_numbered for t in sentence.tokens if t.text == word)


@pytest.mark.parametrize(
    "text, reading",
    [
        ("这笔资金已列入当年预算。", "dang4 nian2"),  # entered in that same year's budget
        ("当年预算执行情况良好。", "dang4 nian2"),  # that year's budget was carried out well
        ("项目当年投产，当年见效。", "dang4 nian2"),  # in operation and paying off the same year
        ("他当年在这里工作过。", "dang1 nian2"),  # he worked here in those days
        ("同时，重点进口先进技术。", "zhong4 dian3"),
        ("将税率降至13%。", "jiang4"),  # lower the tax rate to 13%: jiàng, not xiáng "to surrender"
        ("吴三桂部队皆出城迎降。", "xiang2"),  # came out of the city to surrender: xiáng  # mainly import advanced technology: zhòngdiǎn, not chóngdiǎn "to recount"
        ("日本当年发动了侵略战争。", "dang1 nian2"),  # Japan then launched a war of aggression
    ],
)
def test_dangnian_in_context(text: str, reading: str) -> None:
    word = next(w for w in ("当年", "重点", "降") if w in text)
    assert _reading(text, word).lower() == reading


def test_buliao_after_a_verb() -> None:
    # 解决不了问题 cannot solve the problem: bù liǎo "unable to", not bù le "no thanks"
    assert _reading("这种做法解决不了问题。", "不了").lower() == "bu4 liao3"


def test_sentence_level_first_meanings() -> None:
    # Whole sentences through the pipeline: the item's first meaning is the sentence's sense.
    text = "中方是否任命了大使？特区政府实施禁止蒙面规例。这笔资金已列入当年预算。"
    items = {item.hanzi: item for item in analyse(text=text).vocab}
    assert items["任命"].meanings[0] == "to appoint"  # appointed an ambassador
    assert items["蒙面"].meanings[0].startswith("to cover one's face")  # anti-mask regulation
    assert items["当年"].meanings[0] == "that very same year"  # dàngnián: that year's budget
    assert items["当年"].pinyin == "dàngnián"
