"""Answer checkers of the terminal quiz: pinyin, English meaning, hanzi.

Each checker returns a :class:`Verdict` whose grade is "right", "hard" or
"wrong"; the session maps it to an FSRS rating (Good, Hard, Again).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Optional, Sequence

from flashgen.chinese.tones import normalise_u, tones

RIGHT, HARD, WRONG = "right", "hard", "wrong"

_TONE_MARK = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
_SEPARATORS = set(" \t'’‘`-·")
_SYLLABLE = re.compile(r"^([a-zü]+)([1-5])?$")
# Tone sandhi the learner may write as pronounced: 一 before other tones, 不 before a 4th tone.
_SANDHI = {"一": {1, 2, 4}, "不": {4, 2}}


@dataclass(frozen=True)
class Verdict:
    """The grade of one answer and a short reason shown to the learner."""

    grade: str  # RIGHT, HARD or WRONG
    note: str = ""

    @property
    def right(self) -> bool:
        """True only for a fully right answer (hard is not right)."""
        return self.grade == RIGHT


# --------------------------------------------------------------------------- pinyin


def expected_syllables(pinyin_numbered: str) -> Optional[list[tuple[str, int]]]:
    """("gong4 tong2 ti3") → [("gong", 4), …]; None when it is not plain pinyin."""
    out = []
    for syl, tone in zip(pinyin_numbered.split(), tones(pinyin_numbered)):
        body = normalise_u(syl.lower()).rstrip("12345")
        if not _SYLLABLE.match(body):
            return None
        out.append((body, tone))
    return out or None


def _lex(answer: str) -> list[tuple[str, Optional[int]]]:
    """Split an answer into (char, tone mark) pairs; digits and separators are chars too."""
    text = normalise_u(answer.strip().lower())
    out: list[tuple[str, Optional[int]]] = []
    for ch in unicodedata.normalize("NFD", text):
        if ch in _TONE_MARK:
            if out:  # the mark belongs to the letter before it
                out[-1] = (out[-1][0], _TONE_MARK[ch])
        elif ch == "\u0308" and out and out[-1][0] == "u":
            out[-1] = ("ü", out[-1][1])
        else:
            out.append((ch, None))
    return out


def _same_letter(expected: str, given: str, after_jqxy: bool) -> bool:
    # After j/q/x/y the ü is written u, so both spellings name the same syllable.
    return given == expected or (after_jqxy and {given, expected} == {"u", "ü"})


def check_pinyin(answer: str, expected_numbered: str, hanzi: str = "") -> Verdict:
    """Grade a typed reading against ``expected_numbered`` ("gong4 tong2 ti3").

    Accepts tone numbers or tone marks, ``v``/``u:`` for ü, any case, and
    optional spaces and apostrophes. Neutral-tone syllables may carry 5 or no
    number. A reading with every tone left out is "hard"; a wrong tone, a tone
    missing from an otherwise toned answer, or other letters is "wrong". With
    ``hanzi`` given, 一 and 不 may also be written with their sandhi tones.
    """
    expected = expected_syllables(expected_numbered)
    if expected is None:
        return Verdict(WRONG, "no reading to check against")
    if not answer.strip():
        return Verdict(WRONG, "no answer")
    chars = _lex(answer)
    pos = 0
    given_tones: list[Optional[int]] = []
    for body, _tone in expected:
        while pos < len(chars) and chars[pos][0] in _SEPARATORS:
            pos += 1
        marks: set[int] = set()
        for letter in body:
            if pos >= len(chars) or not _same_letter(letter, chars[pos][0], body[0] in "jqxy"):
                return Verdict(WRONG, "not the right syllables")
            if chars[pos][1] is not None:
                marks.add(chars[pos][1])  # type: ignore[arg-type]
            pos += 1
        if pos < len(chars) and chars[pos][0] in "12345":
            marks.add(int(chars[pos][0]))
            pos += 1
        if len(marks) > 1:
            return Verdict(WRONG, "two tones on one syllable")
        given_tones.append(marks.pop() if marks else None)
    while pos < len(chars) and chars[pos][0] in _SEPARATORS:
        pos += 1
    if pos != len(chars):
        return Verdict(WRONG, "not the right syllables")

    chars_of_word = list(hanzi) if len(hanzi) == len(expected) else [""] * len(expected)
    missing = wrong = 0
    toned = 0  # syllables that need a tone mark or number (not neutral)
    for (_body, want), got, han in zip(expected, given_tones, chars_of_word):
        if want != 5:
            toned += 1
        if got is None:
            missing += want != 5
        elif got != want and got not in _SANDHI.get(han, ()):
            wrong += 1
    if wrong:
        return Verdict(WRONG, "wrong tone" if wrong == 1 else "wrong tones")
    if missing and missing == toned:
        return Verdict(HARD, "right syllables, but no tones")
    if missing:
        return Verdict(WRONG, "a tone is missing" if missing == 1 else "tones are missing")
    return Verdict(RIGHT)


# -------------------------------------------------------------------------- meaning

_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]|（[^）]*）")
_ARTICLES = {"a", "an", "the"}
# Below this Zipf frequency a word is taken for a typo, above it for a different English word.
_REAL_WORD_ZIPF = 2.8


def _normalise(text: str) -> str:
    """Lower-case, drop parentheticals, punctuation, articles and a leading "to "."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = _PAREN.sub(" ", text)
    text = re.sub(r"[-‐–—/_]", " ", text)  # "well-off" = "well off"
    text = re.sub(r"[^\w\s']|'(?!\w)", " ", text).replace("'", "")  # keep "one's" as "ones"
    words = [w for w in text.split() if w not in _ARTICLES]
    if len(words) > 1 and words[0] == "to":
        words = words[1:]
    return " ".join(words)


def meaning_alternatives(meanings: Sequence[str]) -> list[str]:
    """Every accepted meaning, normalised: each string split at ";" and ","."""
    out: list[str] = []
    for meaning in meanings:
        if meaning.strip().lower().startswith("cl:"):
            continue  # CC-CEDICT measure-word note, not a meaning
        # An abbreviation in brackets is an answer of its own: "United Nations (UN)" → "un".
        abbreviations = re.findall(r"\(([A-Z][A-Z0-9.&-]{1,9})\)", meaning)
        for part in [*re.split(r"[;,；，]", _PAREN.sub(" ", meaning)), *abbreviations]:
            norm = _normalise(part)
            if norm and norm not in out:
                out.append(norm)
    return out


def _distance(a: str, b: str) -> int:
    """Edit distance counting a swap of neighbours as one edit (optimal string alignment)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def _is_english_word(word: str) -> bool:
    from wordfreq import zipf_frequency  # heavy: only loaded when a typo is considered

    return zipf_frequency(word, "en") >= _REAL_WORD_ZIPF


def _close_word(given: str, want: str) -> bool:
    """True when ``given`` is ``want`` with a small typo, not another word."""
    if given == want:
        return True
    stem = min(given, want, key=len)
    if len(stem) >= 4 and {given, want} in ({stem, stem + "s"}, {stem, stem + "es"}):
        return True  # plural or 3rd person: same meaning
    if any(ch.isdigit() for ch in given + want) or given[:1] != want[:1]:
        return False  # numbers must match; a changed first letter is usually another word
    allowed = 2 if len(want) >= 10 else 1 if len(want) >= 5 else 0
    if allowed == 0 or _distance(given, want) > allowed:
        return False
    # "expend" is one edit from "expand", but it is a word of its own, not a slip.
    return not _is_english_word(given)


def check_meaning(answer: str, meanings: Sequence[str]) -> Verdict:
    """Grade an English answer against any of ``meanings`` (normalised, small typos allowed)."""
    given = _normalise(answer)
    if not given:
        return Verdict(WRONG, "no answer")
    alternatives = meaning_alternatives(meanings)
    if given in alternatives:
        return Verdict(RIGHT)
    squashed = given.replace(" ", "")
    for alt in alternatives:
        if squashed == alt.replace(" ", ""):  # "well being" = "wellbeing"
            return Verdict(RIGHT)
    given_words = given.split()
    for alt in alternatives:
        alt_words = alt.split()
        if len(alt_words) == len(given_words) and all(
            _close_word(g, w) for g, w in zip(given_words, alt_words)
        ):
            return Verdict(RIGHT, f"accepted as “{alt}”")
    return Verdict(WRONG)


# ---------------------------------------------------------------------------- hanzi


def check_hanzi(answer: str, expected: Sequence[str]) -> Verdict:
    """Grade typed characters: right when they equal one of ``expected`` (simplified/traditional)."""
    given = re.sub(r"[\s\W_]", "", unicodedata.normalize("NFKC", answer))
    wanted = {re.sub(r"[\s\W_]", "", e) for e in expected if e}
    return Verdict(RIGHT) if given and given in wanted else Verdict(WRONG)


def parse_choice(answer: str, n_choices: int) -> Optional[int]:
    """The 0-based option picked by an answer "1".."n", or None when it is not a pick."""
    text = unicodedata.normalize("NFKC", answer).strip().rstrip(".)")
    if text.isdigit() and 1 <= int(text) <= n_choices:
        return int(text) - 1
    return None
