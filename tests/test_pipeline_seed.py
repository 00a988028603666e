"""Acceptance on the real seed: whole terms, readings in context, meanings, examples, structure."""

from __future__ import annotations

import pytest

# (term, expected numbered reading, words the official rendering must contain)
TERMS = [
    ("人类命运共同体", "ren2 lei4 ming4 yun4 gong4 tong2 ti3", "community with a shared future for mankind"),  # community with a shared future
    ("一带一路", "yi1 dai4 yi1 lu4", "Belt and Road"),  # Belt and Road
    ("多边主义", "duo1 bian1 zhu3 yi4", "multilateralism"),  # multilateralism
    ("颜色革命", "yan2 se4 ge2 ming4", "color revolution"),  # colour revolution
    ("双循环", "shuang1 xun2 huan2", "dual circulation"),  # dual circulation
    ("十四五", "shi2 si4 wu3", "Five-Year Plan"),  # 14th Five-Year Plan
    ("港人治港", "gang3 ren2 zhi4 gang3", "Hong Kong people administering Hong Kong"),  # HK people govern HK
    ("爱国者治港", "ai4 guo2 zhe3 zhi4 gang3", "patriots administering Hong Kong"),  # patriots govern HK
    ("一国两制", "yi1 guo2 liang3 zhi4", "One Country, Two Systems"),  # one country two systems
    ("长治久安", "chang2 zhi4 jiu3 an1", "stability"),  # lasting stability (长 cháng)
    ("全面战略协作伙伴关系", "quan2 mian4 zhan4 lüe4 xie2 zuo4 huo3 ban4 guan1 xi4", "comprehensive strategic partnership of coordination"),
    ("人类卫生健康共同体", "ren2 lei4 wei4 sheng1 jian4 kang1 gong4 tong2 ti3", "community of health"),  # health community
    ("中华民族伟大复兴", "zhong1 hua2 min2 zu2 wei3 da4 fu4 xing1", "rejuvenation of the Chinese nation"),
    ("新型国际关系", "xin1 xing2 guo2 ji4 guan1 xi4", "new type of international relations"),
    ("合作共赢", "he2 zuo4 gong4 ying2", "win-win cooperation"),  # win-win cooperation
    ("零和博弈", "ling2 he2 bo2 yi4", "zero-sum game"),  # zero-sum game
    ("重回正轨", "chong2 hui2 zheng4 gui3", "back on track"),  # back on track (重 chóng)
    ("铸剑为犁", "zhu4 jian4 wei2 li2", "swords into plowshares"),  # swords into ploughshares (为 wéi)
    ("相向而行", "xiang1 xiang4 er2 xing2", "halfway"),  # meet halfway
    ("薪火相传", "xin1 huo3 xiang1 chuan2", "torch"),  # pass on the torch
    ("削足适履", "xue1 zu2 shi4 lü3", "cut the feet to fit the shoes"),  # 履 lǚ
    ("休戚与共", "xiu1 qi1 yu3 gong4", "weal and woe"),  # share weal and woe
    ("和而不同", "he2 er2 bu4 tong2", "harmony"),  # harmony without uniformity
    ("免疫鸿沟", "mian3 yi4 hong2 gou1", "divide"),  # immunization divide
    ("常任理事国", "chang2 ren4 li3 shi4 guo2", "permanent member"),  # permanent member
]


@pytest.mark.parametrize("hanzi, numbered, rendering", TERMS, ids=[t[0] for t in TERMS])
def test_term_is_one_item_with_reading_and_rendering(sample_vocab, hanzi: str, numbered: str, rendering: str) -> None:
    item = sample_vocab[hanzi]
    assert item.term
    assert item.pinyin_numbered.lower() == numbered
    assert rendering.lower() in item.meanings[0].lower()
    assert item.examples and hanzi in item.examples[0].text


# (word as it stands in the seed, expected numbered reading): polyphones read in context.
POLYPHONES = [
    ("接种", "jie1 zhong4"),  # vaccinate: 种 zhòng, not zhǒng
    ("重返", "chong2 fan3"),  # return to: 重 chóng
    ("重蹈", "chong2 dao3"),  # repeat (a mistake): 重 chóng
    ("重大", "zhong4 da4"),  # major: 重 zhòng
    ("重托", "zhong4 tuo1"),  # great trust: 重 zhòng
    ("长期以来", "chang2 qi1 yi3 lai2"),  # for a long time: 长 cháng
    ("当天", "dang4 tian1"),  # that very day: 当 dàng
    ("当今", "dang1 jin1"),  # nowadays: 当 dāng
    ("正当合理", "zheng4 dang4 he2 li3"),  # legitimate: 当 dàng
    ("了解", "liao3 jie3"),  # understand: 了 liǎo
    ("着眼", "zhuo2 yan3"),  # focus on: 着 zhuó
    ("干涉", "gan1 she4"),  # interfere: 干 gān
    ("应对", "ying4 dui4"),  # respond to: 应 yìng
    ("应当", "ying1 dang1"),  # should: 应 yīng
    ("处理", "chu3 li3"),  # handle: 处 chǔ
    ("参与", "can1 yu4"),  # take part: 与 yù
    ("还是", "hai2 shi5"),  # or / still: 还 hái
    ("成为", "cheng2 wei2"),  # become: 为 wéi
    ("认为", "ren4 wei2"),  # think: 为 wéi
    ("为此", "wei4 ci3"),  # for this: 为 wèi
    ("提供", "ti2 gong1"),  # provide: 供 gōng
    ("强调", "qiang2 diao4"),  # stress: 调 diào
    ("大国协调", "da4 guo2 xie2 tiao2"),  # major-country coordination: 调 tiáo
    ("各种", "ge4 zhong3"),  # all kinds: 种 zhǒng
    ("相互", "xiang1 hu4"),  # mutual: 相 xiāng
    ("真相", "zhen1 xiang4"),  # truth: 相 xiàng
    ("好不好", "hao3 bu5 hao3"),  # good or not
    ("得到", "de2 dao4"),  # obtain: 得 dé
    ("乐见", "le4 jian4"),  # be glad to see: 乐 lè
    ("传递", "chuan2 di4"),  # pass on: 传 chuán
    ("担当", "dan1 dang1"),  # take on: 担 dān
    ("行为", "xing2 wei2"),  # conduct: 行 xíng, 为 wéi
    ("维和行动", "wei2 he2 xing2 dong4"),  # peacekeeping operations
    ("发展", "fa1 zhan3"),  # develop: 发 fā
    ("安宁", "an1 ning2"),  # peace (not the place 安宁 Ānníng)
    ("和平", "he2 ping2"),  # peace (not the district)
]


@pytest.mark.parametrize("word, numbered", POLYPHONES, ids=[p[0] for p in POLYPHONES])
def test_polyphone_read_in_context(sample_tokens, word: str, numbered: str) -> None:
    readings = {t.pinyin_numbered.lower() for t, _ in sample_tokens if t.text == word}
    assert readings == {numbered}


def test_particles_are_toneless_in_context(sample_tokens) -> None:
    # 得 in 中国做得好不好 (does China do well) is de, not dé.
    sentence_tokens = [t for t, s in sample_tokens if "做得好不好" in s.text]
    de = [t for t in sentence_tokens if t.text == "得"]
    assert de and all(t.pinyin_numbered == "de5" for t in de)


def test_every_item_has_meaning_example_and_reading(sample_analysis) -> None:
    assert len(sample_analysis.vocab) >= 300
    for item in sample_analysis.vocab:
        assert item.meanings and all(m.strip() for m in item.meanings), item.hanzi
        assert item.examples, item.hanzi
        assert len(item.pinyin_numbered.split()) == len(item.hanzi), item.hanzi
        assert item.zhuyin


def test_terms_rank_first(sample_analysis) -> None:
    flags = [item.term for item in sample_analysis.vocab]
    first_non_term = flags.index(False)
    assert all(flags[:first_non_term]) and not any(flags[first_non_term:])


def test_person_names_left_out_by_default(sample_vocab) -> None:
    # 王毅, 习近平, 拜登 are names: not vocabulary unless asked for.
    assert not {"王毅", "习近平", "拜登"} & set(sample_vocab)


def test_no_glued_non_words(sample_vocab) -> None:
    # jieba's HMM glues 之德 (君子之德) and 同欧; such tokens are split into real words.
    assert not {"之德", "同欧", "国要", "认真落实", "中美合作"} & set(sample_vocab)


def test_structure_of_seed(sample_analysis) -> None:
    sentences = sample_analysis.transcript.sentences
    questions = [s for s in sentences if s.kind == "question"]
    answers = [s for s in sentences if s.kind == "answer"]
    assert questions and answers
    assert all(s.speaker and s.speaker.endswith("记者") for s in questions)
    assert all(s.speaker == "王毅" for s in answers)
    assert all("\n" not in s.text for s in sentences)
    texts = "".join(s.text for s in sentences)
    for repaired in ("实现健康稳定发展", "多边主义理念", "我们还将打造公平正义的典范"):  # hard line breaks repaired
        assert repaired in texts


def test_tokens_join_back_into_every_sentence(sample_analysis) -> None:
    for s in sample_analysis.transcript.sentences:
        assert "".join(t.text for t in s.tokens) == s.text
