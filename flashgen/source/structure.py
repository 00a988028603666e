"""Recognise a transcript's structure: title, headings, speaker turns, sentences.

Input is clean text from :mod:`flashgen.source.reader`. The rules, in order:

1. **Hard breaks.** The text is cut into non-empty lines ("units"). Web pages
   and PDFs carry breaks that cut sentences and even words, so a unit that
   does not end with sentence-final punctuation is *joined to the next one
   without a space* (a space only between two Latin letters/digits) unless it
   is a heading. A unit ending in a bare closing quote or bracket (``”）」』``)
   ends its paragraph but may still be a heading (``让疫苗真正成为“人民的疫苗”``).
2. **Headings.** A unit without final punctuation is a heading only when it is
   numbered (``一、`` ``（一）`` ``第一部分`` ``1.``), is a leading line of the
   file (kicker, title, subtitle, date), stands right before a speaker turn,
   or — in a text with no speakers at all — is short, stands on its own line
   and does not end on a word that needs a continuation (``的 将 和``).
3. **Title.** Among the leading lines the title is the first with ≥ 8 hanzi
   (else the one with most hanzi); the kicker above it and front matter below
   it (``——`` subtitle, date, byline) are kind ``heading``; a plain line below
   it opens the first section. Leading lines open no section: they and the
   narration before the first real heading have ``section=None``. Without
   leading lines the title is the first sentence, cut to 30 characters.
4. **Turns.** A paragraph opening with a speaker label and ``：``/``:`` is a
   turn: the label is removed and the speaker carries over to the following
   paragraphs until the next heading or label.
5. **Sentences.** A paragraph splits after ``。！？；…`` (and ``!?``) plus
   the closing quotes and brackets that follow, never inside a matched
   ``“…”`` or ``《…》``. Headings and titles stay one sentence. A run of
   whitespace inside a line becomes one space: a space written in a line is
   deliberate (a dateline, a title/subtitle break).
6. **Run-ons.** A sentence longer than ``MAX_SENTENCE_CHARS`` (speech
   recognition output without full stops, a pasted table) is cut at its
   commas and other clause marks into pieces of at most that length; a clause
   that is longer still is cut at spaces, else every ``MAX_SENTENCE_CHARS``
   characters. A card's example or a cloze sentence should be readable, and
   every later stage works sentence by sentence.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import PureWindowsPath
from typing import Optional

from flashgen.models import Sentence, Transcript
from flashgen.chinese.hanzi import count_hanzi
from flashgen.chinese.punctuation import BREAKS, NO_LINE_START
from flashgen.source.sentences import SENTENCE_CLOSERS, clean, split_sentences

_HARD_FINAL = (BREAKS - {"，", ","}) | {"."}  # a unit ending in one of these ends a sentence
_SOFT_FINAL = frozenset("”）」』)\"")  # ends a paragraph, yet a heading may end so too
_CLOSERS = SENTENCE_CLOSERS
_CONTINUATION_START = NO_LINE_START - {"·"}  # a line starting so continues the last
# Last characters that leave a phrase hanging ("我们还将"): a line ending so was
# cut by a hard break. Words that also end headings (两会, 方向, 成就) are left out.
_DANGLING_END = frozenset("的了着和与或并而且但将在把被从以于让给之其这那个们也还又再很最已，、,—-（(“‘《「『")
#: Rule 6: longer sentences are cut (the seed's longest is 86 characters).
_NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十百零〇]+[、．.]|[（(][一二三四五六七八九十百零〇\d]{1,3}[)）]"
    r"|第[一二三四五六七八九十百零〇\d]{1,3}(?:部分|章|节|節|篇|讲|講|单元|單元|课|課)|\d{1,2}[、．]|\d{1,2}\.(?!\d)|[①-⑳])"
)
# How a subtitle, date or byline starts (a title right above one stands alone) and what marks front matter.
_FRONT_MATTER_START = re.compile(r"^(?:——|—|[（(【\[]|记者|記者|来源|來源|作者|\d{4}年)")
_FRONT_MATTER = re.compile(r"^(?:[（(【\[]|——|—|记者|記者|来源|來源|作者|编辑|編輯|发布|發布)|\d")

_LABEL = re.compile(r"^([^。！？；，、,!?;：:“”\"\s][^。！？；，、,!?;：:“”\"]{0,24})[：:]")
_QUESTION_ROLES = ("记者", "記者")
_ANSWER_ROLES = ("主持人", "发言人", "發言人", "外长", "外長", "部长", "部長", "总理", "總理", "主席", "总统", "總統",
                 "首相", "大使", "代表", "委员", "委員", "秘书长", "秘書長", "司长", "司長", "局长", "局長", "教授",
                 "博士", "先生", "女士", "嘉宾", "嘉賓")
_QA_LABELS = {"问": "question", "問": "question", "提问": "question", "提問": "question", "Q": "question",
              "答": "answer", "回答": "answer", "A": "answer"}
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范"
    "金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤习耿华赖洪温傅康殷乔俞施岳齐易"
    "張劉陳楊黃趙吳孫馬鄭謝許韓馮鄧蕭葉蘇呂盧鍾譚陸賈韋鄒閆龍賀顧龔萬錢嚴湯華賴喬齊"
)
_COMPOUND_SURNAMES = ("欧阳", "歐陽", "司马", "司馬", "上官", "诸葛", "諸葛", "东方", "東方", "皇甫", "令狐", "慕容", "公孙", "公孫")
# Characters no personal name contains but colon-ended phrases do ("中方认为：", "其次：").
_NOT_IN_NAMES = frozenset("的了是在和与與及说說道称稱们們这這那我你他她它认認如括等即例其另此因所但然还還有述对對把被该該些么麼吗嗎呢吧啊第首最总總")
_NAME = re.compile(r"^(?:[\u3400-\u9fff]{2,4}|[\u3400-\u9fff]{1,6}[·•‧・][\u3400-\u9fff]{1,8})$")


@dataclass
class _Unit:
    """A non-empty, stripped line of the input."""

    text: str
    blank_before: bool  # the start of the text counts as a blank line
    blank_after: bool  # and so does the end


@dataclass
class _Para:
    """A repaired paragraph; ``role`` is "top" (leading line), "heading" or "body"."""

    text: str
    role: str
    label: Optional[str] = None  # speaker label that opened it (body paragraphs only)


def _ending(text: str) -> str:
    """How a unit ends: "hard" (a sentence ends), "soft" (bare closing quote/bracket) or "none"."""
    end = len(text)
    while end and text[end - 1] in _CLOSERS:
        end -= 1
    if end and text[end - 1] in _HARD_FINAL:
        return "hard"
    return "soft" if text and text[-1] in _SOFT_FINAL else "none"


def _width(text: str) -> int:
    """Display width, which is what a PDF's line wrapping measures."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _units(text: str) -> list[_Unit]:
    """The non-empty lines of ``text``, stripped, with their blank-line neighbours."""
    units: list[_Unit] = []
    blank = True
    for line in text.splitlines():
        if line.strip():
            units.append(_Unit(line.strip(), blank, False))
        elif units:
            units[-1].blank_after = True
        blank = not line.strip()
    if units:
        units[-1].blank_after = True
    return units


def _label_kind(label: str, counts: Counter[str], has_roles: bool) -> Optional[str]:
    """"question"/"answer" when ``label`` is a speaker label, else None."""
    if label in _QA_LABELS:
        return _QA_LABELS[label]
    if label.endswith(_QUESTION_ROLES):
        return "question"
    if label[-1] in "问問答" and len(label) > 1:  # "塔斯社记者问", "发言人答"
        if _label_kind(label[:-1], counts, has_roles):
            return "question" if label[-1] in "问問" else "answer"
        return None
    if any(c in _NOT_IN_NAMES for c in label):
        return None
    if label.endswith(_ANSWER_ROLES) and count_hanzi(label) >= 2:
        return "answer"
    # A bare name is trusted when it recurs, or when it starts with a common
    # surname in a text that has other labels: "金融：…" in an outline is no speaker.
    surname = label[0] in _SURNAMES or label.startswith(_COMPOUND_SURNAMES)
    if _NAME.match(label) and (counts[label] >= 2 or (surname and has_roles)):
        return "answer"
    return None


def _find_labels(units: list[_Unit]) -> dict[str, str]:
    """The speaker labels used in the text, with the kind of turn each opens."""
    counts = Counter(m.group(1).strip() for u in units if (m := _LABEL.match(u.text)))
    has_roles = any(lab in _QA_LABELS or lab.endswith(_QUESTION_ROLES + _ANSWER_ROLES)
                    or (n >= 2 and _NAME.match(lab)) for lab, n in counts.items())
    kinds = {lab: _label_kind(lab, counts, has_roles) for lab in counts}
    return {lab: kind for lab, kind in kinds.items() if kind}


def _split_label(text: str, labels: dict[str, str]) -> Optional[tuple[str, str]]:
    """``(label, rest)`` when ``text`` opens a speaker turn."""
    match = _LABEL.match(text)
    if match and match.group(1).strip() in labels:
        return match.group(1).strip(), text[match.end():].strip()
    return None


class _Repairer:
    """Turns units into paragraphs: decides headings and joins cut pieces."""

    def __init__(self, units: list[_Unit]) -> None:
        """Study the whole text first: its labels and its line-wrapping style."""
        self.units = units
        self.labels = _find_labels(units)
        self.has_blank_lines = any(u.blank_before for u in units[1:])
        self.wrap = self._wrap_width()

    def _wrap_width(self) -> int:
        """The line width of a hard-wrapped text (a PDF dump), or 0 if it is not one.

        There most lines breaking mid-sentence are about equally long and as
        long as the longest lines; in a one-paragraph-per-line text the only
        lines without final punctuation are short headings.
        """
        soft = sorted(_width(u.text) for u in self.units[:-1] if not u.blank_after and _ending(u.text) == "none")
        if len(soft) < 3:
            return 0
        typical = soft[(len(soft) * 3) // 4]
        widest = sorted(_width(u.text) for u in self.units)[(len(self.units) * 9) // 10]
        near = sum(1 for w in soft if abs(w - typical) <= typical * 0.15)
        return typical if typical >= 20 and typical >= 0.8 * widest and near * 10 >= len(soft) * 6 else 0

    def is_turn(self, i: int) -> bool:
        """Whether unit ``i`` opens a speaker turn."""
        return _split_label(self.units[i].text, self.labels) is not None

    def standalone(self, i: int) -> bool:
        """Whether unit ``i`` is a line of its own rather than a slice of a wrapped paragraph."""
        unit = self.units[i]
        if self.wrap:
            return _width(unit.text) < 0.7 * self.wrap
        return not self.has_blank_lines or (unit.blank_before and unit.blank_after)

    def heading_role(self, i: int, seen_body: bool) -> Optional[str]:
        """"top", "heading" or None for unit ``i`` standing at a paragraph start."""
        text = self.units[i].text
        following = self.units[i + 1].text if i + 1 < len(self.units) else ""
        if _ending(text) == "hard" or following[:1] in _CONTINUATION_START:
            return None
        if _NUMBERED.match(text) and len(text) <= 50:
            return "heading"
        if (not seen_body and len(text) <= 80 and text[-1] not in _DANGLING_END
                and (self.standalone(i) or _FRONT_MATTER_START.match(following))):
            return "top"
        if following and len(text) <= 60 and self.is_turn(i + 1):
            return "heading"
        if (not self.labels and len(text) <= 30 and count_hanzi(text) >= 2
                and text[-1] not in _DANGLING_END and self.standalone(i)):
            return "heading"
        return None

    def breaks_before(self, i: int) -> bool:
        """Whether unit ``i`` starts a new paragraph even after a cut piece."""
        text = self.units[i].text
        return self.is_turn(i) or (bool(_NUMBERED.match(text)) and len(text) <= 50 and _ending(text) != "hard")

    def paragraphs(self) -> list[_Para]:
        """The repaired paragraphs, in order."""
        paras: list[_Para] = []
        seen_body = False
        i, n = 0, len(self.units)
        while i < n:
            turn = _split_label(self.units[i].text, self.labels)
            role = None if turn else self.heading_role(i, seen_body)
            if role:
                paras.append(_Para(self.units[i].text, role))
            else:
                pieces = [turn[1] if turn else self.units[i].text]
                while _ending(self.units[i].text) == "none" and i + 1 < n and not self.breaks_before(i + 1):
                    i += 1
                    pieces.append(self.units[i].text)
                paras.append(_Para(_join(pieces), "body", turn[0] if turn else None))
            seen_body = seen_body or role != "top"
            i += 1
        _demote_late_top_lines(paras)
        return paras


def _pick_title(tops: list[_Para]) -> Optional[_Para]:
    """The first leading line with ≥ 8 hanzi, else the one with most hanzi (at least 2)."""
    best = next((p for p in tops if count_hanzi(p.text) >= 8), None)
    if best is None and tops:
        best = max(tops, key=lambda p: count_hanzi(p.text))
    return best if best is not None and count_hanzi(best.text) >= 2 else None


def _demote_late_top_lines(paras: list[_Para]) -> None:
    """Leading lines below the title are section headings unless they are front matter."""
    tops = [p for p in paras if p.role == "top"]
    title = _pick_title(tops)
    demote = False
    for para in tops[tops.index(title) + 1:] if title else []:
        demote = demote or not _FRONT_MATTER.search(para.text)
        para.role = "heading" if demote else para.role


def _join(pieces: list[str]) -> str:
    """Join the pieces of a cut paragraph: no space, except between two Latin letters/digits."""
    out = ""
    for piece in filter(None, pieces):
        latin = out[-1:].isascii() and out[-1:].isalnum() and piece[0].isascii() and piece[0].isalnum()
        out += (" " if latin else "") + piece
    return out


def make_slug(source: str) -> str:
    """A file-name-safe identifier from the source file's stem ("transcript" for text without a file).

    Letters and digits of every script are kept (王毅记者会.txt → 王毅记者会), so
    transcripts named in Chinese get outputs of their own; anything a file
    system or shell could misread (separators, spaces, quotes, controls)
    becomes "-". At most 80 characters.
    """
    stem = PureWindowsPath(source).name  # splits on both / and \
    if "." in stem.strip("."):
        stem = stem.rsplit(".", 1)[0]
    if stem.startswith("<"):
        return "transcript"
    stem = unicodedata.normalize("NFC", stem)
    # \w is Unicode-aware: hanzi, kana, accented letters stay; for ASCII names it is [A-Za-z0-9_] as before.
    slug = re.sub(r"-{2,}", "-", re.sub(r"[^\w.-]+", "-", stem).strip(".-_"))
    return slug[:80].strip(".-_") or "transcript"


def _headline(title: str) -> str:
    """The headline of a title line that carries a subtitle after a space.

    News pages often print "headline subtitle" on one line
    (…回答中外记者提问 希望外国媒体记者…); the headline alone names the transcript
    (the full line stays in the title sentence).
    """
    head, sep, _ = title.partition(" ")
    if sep and count_hanzi(head) >= 8:
        return head
    return title


def _fallback_title(sentences: list[Sentence]) -> str:
    """The first sentence without its final punctuation, cut to 30 characters."""
    if not sentences:
        return "Untitled transcript"
    text = sentences[0].text.rstrip("。！？；…：!?;:.，, ") or sentences[0].text
    return text if len(text) <= 30 else text[:30] + "…"


def parse_transcript(text: str, source: str = "<text>") -> Transcript:
    """Structure ``text`` into a :class:`Transcript` (sentences without tokens).

    ``source`` may be a path; only its file name is kept. Never raises on any
    string: text without recognisable structure becomes narration.
    """
    name = PureWindowsPath(source).name if source and not source.startswith("<") else (source or "<text>")
    repairer = _Repairer(_units(text))
    paras = repairer.paragraphs()
    title_para = _pick_title([p for p in paras if p.role == "top"])
    sentences: list[Sentence] = []
    section: Optional[str] = None
    speaker: Optional[str] = None
    kind = "narration"
    paragraph = 0
    for para in paras:
        body = clean(para.text)
        if para.label is not None:
            speaker, kind = para.label, repairer.labels[para.label]
        if not body:
            continue  # a label on a line of its own: the speech follows
        if para.role == "body":
            for piece in split_sentences(para.text):
                sentences.append(Sentence(len(sentences), paragraph, section, speaker, piece, kind))
        else:
            speaker, kind = None, "narration"
            section = body if para.role == "heading" else section
            sentence_kind = "title" if para is title_para else "heading"
            own_section = section if para.role == "heading" else None
            sentences.append(Sentence(len(sentences), paragraph, own_section, None, body, sentence_kind))
        paragraph += 1
    title = _headline(clean(title_para.text)) if title_para else _fallback_title(sentences)
    return Transcript(title=title, source=name, sentences=sentences, slug=make_slug(name))
