"""The rule layer of readings in context: frequent function characters and words that the
polyphone model (trained on encyclopaedia sentences) reads wrongly in speeches and reports.

Each rule looks at the token's jieba part of speech and its neighbours in the
sentence; :func:`flashgen.chinese.polyphones.read_in_context` asks these rules
before the model and keeps their reading.
"""

from __future__ import annotations

from typing import Sequence

from flashgen.chinese.hanzi import HANZI
from flashgen.chinese.punctuation import BREAKS, ENUMERATION_COMMA

#: Verbs after which a lone 为 means "as" (wéi): 誉为, 称为, 视为, 选为, 改为, 分为…
_VERB_AS = frozenset("称誉视作选改分成化认定奉立封任拜转变译命名列评推尊追晋升划更")
_DEGREE = frozenset({"很", "更", "最", "太", "较", "比较", "非常", "特别", "十分", "相当", "那么", "这么", "多么", "越来越", "更加", "不够"})
#: Verbs of purpose after 为 wèi "in order to" (为构建新发展格局贡献力量).
_PURPOSE = frozenset({"实现", "构建", "推动", "促进", "维护", "建设", "保障", "解决", "落实", "推进", "加强", "营造",
                      "打造", "开创", "捍卫", "保护", "改善", "巩固", "深化", "确保", "提高", "增进", "完善", "应对"})
#: Characters before 降 that make it xiáng "to surrender" (投|降 cut, 受降, 劝降, 乞降, 迎降, 诈降…).
_SURRENDER_BEFORE = frozenset("投受劝诱招纳归迫乞迎请诈求愿来出早")
#: Characters that start a clause: the rules look no further.
_CLAUSE_END = BREAKS | {ENUMERATION_COMMA, "."}


def rule(pairs: Sequence[tuple[str, str]], t: int) -> str | None:
    """A reading from the rule layer for the single-character token ``pairs[t]``, or None.

    Frequent function characters that the model, trained on encyclopaedia
    sentences, reads wrongly in speeches: 坚定地认为 de (not dì), 应切实遵守 yīng
    (not yìng), 为世界传递 wèi "for" (not wéi "to be"), while 被誉为, 称为 keep wéi.
    jieba's part of speech and the neighbouring tokens decide.
    """
    word, pos = pairs[t]
    prev = pairs[t - 1] if t else ("", "x")
    nxt = pairs[t + 1] if t + 1 < len(pairs) else ("", "x")
    nxt_hanzi = bool(nxt[0]) and HANZI.match(nxt[0][0]) is not None
    if word == "为" and prev[0][-1:] in _VERB_AS:
        return "wei2"
    if word == "为" and pos == "p":
        rest: list[str] = []
        for w, p in pairs[t + 1 :]:
            if w in _CLAUSE_END or w == "所":  # 为…所 is wéi
                rest = [] if w == "所" else rest
                break
            rest.append(p)
        if any(p[:1] == "v" or p in ("i", "l", "ad") for p in rest[1:]) or nxt[0] in _PURPOSE:
            return "wei4"  # 为 + someone + verb: "for"; 为 + purpose: "in order to" (为构建…)
    if word == "地" and pos.startswith("u") and nxt_hanzi and nxt[1][:1] in ("v", "d", "p", "a"):
        return "de5"  # adverbial 地 before the verb it qualifies
    if word == "得" and pos.startswith("u") and nxt_hanzi:
        return "de5"
    if word == "应" and nxt_hanzi and nxt[1][:1] in ("v", "d", "a", "p", "c", "t"):
        return "ying1"  # should: 应切实遵守, 应早日意识到
    if word == "降" and prev[0][-1:] not in _SURRENDER_BEFORE:
        return "jiang4"  # to lower, to fall: 税率降至13%, 降了 (xiáng "to surrender" after 投, 受, 劝…)
    if word == "长" and prev[0] in _DEGREE:
        return "chang2"  # long, after a degree adverb: 很长, 更长, 太长
    if word == "重" and nxt_hanzi and nxt[1][:1] == "n" and pos[:1] in ("a", "v"):
        return "zhong4"  # to value: 重情义 (chóng "again" comes before verbs: 重建)
    return None


#: Words before 地方 that make it "place" (dìfang): 的地方, 其他地方, 什么地方, 这个地方, 一些地方.
_PLACE_BEFORE = frozenset({"的", "其他", "其它", "别的", "什么", "哪", "这", "那", "一些", "有些", "有的", "许多", "很多",
                           "不少", "任何", "同一", "好些", "多"})


#: Words after 当年 that make it dàngnián "that same year": a budget or an accounting year's result (当年预算, 当年投产).
_SAME_YEAR_AFTER = ("预算", "决算", "财政", "收支", "收入", "支出", "投产", "见效", "竣工", "开工", "新增", "到期", "结余", "盈利",
                    "亏损", "入学", "毕业")
#: Words before 当年 that make it dàngnián: entered in that year's accounts (列入当年, 纳入当年).
_SAME_YEAR_BEFORE = frozenset({"列入", "纳入", "计入", "列支", "抵扣", "冲减"})


def word_rule(pairs: Sequence[tuple[str, str]], t: int) -> tuple[str, ...] | None:
    """A reading for the word token ``pairs[t]`` from the rule layer, or None.

    地方 is dìfāng "local" before a noun (地方政府), dìfang "place" after a determiner
    (重要的地方, 这个地方); the model, which knows only full tones for 方, reads it dìfāng
    everywhere. 重点 is zhòngdiǎn "key; focus" (重点进口), 不了 after a verb bù liǎo "unable to". 当年 is dàngnián "that same year" in a budget's terms (列入当年预算, 当年投产),
    else dāngnián "in those days" (the model's and the dictionary's first reading).
    """
    word = pairs[t][0]
    before = pairs[t - 1] if t else ("", "x")
    if word == "重点":  # zhòngdiǎn "key; focus" everywhere but 重点选票 "to recount (votes)"
        nxt = pairs[t + 1][0] if t + 1 < len(pairs) else ""
        return ("chong2", "dian3") if nxt.startswith(("票", "选票")) or before[0] == "重新" else ("zhong4", "dian3")
    if word == "不了" and before[1][:1] == "v":
        return ("bu4", "liao3")  # 解决不了 "unable to (solve)", not bù le "no thanks"
    if word == "当年":
        prev = pairs[t - 1][0] if t else ""
        nxt = pairs[t + 1][0] if t + 1 < len(pairs) else ""
        if prev in _SAME_YEAR_BEFORE or nxt.startswith(_SAME_YEAR_AFTER):
            return ("dang4", "nian2")
        return None
    if word != "地方":
        return None
    prev = pairs[t - 1][0] if t else ""
    nxt, nxt_pos = pairs[t + 1] if t + 1 < len(pairs) else ("", "x")
    if nxt and HANZI.match(nxt[0]) and nxt_pos[:1] == "n":
        return ("di4", "fang1")
    if prev in _PLACE_BEFORE or prev.endswith(("个", "些")):
        return ("di4", "fang5")
    return None
