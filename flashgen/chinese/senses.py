"""Senses in context: which of a word's dictionary senses its sentence uses.

CC-CEDICT lists a word's senses in its own order (项 "back of neck" before
"item"); a learner memorises the first meaning on the card. For every
occurrence of a word the sense is chosen from what the sentence gives:

1. the word's context rules in ``data/register.tsv`` and ``data/function_words.tsv``
   (the token before or after, its part of speech): 电 after 新华社 is "dispatch",
   德 after 之 is "virtue", 法 after 于 is "law";
2. a classifier sense after a numeral or a demonstrative (一支, 一条, 各项);
3. a proper-noun sense when the token is a name or an abbreviation (美 in 中美);
4. the word's register sense: the one political and diplomatic text uses
   (落实 "to implement"), or a function word's learner's gloss (是 "to be; is/are");
5. the sense the word's use calls for, read off its neighbours rather than jieba's
   per-word tag (``chinese/uses.py``): 经济发达地区 "well-developed", 作出解释
   "explanation", 会明白其中 "to understand", 一律由 "uniformly";
6. else the dictionary's first common-word sense not labelled as slang, gaming, dialect….

Both tables are small TSV files read once, on first use.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Sequence

from flashgen.chinese.meaning import clean_sense, common_senses, proper_senses
from flashgen.chinese.reading import prefers_proper
from flashgen.chinese.uses import Use as Use, by_use, use_at as use_at, use_kind as use_kind  # re-exported
from flashgen.resources import read_data_text

#: Files of rules, in order of precedence: the register table, then function-word glosses.
RULE_FILES = ("register.tsv", "function_words.tsv")
#: Context kinds a rule may require (all of a rule's space-separated conditions must hold).
CONTEXT_KINDS = ("after", "before", "pos", "after-pos", "before-pos", "measure", "proper", "part", "end")
#: Tokens after which a classifier sense is meant: numerals, demonstratives, quantifiers (这一, 各, 每, 几).
_MEASURE_BEFORE = re.compile(r"(?:[0-9０-９一二三四五六七八九十百千万亿两几各每这那哪某数半整单首]|多)$")
_MEASURE_POS = ("m", "r", "mq")
#: Characters that stand alone after a numeral or as a word far more often than they begin one (万人|参保 is no 人参).
_STANDALONE = frozenset("人年月日时次个国")


@dataclass(frozen=True)
class Rule:
    """A row of a rule table: the sense to show first for a word, in any context or in one."""

    word: str
    reading: str  # numbered, lower case ("ying1"); "" for any reading
    context: str  # "" (always) or conditions such as "after:之", "pos:v", "measure"
    sense: str
    official: str  # official English rendering, where there is one
    note: str


@dataclass(frozen=True)
class Choice:
    """The senses a word's occurrences use."""

    senses: tuple[str, ...]  # distinct chosen senses, the most used first
    per_use: tuple[str, ...]  # the sense of each occurrence, in order
    proper: bool  # the most used sense is a proper-noun sense
    official: tuple[str, ...]  # official renderings of the chosen rules


def _parse(name: str) -> dict[str, tuple[Rule, ...]]:
    rows: dict[str, list[Rule]] = {}
    text = "\n".join(line for line in read_data_text(name).splitlines() if not line.startswith("#"))
    for row in csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE):
        word = (row.get("word") or "").strip()
        sense = (row.get("sense") or "").strip()
        if not word or not sense:
            continue
        rule = Rule(
            word=word,
            reading=(row.get("pinyin") or "").strip().lower(),
            context=(row.get("context") or "").strip(),
            sense=sense,
            official=(row.get("official") or "").strip(),
            note=(row.get("note") or "").strip(),
        )
        rows.setdefault(word, []).append(rule)
    return {w: tuple(r) for w, r in rows.items()}


@lru_cache(maxsize=1)
def rules() -> dict[str, tuple[Rule, ...]]:
    """Every word's rules, register table first, context rules before context-free ones (loaded once)."""
    merged: dict[str, list[Rule]] = {}
    for name in RULE_FILES:
        for word, found in _parse(name).items():
            merged.setdefault(word, []).extend(found)
    return {w: tuple(sorted(r, key=lambda rule: not rule.context)) for w, r in merged.items()}


def register() -> dict[str, tuple[Rule, ...]]:
    """The rules of ``data/register.tsv`` alone, by word."""
    return _register()


@lru_cache(maxsize=1)
def _register() -> dict[str, tuple[Rule, ...]]:
    return _parse(RULE_FILES[0])


def _condition(cond: str, use: Use, word: str) -> bool:
    kind, _, arg = cond.partition(":")
    options = arg.split("|") if arg else []
    if kind == "after":
        return any(use.prev.endswith(o) for o in options)
    if kind == "before":
        return any(use.next.startswith(o) for o in options)
    if kind == "pos":
        return any(use.pos.startswith(o) for o in options)
    if kind == "after-pos":
        return any(use.prev_pos.startswith(o) for o in options)
    if kind == "before-pos":
        return any(use.next_pos.startswith(o) for o in options)
    if kind == "measure":
        return measure_context(use)
    if kind == "proper":
        return proper_context(word, use)
    if kind == "part":
        return use.part
    if kind == "end":
        return use.end
    raise ValueError(f"unknown context {cond!r}")


def matches(rule: Rule, use: Optional[Use], reading: str) -> bool:
    """Whether ``rule`` applies to this occurrence (context-free rules apply everywhere, lookups included)."""
    if rule.reading and rule.reading != reading.lower():
        return False
    if not rule.context:
        return True
    if use is None:
        return False
    return all(_condition(c, use, rule.word) for c in rule.context.split())


def measure_context(use: Use) -> bool:
    """After a numeral or demonstrative: 一支, 两条, 各项, 这一次, 每届."""
    if use.prev_pos.startswith(_MEASURE_POS) or use.prev in ("各", "每", "几", "该", "本", "此"):
        return bool(_MEASURE_BEFORE.search(use.prev))
    return False


def proper_context(word: str, use: Use) -> bool:
    """The token is a name or an abbreviation of one (美 in 中美 tagged "ns", 法 in 法方 "j")."""
    return prefers_proper(word, use.pos) or use.pos in ("nr", "nrt", "nrfg", "nt")


def _is_classifier(sense: str) -> bool:
    return sense.startswith("classifier for")


@lru_cache(maxsize=65536)
def sense_in(word: str, reading: str, use: Optional[Use]) -> tuple[str, bool, str]:
    """The sense of one occurrence, whether it is a proper-noun sense, and its official rendering."""
    common = common_senses(word, reading)
    default: Optional[Rule] = None
    for rule in rules().get(word, ()):
        if matches(rule, use, reading):
            if rule.context:
                proper = rule.sense not in common and rule.sense in proper_senses(word, reading)
                return rule.sense, proper, rule.official
            default = default or rule
    if use is not None:
        fragment = _fragment_of(word, use)
        if fragment:
            return fragment, False, ""
        if measure_context(use):
            found = next((s for s in common if _is_classifier(s)), None)
            if found:
                return found, False, ""
        if proper_context(word, use) and not use.part and proper_senses(word, reading):
            return proper_senses(word, reading)[0], True, ""
    if default:
        return default.sense, False, default.official
    if not common:
        proper_only = proper_senses(word, reading)
        return (proper_only[0], True, "") if proper_only else ("", False, "")
    return by_use(common, use, word), False, ""


def _fragment_of(word: str, use: Use) -> str:
    """Two single-character tokens that make a two-character word (优|抚, 军|工): that word's sense.

    Shown as "(in 优抚) special care …", so the card explains the fragment
    instead of giving the character's unrelated first sense ("excellent").
    """
    if len(word) != 1 or use.part or use.pos.startswith(("d", "p", "c", "u", "r", "m", "q")):
        return ""  # 都|会 "all will" is no 都会 "city"
    from flashgen.chinese.lexicon import lexicon

    # Only two single-character tokens in a row: 传统|通 is no fragment of "统通".
    backward = use.prev not in _STANDALONE
    for combined, pos in ((word + use.next, use.next_pos), (use.prev + word if backward else "", use.prev_pos)):
        if len(combined) != 2 or pos.startswith(("x", "m", "eng", "u", "p", "c", "d", "r", "y", "q", "f")):
            continue  # 注意到|了, 着|数亿: a particle or a numeral is no part of a word
        known = next((r.sense for r in rules().get(combined, ()) if not r.context), "")
        if known:
            return f"(in {combined}) {short(known)}"
        entries = [e for e in lexicon().entries(combined) if not e.proper]
        if entries:
            found = [s for s in (clean_sense(x) for x in entries[0].senses) if s and not s.startswith("CL:")]
            if found:
                return f"(in {combined}) {short(found[0])}"
    return ""


def choose(word: str, reading: str, uses: Sequence[Use]) -> Choice:
    """The sense of each occurrence, and the distinct senses by how often they are used."""
    if not uses:
        sense, proper, official = sense_in(word, reading, None)
        return Choice((sense,) if sense else (), (sense,), proper, (official,) if official else ())
    # A frequent word has thousands of occurrences in a long text but far fewer distinct contexts: each read once.
    each = {use: sense_in(word, reading, use) for use in dict.fromkeys(uses)}
    found = [each[use] for use in uses]
    counts = Counter(s for s, _, _ in found if s)
    order = {s: i for i, (s, _, _) in reversed(list(enumerate(found)))}
    ranked = tuple(sorted(counts, key=lambda s: (-counts[s], order[s])))
    proper = next((p for s, p, _ in found if ranked and s == ranked[0]), False)
    officials = tuple(dict.fromkeys(o for _, _, o in found if o))
    return Choice(ranked, tuple(s for s, _, _ in found), proper, officials)


def part_gloss(pieces: Sequence[tuple[str, str]], k: int) -> str:
    """One short sense for the k-th part of a composed word ("and" for 和 in 党和国家), "" when unknown.

    ``pieces`` are (part, numbered reading or "") pairs; the neighbouring parts
    are the part's context, so 法 before 方 is "France" and 住 at the end is "firmly".
    """
    piece, reading = pieces[k]
    if not reading:
        from flashgen.chinese.reading import numbered

        reading = " ".join(numbered(piece, ""))
    prev = pieces[k - 1][0] if k else ""
    nxt = pieces[k + 1][0] if k + 1 < len(pieces) else ""
    use = Use(pos=_jieba_tag(piece), prev=prev, next=nxt, part=True, end=k == len(pieces) - 1 and k > 0)
    sense, _, _ = sense_in(piece, reading, use)
    if not sense:  # read otherwise in the word than in the dictionary (翘首 qiào in 翘首以待): any reading it has
        from flashgen.chinese.lexicon import lexicon

        for other in dict.fromkeys(e.pinyin.lower() for e in lexicon().entries(piece) if not e.proper):
            sense = sense_in(piece, other, use)[0]
            if sense:
                break
    return short(sense)


@lru_cache(maxsize=4096)
def _jieba_tag(word: str) -> str:
    from flashgen.chinese.lexicon import lexicon

    return lexicon().jieba_tag(word) or ""


def short(sense: str) -> str:
    """The first gloss of a sense, without leading notes or "to ": "(joining two nouns) and; with" → "and"."""
    sense = re.sub(r"^abbr\. for \S+?,\s*", "", sense)  # "abbr. for 中国共产党, Chinese Communist Party"
    first = sense.split(";")[0].strip()
    stripped = re.sub(r"^(?:\([^)]*\)\s*)+", "", first).strip() or first
    stripped = re.sub(r"\s*\((?:abbr\.|bound form)[^)]*\)", "", stripped).strip() or stripped
    return re.sub(r"^to ", "", stripped)
