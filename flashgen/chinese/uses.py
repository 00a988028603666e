"""The use of a word in its sentence, read off its neighbours, and the dictionary sense that use calls for.

jieba tags a word once for all its uses (发达 is always a verb), so the use is
read from the tokens around it: a degree adverb before it or 的 after it make an
adjective, 的 or 作出 before it a noun, a modal before and an object after it a
verb. :func:`by_use` picks the sense of CC-CEDICT's list that fits that use;
``senses.sense_in`` calls it after the register's and the function words' rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Sequence

from flashgen.models import Token

#: Senses marked as another register: shown after the plain senses (通关 "(gaming) to finish a level").
_LABELLED = re.compile(r"^\((?:gaming|slang|Internet slang|dialect|Cantonese|Tw|archaic|old|dated|literary|vulgar|euphemism|onom\.)\)", re.I)
_LABEL_PREFIX = re.compile(r"^(?:\([^)]*\)\s*)+")
#: English adjective endings, to tell "enormous" from "maximum" among an adjective's senses.
_ADJ_ENDING = re.compile(r"(?:ous|al|ic|ive|ful|less|able|ible|ent|ant|ary|ed|ing|ish|ile|ior|est)$")
_NOUN_ENDING = re.compile(r"(?:ion|ity|ness|ment|ance|ence|ship|ure|ism|um|dom|hood|cy)$")
#: Degree adverbs: the word after them is used as an adjective (比较发达 "well-developed").
_DEGREE = frozenset({"很", "更", "最", "较", "太", "挺", "极", "越", "比较", "非常", "十分", "相当", "更加", "特别",
                     "最为", "较为", "日益", "越来越", "不够", "如此", "这么", "那么", "多么", "尤为", "极为", "极其"})
#: Verbs whose object is a verb used as a noun (作出解释 "explanation", 进行调查 "investigation").
_NOMINALISING = frozenset({"作出", "做出", "进行", "给予", "加以", "予以", "得到", "受到", "获得", "作", "做", "有所",
                          "何"})  # 有何评论 "comment", 作何回应 "response": what (noun)
#: Modal verbs and auxiliaries: a verbal noun after one, with an object, is a verb (要加强合作); nor is a verb
#: after one at a clause end its object (由我来回答。 "to answer").
_MODALS = frozenset({"要", "将", "应", "应当", "应该", "能", "能够", "会", "愿", "愿意", "必须", "需要", "可以", "得以", "继续", "来", "去"})
#: Modifiers that stand before a noun only: a verbal noun after one, with no object, is a noun (相关安排 "arrangements").
_NOUN_MODIFIERS = frozenset({"相关", "有关", "上述", "具体", "各项", "各种", "一切", "所有", "诸多", "若干"})
#: Classifiers that jieba tags as numerals, alone or joined to the numeral (四|点, 三项, 几点): the word after
#: one is a noun (四点主张 "proposal", not "to advocate"), as after a classifier tagged q; so after 一些, 一系列.
_NUMERAL_CLASSIFIERS = frozenset("点项条个种份位次批类件届轮")
_NUMERAL_DETERMINERS = frozenset({"一些", "一系列", "些"})
#: Aspect particles: a word before one is a verb (任命了, 进行着).
_ASPECT = frozenset({"了", "着", "过"})
#: Verbs whose object is another verb, used as one (禁止蒙面 "to cover one's face", 拒绝合作 "to cooperate").
_VERBAL_OBJECT = frozenset({"禁止", "严禁", "不得", "拒绝", "着手", "敢于", "善于", "懂得", "学会", "不再"})
#: Determiners and quantifiers that open a noun phrase: a word before one, not after 的, is a verb with an
#: object (规定各种标准 "to stipulate", 采取一些措施).
_DETERMINERS = frozenset({"各种", "各类", "各项", "各个", "一些", "所有", "这些", "那些", "一切", "诸多", "多种",
                          "一系列", "有关", "某些", "任何", "多项", "若干"})
#: Technical domains a sense may be marked with ("(electricity) line"): political text seldom speaks of them,
#: so such a sense goes after the unmarked ones unless a neighbour has the domain's character (输电|线路).
_DOMAINS: dict[str, str] = {
    "electricity": "电缆网信", "electrical": "电缆网信", "electronics": "电", "computing": "电脑网机", "computer": "电脑网机",
    "math.": "数", "mathematics": "数", "medicine": "医病药诊", "med.": "医病药诊", "TCM": "医药", "physics": "",
    "chemistry": "化", "biology": "生", "botany": "植", "zoology": "", "anatomy": "", "physiology": "",
    "geology": "地", "astronomy": "天星", "music": "音乐歌曲", "sports": "赛球体", "soccer": "球", "baseball": "球",
    "linguistics": "语", "grammar": "语", "Buddhism": "佛", "theater": "剧", "Chinese opera": "剧", "photography": "摄",
    "mining": "矿", "textiles": "纺", "statistics": "统", "agriculture": "农",
    "martial arts": "武",
}
_DOMAIN_MARK = re.compile(r"\(([^)]*)\)")
#: Opening quotation marks and brackets: the word after one is the neighbour that counts.
_OPENING = frozenset("“‘「『《〈（(\"'")
#: Tags of a token that can be used as a verb (a noun or adjective too: 会明白其中).
_VERB_ABLE = frozenset({"v", "vn", "vd", "a", "ad", "an", "n"})
#: Tags of a token that can be a verb's object.
_OBJECT_POS = ("n", "r", "m", "j", "vn")


@dataclass(frozen=True)
class Use:
    """One occurrence of a word: its part of speech and its neighbours in the sentence (or in a composed word)."""

    pos: str = ""
    prev: str = ""
    prev_pos: str = ""
    next: str = ""
    next_pos: str = ""
    part: bool = False  # a part of a word being composed, not a token
    end: bool = False  # the last part of a composed word


def use_at(tokens: Sequence[Token], i: int) -> Use:
    """The context of ``tokens[i]``: its flag and its immediate neighbours (punctuation included)."""
    prev = tokens[i - 1] if i > 0 else None
    j = i + 1
    while j + 1 < len(tokens) and tokens[j].text in _OPENING:  # 镇压“和平示威”: the object is inside the quotes
        j += 1
    nxt = tokens[j] if j < len(tokens) else None
    return Use(
        pos=tokens[i].pos,
        prev=prev.text if prev else "",
        prev_pos=prev.pos if prev else "",
        next=nxt.text if nxt else "",
        next_pos=nxt.pos if nxt else "",
    )


def by_use(common: tuple[str, ...], use: Optional[Use], word: str = "") -> str:
    """The sense the token's use in its sentence calls for (see :func:`use_kind`), else the first plain one.

    Only the dictionary's first senses compete (two, three for a clear use): a verb or
    noun sense far down the list is a rare use (对准 "registration", 只能 "to have no
    other choice"). Senses labelled as slang, gaming, dialect or literary come last
    (大通关 "to clear customs", not "(gaming) to finish a level"); a figurative second
    sense comes before the literal first one (瓶颈 "(fig.) bottleneck", 迎来 "(fig.) to usher in").
    """
    plain = tuple(s for s in common if not _LABELLED.match(s)) or common
    plain = _domain_last(plain, use)
    if len(plain) > 1 and plain[1].startswith(("(fig.)", "fig. ")) and not plain[0].startswith("("):
        plain = (plain[1], plain[0], *plain[2:])  # political text speaks in figures: 启动 "(fig.) to set in motion"
    if use is None:
        return plain[0]
    kind = use_kind(use)
    before = _before_marked(plain, use)
    if before:
        return before
    if (use.pos in ("d", "ad") and use.next_pos.startswith(("v", "a", "p", "d", "zg")) and _is_verb(plain[0])
            and kind not in ("noun", "adj", "object")):
        # 突|患, 进一步|加强: an adverb before a verb, whose dictionary senses begin with verbs ("to dash",
        # "to go a step further"): its adverb sense, however far down ("sudden" is 突's seventh sense);
        # else a character's non-verb sense, or a word's sense noted with what it modifies ("(develop …) more")
        found = next((s for s in plain if _head(s).endswith("ly") and not _is_verb(s)), None)
        found = found or next((s for s in plain if not _is_verb(s) and (len(word) == 1 or s.startswith("("))
                               and not s.startswith(("classifier", "(bound form)"))), None)
        if found:
            return found
    if (not kind and use.pos == "v" and _adjectival(plain[0]) and not _is_verb(plain[0])
            and (use.next == "的" or (use.prev_pos.startswith("n") and use.next_pos.startswith("n")))):
        kind = "adj"  # 经济发达地区, 发达的: a word whose first sense is an adjective, used as one
    if (kind in ("noun", "adj", "object") and use.pos.startswith("v")) or (kind in ("noun", "object") and use.pos == "a" and _is_verb(plain[0])):
        # 作出解释 "explanation", 的下落 "whereabouts", 比较发达 "well-developed": the
        # dictionary's own non-verb sense, among its first four after 的 or 作出 (使用说明的
        # "explanation"), its first two for a verb's object (核查发现， may be a second verb)
        width = 4 if kind == "noun" else 2
        found = next((s for s in plain[:width] if not _is_verb(s) and _plain_noun(s, kind)), None)
        if found:
            return found
    if kind == "adj" and use.pos in ("d", "ad") and use.prev_pos == "uj" and not _adjectival(plain[0]):
        found = next((s for s in plain[1:3] if _adjectival(s)), None)  # 彼此之间的相互了解 "mutual", not "each other"
        if found:
            return found
    if kind == "adj" and use.pos.startswith("a") and _nominal(plain[0]):
        found = next((s for s in plain[1:3] if _adjectival(s)), None)  # 极大的诚意 "enormous", not "maximum"
        if found:
            return found
    if kind == "verb" or (use.pos == "v" and kind not in ("noun", "adj")):
        # 发展|经济 after 积极, 会明白|其中: an adverb or a modal before and an object after make a
        # verb of a verbal noun or an adjective; a verb with an object may take the third sense
        # (镇压“和平示威” "to suppress", after "suppression; repression")
        # (a noun on both sides is a compound: 世界经济展望报告 "outlook", 工资拖欠问题 "in arrears")
        compound = use.prev_pos.startswith("n") and use.next_pos in ("n", "vn")
        wide = kind == "verb" or (use.next_pos.startswith(_OBJECT_POS) and not compound)
        found = next((s for s in plain[: 4 if wide else 2] if _is_verb(s)), None)
        if found:
            return found
    # An adverb sense only where the token modifies a verb, an adjective or a prepositional phrase that follows
    # (完全是 "totally", not 人类的共同敌人 "jointly"), and only over a one-word
    # adjective sense (纷纷 "one after another" stays).
    if (use.pos in ("d", "ad") and use.next_pos.startswith(("v", "a", "p", "d"))
            and " " not in plain[0].split(";")[0] and not plain[0].endswith("ly")):
        found = next((s for s in plain[:4] if s.endswith("ly") and not s.startswith("to ")), None)
        if found:
            return found
    if use.pos in ("n", "ng", "vn", "an") or (kind in ("noun", "object") and use.pos.startswith("v")):
        # (a noun's clear use, after 的 or 有何, looks further: 有何评论 "comment", CC-CEDICT's third sense)
        width = 4 if kind == "noun" else 2
        found = next((s for i, s in enumerate(plain[:width]) if not _is_verb(s)
                      and not (kind in ("noun", "object") and _adverb(s))
                      and not s.startswith(("classifier", "(bound form)")) and (i < 2 or _plain_noun(s, kind))), None)
        if found:
            return found
    return plain[0]


def use_kind(use: Use) -> str:
    """How the token is used, read off its neighbours rather than jieba's per-word tag.

    "adj": after a degree adverb (比较发达, 更加完善), an adjective before 的 or a noun
    (极大的诚意), an adverb after 的 (的相互了解); "noun": after 的 or a verb that takes a
    nominalised verb (作出解释, 进行调查), or after a numeral and classifier, with no object
    after it; "object": after a verb at the end of a clause (表现耐心、, a weaker sign of a
    noun); "verb": after an
    adverb or a modal with an object (a noun or pronoun) or an aspect particle after it
    (积极发展经济, 要加强合作); "" when the neighbours do not say.
    """
    if use.part:
        return ""
    if use.prev in _DEGREE:
        return "adj"
    if use.pos.startswith("a") and (use.next == "的" or use.next_pos.startswith("n")):
        return "adj"
    if use.pos.startswith("d") and use.prev_pos == "uj":
        return "adj"
    takes_object = use.next_pos.startswith(_OBJECT_POS) or use.next_pos in ("ul", "uz", "ug")
    if use.pos in ("n", "vn") and use.next in _ASPECT and use.next_pos in ("ul", "uz", "ug") and use.prev_pos != "uj":
        return "verb"  # 是否任命了大使 "to appoint": an aspect particle after a word tagged as a noun makes it a verb
    if use.prev in _VERBAL_OBJECT and use.pos in _VERB_ABLE and not use.pos.startswith("a") and use.next != "的":
        return "verb"  # 禁止蒙面 "to cover one's face": these verbs take a verb, not a noun
    classifier = use.prev_pos in ("q", "mq") and not use.prev.endswith("方面")  # 一方面|反映出 is no noun
    classifier = classifier or (use.prev_pos == "m" and (use.prev[-1:] in _NUMERAL_CLASSIFIERS
                                                         or use.prev in _NUMERAL_DETERMINERS))
    if (use.prev_pos == "uj" or use.prev in _NOMINALISING or use.prev in _NOUN_MODIFIERS or classifier) and not takes_object:
        return "noun"
    if use.prev_pos.startswith("v") and use.prev not in _MODALS and use.next_pos in ("x", "w", "") and use.next != "的":
        return "object"  # the object of a verb, at the end of a clause: 表现耐心、"patience" (or a second verb)
    if (use.next in _DETERMINERS and use.pos in _VERB_ABLE and not use.pos.startswith("a")
            and use.prev_pos not in ("uj", "p", "q", "m", "mq")
            and use.prev not in _NOMINALISING and (use.next != "有关" or use.prev_pos in ("x", "w", ""))):
        return "verb"  # 制订法规，规定各种标准 "to stipulate": a determiner opens the object
    if (use.prev_pos in ("d", "ad") or use.prev in _MODALS) and takes_object and use.pos in _VERB_ABLE:
        return "verb"  # not 几乎所有政府间国际组织 "almost all": 所有 is a distinguishing word ("b")
    return ""


def _is_verb(sense: str) -> bool:
    return _LABEL_PREFIX.sub("", sense).startswith("to ")


def _plain_noun(sense: str, kind: str) -> bool:
    """A sense that can stand for a noun use: no email-header note ("Reply to:"), no past participle ("satisfied"),
    no adverb (科学的概括 "summary", not "briefly")."""
    head = _head(sense)
    return not _adverb(sense) and (kind == "adj" or (":" not in sense and not head.endswith("ed")))


#: English words in -ly that are no adverbs ("disorderly" expansion, a "fly", "family").
_LY_NOT_ADVERB = re.compile(r"^(?:.{0,3}|ally|.*(?:ply|mily|orderly|friendly|butterfly|firefly|dragonfly)|timely|untimely|elderly|costly|likely|unlikely|"
                            r"lonely|lovely|deadly|lively|early|daily|weekly|monthly|yearly|holy|ugly|silly|jelly|belly|"
                            r"bully|rally|anomaly|assembly|monopoly|scholarly|worldly|manly|kindly|curly|homily|italy)$")


def _adverb(sense: str) -> bool:
    """Whether a sense's first gloss is an English adverb in -ly ("briefly; in broad outline"), not "disorderly" or "fly"."""
    head = _head(sense)
    return " " not in head and head.endswith("ly") and not _LY_NOT_ADVERB.search(head)


def _head(sense: str) -> str:
    return _LABEL_PREFIX.sub("", sense).split(";")[0].split(" (")[0].strip().lower()


def _adjectival(sense: str) -> bool:
    """Whether a sense's first gloss reads as an English adjective ("enormous", "official", "well-developed")."""
    head = _head(sense)
    return " " not in head and bool(_ADJ_ENDING.search(head))


def _nominal(sense: str) -> bool:
    """Whether a sense's first gloss reads as an English noun ("maximum", "government"): "great" does not."""
    head = _head(sense)
    return " " not in head and bool(_NOUN_ENDING.search(head))


def _domain_of(sense: str) -> Optional[str]:
    """The technical domain a sense's first gloss is marked with ("(electricity) line" → "electricity"), if any."""
    first = sense.split(";")[0]
    return next((m.group(1) for m in _DOMAIN_MARK.finditer(first) if m.group(1) in _DOMAINS), None)


def _domain_last(plain: tuple[str, ...], use: Optional[Use]) -> tuple[str, ...]:
    """Senses marked with a technical domain after the unmarked ones, unless a neighbour speaks of that domain."""
    if len(plain) < 2 or _domain_of(plain[0]) is None:
        return plain
    near = (use.prev + use.next) if use is not None else ""

    def foreign(sense: str) -> bool:
        domain = _domain_of(sense)
        return domain is not None and not any(c in near for c in _DOMAINS[domain])

    kept = tuple(s for s in plain if not foreign(s))
    return (*kept, *(s for s in plain if foreign(s))) if kept else plain


def _before_marked(plain: tuple[str, ...], use: Use) -> Optional[str]:
    """A sense marked "(before a verb)" or "(before a noun)" that the next token calls for (有没有|就此达成)."""
    if use.part or not any(s.startswith("(before a") for s in plain[1:]):
        return None
    if use.next_pos.startswith(("v", "d", "p")):
        want = "(before a verb)"
    elif use.next_pos.startswith(("n", "r", "m")):
        want = "(before a noun)"
    else:
        return None
    return next((s for s in plain if s.startswith(want)), None)
