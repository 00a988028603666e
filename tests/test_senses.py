"""Senses in context: the first meaning is the sense the text uses; the register and function-word tables."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from flashgen.chinese.meaning import sense_pool
from flashgen.chinese.senses import CONTEXT_KINDS, RULE_FILES, Use, _parse, choose, matches, register, rules, sense_in
from flashgen.cli import cli

#: Seed examples of the issue: (word, the phrase of the sample it stands in, expected start of the first meaning).
SEEDS = [
    ("项", "各项权利", "item"),  # 各项权利 every right: item, not "back of neck"
    ("电", "新华社电", "dispatch (news)"),  # Xinhua dispatch, not "lightning"
    ("支", "一支值得信赖", "classifier for"),  # 一支…力量 a force: classifier, not "to support"
    ("条", "一条路径", "classifier for"),  # 一条路径 one path: classifier, not "strip"
    ("具", "最具普遍性", "to have"),  # most universal: to have, not "tool"
    ("称", "政府称", "to state"),  # the administration says: not "to weigh"
    ("兼", "国务委员兼外交部长", "concurrently (hold"),  # state councillor and concurrently foreign minister
    ("应", "都应", "should"),  # all should: not "to agree (to do sth)"
    ("德", "君子之德", "virtue"),  # the virtue of a gentleman: not Germany
    ("是", "是", "to be; is/are"),  # copula: a learner's gloss, not "(followed by substantives only)"
    ("落实", "落实", "to implement"),  # implement: not "practical"
]


@pytest.fixture(scope="module")
def sample_vocab_all():
    """The sample's vocabulary with HSK 1–2 and function words kept (the CLI's --all): 是, 美 and 条 are HSK 1–2."""
    from flashgen.pipeline import Options, analyse

    return {item.hanzi: item for item in analyse(None, Options(min_hsk=1)).vocab}


@pytest.mark.parametrize("word, phrase, first", SEEDS)
def test_sample_seed_senses(sample_vocab_all, word: str, phrase: str, first: str) -> None:
    item = sample_vocab_all[word]
    assert item.meanings[0].startswith(first), item.meanings
    assert any(phrase in e.text for e in item.examples) or any(
        phrase in s for s in [e.text for e in item.examples]
    ), [e.text for e in item.examples]


@pytest.mark.parametrize(
    "word, reading, use, first",
    [
        ("电", "dian4", Use(pos="n", prev="中新社"), "dispatch (news)"),  # 中新社电 CNS dispatch
        ("电", "dian4", Use(pos="n", prev="、", prev_pos="x", next="、", next_pos="x"), "electricity"),  # 煤、电、油: not lightning
        ("电", "dian4", Use(pos="n", prev="供", prev_pos="v"), "(in 供电)"),  # 供|电 cut by jieba: the word it belongs to
        ("纾", "shu1", Use(pos="v", prev="助企", prev_pos="v", next="困", next_pos="v"), "(in 纾困)"),  # 助企纾|困 cut by jieba
        ("参", "can1", Use(pos="v", prev="人", prev_pos="n", next="保", next_pos="v"), "to take part in"),  # 万人|参|保: no 人参 ginseng
        ("项", "xiang4", Use(pos="n", prev="一", prev_pos="m"), "item"),  # 一项 one item
        ("条", "tiao2", Use(pos="n", prev="这", prev_pos="r"), "classifier for"),  # 这条 this (road)
        ("条", "tiao2", Use(pos="n", prev="第三", prev_pos="m"), "classifier for"),  # 第三条 the third (article)
        ("支", "zhi1", Use(pos="v", prev="大力", prev_pos="d"), "to support"),  # 大力支 no numeral: not a classifier
        ("美", "mei3", Use(pos="ns", prev="中", prev_pos="f"), "the US"),  # 中美
        ("美", "mei3", Use(pos="a", prev="很", prev_pos="d"), "beautiful"),  # 很美 beautiful: not a name
        ("德", "de2", Use(pos="ns", prev="之", prev_pos="u"), "virtue"),  # 君子之德
        ("德", "de2", Use(pos="ns", prev="中", prev_pos="f"), "Germany"),  # 中德 China and Germany
        ("法", "fa3", Use(pos="j", prev="于", prev_pos="p"), "law"),  # 于法有据 grounded in law
        ("法", "fa3", Use(pos="j", prev="，", prev_pos="x", next="方"), "France"),  # 法/方 the French side
        ("方", "fang1", Use(pos="n", prev="法", prev_pos="j"), "side"),  # 法方 the French side
        ("统筹", "tong3 chou2", Use(pos="v"), "to coordinate"),  # the verb, not "an overall plan"
        ("在", "zai4", Use(pos="p", next="维护", next_pos="v"), "(adverb: action in progress)"),  # 在维护 is upholding
        ("在", "zai4", Use(pos="p", next="北京", next_pos="ns"), "at; in"),  # 在北京 in Beijing
        ("等", "deng3", Use(pos="u", prev="俄罗斯", prev_pos="ns"), "and so on"),  # 中国、俄罗斯等 etc.
        ("完全", "wan2 quan2", Use(pos="ad", next="是", next_pos="v"), "totally"),  # 完全是 totally: an adverb before a verb
        ("共同", "gong4 tong2", Use(pos="d", prev="的", prev_pos="uj", next="敌人", next_pos="n"), "common"),  # 共同敌人 common enemy
        ("纷纷", "fen1 fen1", Use(pos="d", next="伸出", next_pos="v"), "one after another"),  # not "continuously"
        ("次", "ci4", Use(pos="q", prev="105", prev_pos="m"), "classifier for"),  # 105次: the classifier is CC-CEDICT's 7th sense
    ],
)
def test_sense_in_context(word: str, reading: str, use: Use, first: str) -> None:
    assert sense_in(word, reading, use)[0].startswith(first)


@pytest.mark.parametrize(
    "word, reading, use, first",
    [
        ("华", "hua2", Use(pos="n", prev="访", prev_pos="v"), "China"),  # 议长访|华 the speaker's visit to China: not "magnificent"
        ("临时", "lin2 shi2", Use(pos="d", next="政府", next_pos="n"), "temporary"),  # 临时政府 interim government
        ("复兴", "fu4 xing1", Use(pos="v", prev="伟大", prev_pos="a"), "rejuvenation"),  # 伟大复兴 great rejuvenation
        ("引领", "yin3 ling3", Use(pos="v", prev="创新", prev_pos="v"), "to lead"),  # 创新引领: not "to crane one's neck"
        ("突破", "tu1 po4", Use(pos="vn", prev="新", prev_pos="a"), "breakthrough"),  # 实现新突破 a new breakthrough
        ("突破", "tu1 po4", Use(pos="v", prev="要", prev_pos="v", next="瓶颈", next_pos="n"), "to break through"),  # 要突破瓶颈: the verb stays
        ("发行", "fa1 xing2", Use(pos="vn", prev="国债", prev_pos="n"), "to issue"),  # 国债发行 bond issuance: not "to publish"
        ("左右", "zuo3 you4", Use(pos="m", prev="6%", prev_pos="m"), "about"),  # 6%左右 about 6%
        ("左右", "zuo3 you4", Use(pos="f", prev="前后", prev_pos="f"), "left and right"),  # no number before: CC-CEDICT's sense
        ("稳", "wen3", Use(pos="a", prev="、", prev_pos="x", next="金融", next_pos="n"), "to stabilize"),  # 稳金融 (六稳)
        ("保", "bao3", Use(pos="v", next="就业", next_pos="vn"), "to ensure"),  # 保就业 (六保)
        ("系", "xi4", Use(pos="v", prev="此次", prev_pos="r"), "(formal) to be"),  # 此次系第二次修订 this is the second revision
        ("使馆", "shi3 guan3", Use(pos="n"), "embassy"),  # 驻外使馆: CC-CEDICT "consulate" is 领馆
        ("副部长", "fu4 bu4 zhang3", Use(pos="n"), "vice minister"),  # 外交部副部长: not "assistant minister"
        ("京都", "jing1 du1", Use(pos="ns", prev="《", prev_pos="x"), "Kyoto"),  # 《京都议定书》 the Kyoto Protocol
        ("走向", "zou3 xiang4", Use(pos="v", prev="下步", prev_pos="n", next="有", next_pos="v"), "direction"),  # 谈判下步走向 the direction
        ("走向", "zou3 xiang4", Use(pos="v", next="世界", next_pos="n"), "to move towards"),  # 走向世界 to go global
        ("发", "fa1", Use(pos="v", prev="刊", prev_pos="v"), "to issue"),  # 刊|发 cut by jieba: to publish
        ("形态", "xing2 tai4", Use(pos="n", prev="意识", prev_pos="n"), "(in 意识形态) ideology"),  # 意识|形态 cut by jieba
        ("期间", "qi1 jian1", Use(pos="f", prev="访问", prev_pos="v"), "during"),  # 访问期间 during the visit
        ("落", "luo4", Use(pos="v", prev="落实", prev_pos="v", next="细", next_pos="a"), "(in 落细)"),  # 落实落|细 cut by jieba
        ("兜底", "dou1 di3", Use(pos="v"), "to provide a safety net"),  # 兜底保障: not "to reveal"
        ("入世", "ru4 shi4", Use(pos="v"), "WTO accession"),  # 入世承诺: not "to engage with secular society"
        ("三通", "san1 tong1", Use(pos="j"), "the Three Links"),  # 两岸"三通": not "T-joint"
        ("牵头", "qian1 tou2", Use(pos="v"), "to take the lead"),  # 牵头单位: not "to lead (an animal by the head)"
        ("德", "de2", Use(pos="n", prev="要求", prev_pos="v", next="方", next_pos="n"), "Germany"),  # 要求德|方: not "virtue"
        ("德", "de2", Use(pos="ns", prev="访", prev_pos="v"), "Germany"),  # 访|德 visiting Germany
        ("区别", "qu1 bie2", Use(pos="n", prev="地", prev_pos="uv", next="和", next_pos="c"), "to distinguish"),  # 正确地区别和处理
        ("区别", "qu1 bie2", Use(pos="n", prev="有", prev_pos="v"), "difference"),  # 有区别: the noun stays
        ("发达", "fa1 da2", Use(pos="v", prev="经济", prev_pos="n", next="地区", next_pos="n"), "well-developed"),  # 经济发达地区
        ("信", "xin4", Use(pos="n", prev="是", prev_pos="v", next="他", next_pos="r"), "to believe"),  # 是信他的: to believe him
        ("信", "xin4", Use(pos="n", prev="封", prev_pos="q"), "letter"),  # 一封信 a letter
        ("登陆", "deng1 lu4", Use(pos="v", next="外交部", next_pos="nt"), "to log on"),  # 登陆外交部网站
        ("登陆", "deng1 lu4", Use(pos="v", prev="台风", prev_pos="n"), "to land"),  # 台风登陆: CC-CEDICT's sense
        ("系", "xi4", Use(part=True, pos="v", prev="关"), "to connect"),  # 系 inside a composed 关系: no "(formal) to be"
        ("委员", "wei3 yuan2", Use(pos="n", prev="该", prev_pos="r", next="会", next_pos="v"), "(in 委员会) committee"),  # 该委员|会
        ("年", "nian2", Use(pos="m", prev="2008", prev_pos="m"), "year"),  # 2008年: not the variant entry's "grain"
        ("日", "ri4", Use(pos="m", prev="10月15", prev_pos="m"), "day"),  # 10月15日: not "sun"
        ("克", "Ke4", Use(pos="nr", prev="50", prev_pos="m"), "gram"),  # 50克: not the name sense "Croatia"
        ("成", "cheng2", Use(pos="n", prev="两", prev_pos="m"), "tenth"),  # 增长两成 up 20%
    ],
)
def test_register_rows_in_context(word: str, reading: str, use: Use, first: str) -> None:
    assert sense_in(word, reading, use)[0].startswith(first), sense_in(word, reading, use)


def test_register_rows_of_composed_words_apply() -> None:
    # 放管服 streamline administration, delegate power, improve services: in no dictionary, the row replaces "put + take care + clothes"
    import json

    result = CliRunner().invoke(cli, ["lookup", "放管服", "僵尸企业", "-f", "json"])
    assert result.exit_code == 0, result.output
    items = json.loads(result.output)
    assert items[0]["meanings"][0].startswith("streamlining administration")
    assert items[1]["meanings"][0].startswith("zombie enterprises")  # 僵尸企业: not "gyonshi + company"
    assert not any(item["composed"] for item in items)


def test_sample_token_senses(sample_analysis) -> None:
    """Tokens the item selection leaves out (美 of 对美) still get the sense their neighbours call for."""
    from flashgen.chinese.senses import use_at
    from flashgen.models import Sentence
    from flashgen.study.annotate import annotate

    found = {}
    export = annotate([Sentence(0, 0, None, None, "中方扩大对美出口。")])[0]  # China expands its exports to the US
    for sentence in [*sample_analysis.transcript.sentences, export]:
        for i, token in enumerate(sentence.tokens):
            if token.text in ("美", "德") and token.text not in found:
                found[token.text] = sense_in(token.text, token.pinyin_numbered, use_at(sentence.tokens, i))[0]
    assert found["美"].startswith("the US")  # 对美出口: exports to the US, not "the Americas"
    assert found["德"].startswith("virtue")  # 君子之德: not Germany
    # 包括中美在内 (China and the US included): 中美 is one word now, not 中 + 美
    assert any(t.text == "中美" for s in sample_analysis.transcript.sentences for t in s.tokens)


def test_several_senses_each_with_an_example(sample_vocab_all) -> None:
    """An item whose occurrences use different senses shows each with its own example, the most used first."""
    several = [i for i in sample_vocab_all.values() if len({e.sense for e in i.examples}) > 1]
    assert several, "the sample has words used in two senses (发展 development / to develop)"
    for item in several:
        assert item.examples[0].sense == item.meanings[0] or item.meanings[0].startswith(item.examples[0].sense)
        assert all(e.sense for e in item.examples)


def test_choose_ranks_by_use() -> None:
    # 条: two classifier uses and one plain use: the classifier comes first, each use keeps its own sense
    uses = [Use(pos="n", prev="一", prev_pos="m"), Use(pos="n", prev="各", prev_pos="r"), Use(pos="n", prev="的", prev_pos="uj")]
    choice = choose("条", "tiao2", uses)
    assert choice.senses[0].startswith("classifier for")
    assert choice.per_use[2] == "item; article; clause"
    assert len(choice.senses) == 2


def test_tables_are_well_formed() -> None:
    """Every row of both tables has a known context, a well-formed reading and (register) a review note."""
    for name in RULE_FILES:
        for word, found in _parse(name).items():
            for rule in found:
                for cond in rule.context.split():
                    assert cond.partition(":")[0] in CONTEXT_KINDS, (word, cond)
                    matches(rule, Use(), rule.reading)  # parses without error
                assert not rule.reading or re.fullmatch(r"[a-zü]+[1-5]( [a-zü]+[1-5])*", rule.reading), (word, rule.reading)
                assert not rule.reading or len(rule.reading.split()) == len(word), (word, rule.reading)
                if name == "register.tsv":
                    assert rule.note, f"{word}: unreviewed register row"
    assert len(register()) >= 1000  # words reviewed so far (see the README)


def test_register_rows_have_the_reading_the_dictionary_knows() -> None:
    """A register sense for a reading CC-CEDICT lacks would never be chosen in a text (tokens carry real readings).

    Words CC-CEDICT does not have at all (筑牢, 放管服) are composed and take the
    row's sense whatever their reading; words it has must be given one of its readings.
    """
    from flashgen.chinese.lexicon import lexicon

    missing = []
    for word, found in register().items():
        for rule in found:
            if rule.reading and len(word) > 1 and lexicon().entries(word) and not any(sense_pool(word, rule.reading)):
                missing.append(word)
    assert len(missing) <= len(register()) // 50, missing[:20]


def test_register_rows_of_composed_words_match_their_reading() -> None:
    """A word CC-CEDICT lacks is read by pypinyin: its row must give that reading (or none) to apply."""
    from flashgen.chinese.lexicon import lexicon
    from flashgen.chinese.reading import numbered

    wrong = [
        (word, rule.reading)
        for word, found in register().items()
        for rule in found
        if rule.reading and len(word) > 1 and not lexicon().entries(word)
        and " ".join(numbered(word)).lower() != rule.reading
    ]
    assert not wrong, wrong


@pytest.mark.parametrize(
    "word, first",
    [
        ("落实", "to implement"),  # CC-CEDICT first: "practical"
        ("夯实", "to consolidate"),  # CC-CEDICT first: "to tamp"
        ("部署", "to deploy"),  # CC-CEDICT first: "to dispose"
        ("统筹", "to coordinate"),  # CC-CEDICT first: "an overall plan"
        ("攻坚", "to tackle key problems"),  # CC-CEDICT first: "to assault a fortified position"
        ("短板", "weak link"),  # CC-CEDICT first: "short stave of the barrel"
        ("释放", "to release"),  # CC-CEDICT first: "to liberate (a prisoner)"
    ],
)
def test_lookup_shows_register_sense(word: str, first: str) -> None:
    import json

    result = CliRunner().invoke(cli, ["lookup", word, "-f", "json"])
    assert result.exit_code == 0, result.output
    item = json.loads(result.output)[0]
    assert item["meanings"][0].startswith(first)
    assert item["composed"] is False


def test_composed_meanings_are_marked_in_the_table() -> None:
    # 党和人民 the Party and the people is in neither CC-CEDICT nor the glossary: composed, marked ≈
    result = CliRunner().invoke(cli, ["lookup", "党和人民"])
    assert result.exit_code == 0, result.output
    assert "≈ party + and + the people" in result.output


def test_overrides_still_win() -> None:
    from flashgen.chinese.overrides import Override
    from flashgen.study.lookup import lookup

    # the user's own rendering of 落实 beats the register's "to implement"
    item = lookup(["落实"], {"落实": Override("落实", (), ("to deliver on",))})[0]
    assert item.meanings[0] == "to deliver on" and item.meaning_source == "override"


def test_rules_load_once() -> None:
    assert rules() is rules()


def test_occurrences_without_context_or_sentence() -> None:
    """Sub-term occurrences have no neighbours, and a reading group may have no sentence: neither breaks an item."""
    from flashgen.models import Sentence, Token
    from flashgen.study.vocab import _example_sentences, _Occurrences, _uses

    sentence = Sentence(0, 0, None, None, "投资协定")
    occ = _Occurrences(tokens=[Token("投资", "vn", "tóuzī", "tou2 zi1")], sentences=[sentence])
    uses = _uses(occ)  # 投资 inside 投资协定: a context-free use in the term's sentence
    assert [s for _, s in uses] == [sentence] and uses[0][0].pos == "vn"
    choice = choose("投资", "tou2 zi1", [u for u, _ in uses])
    assert _example_sentences(uses, choice) == [(sentence, choice.senses[0])]
    lonely = _Occurrences(tokens=[Token("投资", "vn", "tóuzī", "tou2 zi1")])
    assert _uses(lonely) == [] and _example_sentences([], choose("投资", "tou2 zi1", [])) == []
