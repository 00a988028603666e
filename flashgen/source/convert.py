"""Script conversion with OpenCC: simplified for the analysis, the reader's script for display.

jieba, the glossary and flashgen's lexicon work on simplified Chinese, so a
transcript written in traditional characters is analysed in a simplified copy.
The copy is made with OpenCC (phrase-aware: 乾淨 → 干净 but 乾隆 stays, 頭髮 →
头发, 著名 stays but 沿著 → 沿着), through its Hong Kong and Taiwan variant
tables first, so texts from either region convert. Where the Taiwan table's
character mapping 著 → 着 breaks a word its phrase table misses (土著, 论著),
the word is put back from data/script_fixes.tsv (derived from CC-CEDICT and
OpenCC by scripts/derive_script_fixes.py). The reverse direction
(a simplified text shown in traditional characters) uses OpenCC's s2hk, s2tw
or s2t, by region.

Every table these conversions use maps a phrase to one of the same length, so
a converted text lines up with the original character for character: the
sentence at offsets [a, b) of the copy is the original's [a, b). This module
checks that on every conversion and falls back to single characters wherever
it would not hold (:func:`convert`).

OpenCC is loaded only when a text needs converting: the script of a text is
judged from a small table of common characters (:func:`detect_script`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Callable

from flashgen.chinese.hanzi import HANZI
from flashgen.models import DEFAULT_REGION, Region, Script
from flashgen.resources import read_data_rows

if TYPE_CHECKING:
    import opencc

# Common characters (the reader's 500 commonest, written in one script only), from
# scripts/script_marks.py: a text is traditional when it has more of the second kind.
SIMPLIFIED_MARKS = frozenset(
    "万与专业东两个为义书争亚产亲仅从们价会传体儿党关内写军农决况准几击则别办务动区医华单却历发变号吗听员团国图场声处备复头学实对导将尔"
    "尽师带并广应开张强当总战报据数断无时显术机权条来极标样气没济满点爱现电确离种称类约级线组经结给统罗联装见观规视觉计认让议记许论设证"
    "识话该语说请调谈质费资车转轻较边达过运还这进远连选长门问间队际随难须领题风飞马"
)
TRADITIONAL_MARKS = frozenset(
    "萬與專業東兩個為爲義書爭亞產親僅從們價會傳體兒黨關內寫軍農決況準幾擊則別辦務動區醫華單卻歷發變號嗎聽員團國圖場聲處備復頭學實對導將"
    "爾盡師帶並廣應開張強當總戰報據數斷無時顯術機權條來極標樣氣沒濟滿點愛現電確離種稱類約級線組經結給統羅聯裝見觀規視覺計認讓議記許論設"
    "證識話該語說説請調談質費資車轉輕較邊達過運還這進遠連選長門問間隊際隨難須領題風飛馬"
)
#: Share of a text's hanzi that must be traditional marks for the text to count as traditional.
TRADITIONAL_SHARE = 0.03

#: OpenCC configurations, applied in order: Hong Kong and Taiwan variants to OpenCC's
#: standard traditional, then to simplified.
TO_SIMPLIFIED = ("hk2t.json", "tw2t.json", "t2s.json")
#: Simplified to traditional, by region: Hong Kong, Taiwan, or OpenCC's standard forms ("cn").
TO_TRADITIONAL: dict[str, str] = {"hk": "s2hk.json", "tw": "s2tw.json", "cn": "s2t.json"}

#: Hong Kong and Taiwan texts write some punctuation in small or vertical forms (﹔﹕︰);
#: the analysis reads them as the usual full-width marks (one character for one).
_PUNCTUATION = str.maketrans("﹐﹑﹒﹔﹕﹖﹗︰", "，、。；：？！：")


def detect_script(text: str) -> Script:
    """"traditional" when ``text`` is written mostly in traditional characters, else "simplified"."""
    hanzi = HANZI.findall(text)
    traditional = sum(1 for ch in hanzi if ch in TRADITIONAL_MARKS)
    if not hanzi or traditional < TRADITIONAL_SHARE * len(hanzi):
        return "simplified"
    simplified = sum(1 for ch in hanzi if ch in SIMPLIFIED_MARKS)
    return "traditional" if traditional > simplified else "simplified"


@lru_cache(maxsize=None)
def _opencc(config: str) -> opencc.OpenCC:
    """One OpenCC converter, loaded on first use."""
    import opencc

    return opencc.OpenCC(config)


def _chain(configs: tuple[str, ...]) -> Callable[[str], str]:
    """A function applying the OpenCC ``configs`` in order."""
    converters = [_opencc(c) for c in configs]

    def run(text: str) -> str:
        for converter in converters:
            text = converter.convert(text)
        return text

    return run


def _aligned(text: str, run: Callable[[str], str]) -> str:
    """``run(text)``, character for character: a line whose length would change is converted by single characters."""
    out = run(text)
    if len(out) == len(text):
        return out
    lines = text.split("\n")
    fixed = []
    for line in lines:
        converted = run(line)
        if len(converted) != len(line):
            converted = "".join(c if len(c) == 1 else ch for ch, c in ((ch, run(ch)) for ch in line))
        fixed.append(converted)
    return "\n".join(fixed)


@lru_cache(maxsize=1)
def _fixes() -> tuple[re.Pattern[str], dict[str, str]]:
    """Words the regional chain takes to the wrong simplified form (土着 → 土著), from data/script_fixes.tsv."""
    table = {wrong: right for wrong, right in read_data_rows("script_fixes.tsv")}
    return re.compile("|".join(sorted(map(re.escape, table), key=len, reverse=True))), table


def _fixed(simplified: str) -> str:
    """``simplified`` with the words of :func:`_fixes` put right (same length: offsets are kept)."""
    pattern, table = _fixes()
    return pattern.sub(lambda m: table[m.group()], simplified)


def convert(text: str, script: Script, region: Region = DEFAULT_REGION) -> str:
    """``text`` in ``script`` (same length, offsets preserved); punctuation normalised towards simplified."""
    if script == "simplified":
        return _fixed(_aligned(text, _chain(TO_SIMPLIFIED))).translate(_PUNCTUATION)
    if region not in TO_TRADITIONAL:
        raise ValueError(f"region must be one of {', '.join(TO_TRADITIONAL)}, not {region!r}")
    return _aligned(text, _chain((TO_TRADITIONAL[region],)))


def to_simplified(text: str) -> tuple[str, Script]:
    """The simplified copy of ``text`` for the analysis, and the script ``text`` is written in.

    A simplified text is returned as it is (OpenCC is not loaded), only its
    small-form punctuation normalised.
    """
    script = detect_script(text)
    if script == "simplified":
        return text.translate(_PUNCTUATION), script
    return convert(text, "simplified"), script


def in_script(text: str, script: Script, region: Region = DEFAULT_REGION) -> str:
    """A simplified ``text`` (a label, a heading of flashgen's own) as shown in ``script``."""
    return text if script == "simplified" else convert(text, "traditional", region)


_REGIONS: tuple[Region, ...] = ("hk", "tw", "cn")


def foreign_characters(text: str, script: Script) -> list[str]:
    """The characters of ``text`` (meant to be in ``script``) that belong to the other script only.

    Judged by OpenCC in context. In traditional text: a character that no
    region gives back when the text is taken to simplified and back, and
    that OpenCC also changes on its own (发 → 發) — so a character the phrase
    tables keep (干 in 干預, 伙 in 貿易伙伴) or that is traditional too (布 in
    公布) passes. In simplified text: a character that OpenCC changes going to
    simplified both in its phrase and on its own.
    """
    hanzi = [i for i, ch in enumerate(text) if HANZI.fullmatch(ch)]
    if not hanzi:
        return []
    if script == "simplified":  # OpenCC's own t2s: the variant tables would read 显著 as Taiwan's 顯着
        t2s = _opencc("t2s.json").convert
        simplified = t2s(text)
        if len(simplified) != len(text):
            simplified = "".join(t2s(ch) if len(t2s(ch)) == 1 else ch for ch in text)
        return [text[i] for i in hanzi if simplified[i] != text[i] and t2s(text[i]) != text[i]]
    simplified = convert(text, "simplified")
    back = [convert(simplified, "traditional", r) for r in _REGIONS]
    return [text[i] for i in hanzi
            if all(b[i] != text[i] for b in back) and all(convert(text[i], "traditional", r) != text[i] for r in _REGIONS)]
