#!/usr/bin/env python3
"""Add reviewed terms to data/glossary.tsv, with readings checked two ways.

Input: review decisions, one accepted term a line (``#`` comments allowed)::

    hanzi <TAB> category[+] <TAB> English (official first, " | " between) <TAB> o|f [<TAB> note [<TAB> numbered pinyin [<TAB> marked pinyin]]]

A ``+`` after the category marks a proper name (every word of its pinyin
capitalised). ``o`` marks an official rendering (Foreign Ministry, Xinhua, the English
editions of the Government Work Reports and congress reports), ``f``
flashgen's own. The reading is worked out twice — flashgen's reader
(CC-CEDICT word by word, pypinyin for the rest) and pypinyin's phrase reading
of the whole term — and a term on which they disagree is refused until its
line gives the numbered pinyin by hand (routine differences are settled by
the glossary's conventions: see ``resolve``). The note defaults to where the term
was found (from the candidate table of ``scripts/mine_terms.py``); ``origin``
is ``corpus`` when the candidate table lists the term, else ``other``.

    python3 scripts/add_terms.py decisions.tsv --candidates candidates.tsv [--dry-run]
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flashgen.chinese.tones import mark_syllable  # noqa: E402

GLOSSARY = ROOT / "data" / "glossary.tsv"
CATEGORIES = {"concept", "slogan", "principle", "policy", "organisation", "document", "title", "idiom", "event", "place", "term"}
#: Bound suffixes written with the word before them (现代化 xiàndàihuà, 积极性 jījíxìng).
SUFFIXES = set("化性式型者员家率权制界论观感力区省市县族派方法节日")
#: One-character country or region names at the start of a term (中美 Zhōng Měi).
COUNTRIES = set("中美俄欧日韩朝非英法德印巴澳加越菲泰蒙港澳台伊")
#: One-character words that are always names in these terms.
SINGLE_NAMES = {"伊"}


def _cedict_parts(term: str) -> list[str]:
    """The term cut into the longest CC-CEDICT words, left to right (single characters as a last resort)."""
    from flashgen.chinese.lexicon import lexicon

    lex = lexicon()
    parts, i = [], 0
    while i < len(term):
        for j in range(len(term), i, -1):
            if j - i == 1 or (term[i:j] in lex and not (i == 0 and j == len(term) and len(term) > 4)):
                parts.append(term[i:j])
                i = j
                break
    return parts


def readings(term: str) -> tuple[list[str], list[str]]:
    """flashgen's word-by-word reading and pypinyin's whole-phrase reading (numbered, ü as u:)."""
    from flashgen.chinese.reading import _pypinyin, numbered

    ours: list[str] = []
    for part in _cedict_parts(term):
        ours.extend(numbered(part))
    theirs = _pypinyin(term)
    fix = lambda s: s.lower().replace("ü", "u:").replace("v", "u:")  # noqa: E731
    return [fix(s) for s in ours], [fix(s) for s in theirs]


CITATION = {"一": "yi1", "不": "bu4"}


def resolve(term: str, ours: list[str], theirs: list[str]) -> list[str] | None:
    """One reading from the two, or None when they really disagree.

    The glossary's conventions settle the routine differences: 一 and 不 keep their
    citation tones (yī, bù: tone sandhi is the reader's), and where one source
    gives a neutral tone and the other the full tone of the same syllable the
    full tone is written (关系 guānxì, as in the formal register of the texts).
    """
    if len(ours) != len(term) or len(theirs) != len(term):
        return None
    out = []
    for ch, a, b in zip(term, ours, theirs):
        if a == b:
            out.append(a)
        elif ch in CITATION and CITATION[ch] in (a, b):
            out.append(CITATION[ch])
        elif a[:-1] == b[:-1] and "5" in (a[-1], b[-1]):
            out.append(a if b[-1] == "5" else b)
        else:
            return None
    return out


PREFIXES = set("副总非反超准次")
#: Words CC-CEDICT leaves out (numeral + measure word), written as one word.
EXTRA_WORDS = {f"{n}个" for n in "一两三四五六七八九十"}


def _words(term: str) -> list[str]:
    """The term in words as pinyin orthography writes them.

    Terms of up to three characters are one word (高级别 gāojíbié). Longer ones
    are cut into CC-CEDICT words with a preference for words of two or three
    characters (世界和平 shìjiè hépíng, not one long dictionary phrase); a bound
    suffix joins the word before it (现代化), a prefix the word after it.
    """
    from flashgen.chinese.lexicon import lexicon

    if len(term) <= 3:
        return [term]
    lex = lexicon()
    cost_of = {1: 2.5, 2: 1.0, 3: 1.2, 4: 2.5}
    n = len(term)
    best: list[tuple[float, int]] = [(0.0, n)] * (n + 1)
    for i in range(n - 1, -1, -1):
        options = []
        for j in range(i + 1, n + 1):
            part = term[i:j]
            if j - i == 1 or part in lex or part in EXTRA_WORDS:
                # Ties go to the longer first word (人均 + 可 + 支配, not 人 + 均可 + 支配).
                options.append((cost_of.get(j - i, 6.0) + best[j][0], -j))
        cost, end = min(options)
        best[i] = (cost, -end)
    parts, i = [], 0
    while i < n:
        parts.append(term[i : best[i][1]])
        i = best[i][1]
    words: list[str] = []
    pending = ""
    for part in parts:
        if words and len(part) == 1 and part in SUFFIXES and len(words[-1]) >= 2:
            words[-1] += part
        elif len(part) == 1 and part in PREFIXES:
            pending += part
        else:
            words.append(pending + part)
            pending = ""
    if pending:
        words.append(pending)
    return words


def _join(sylls: list[str]) -> str:
    text = ""
    for k, s in enumerate(sylls):
        m = unicodedata.normalize("NFC", mark_syllable(s.replace("u:", "ü")))
        if k and unicodedata.normalize("NFD", m)[0] in "aoe":
            text += "'"
        text += m
    return text


def _split_at_capitals(sylls: list[str], caps: list[bool]) -> str:
    parts: list[list[str]] = []
    for s, cap in zip(sylls, caps):
        if cap or not parts:
            parts.append([])
        parts[-1].append(s)
    return " ".join(_join(p)[:1].upper() + _join(p)[1:] for p in parts)


def marked(term: str, syllables: list[str], name: bool = False, idiom: bool = False) -> str:
    """Tone-marked pinyin in dictionary word spacing; proper nouns (or every word of a ``name``) capitalised.

    A leading pair of one-character country names is written apart (中美 Zhōng Měi).
    """
    from flashgen.chinese.lexicon import lexicon

    lex = lexicon()
    words = _words(term)
    leading = 0
    if len(words[0]) >= 2 and words[0][0] == "中" and words[0][1] in COUNTRIES and len(term) > 2:
        head = words[0]
        words = [head[0], head[1]] + ([head[2:]] if len(head) > 2 else []) + words[1:]
        leading = 2
        while leading < len(words) and len(words[leading]) == 1 and words[leading] in COUNTRIES:
            leading += 1  # 中日韩 Zhōng Rì Hán
    out, i = [], 0
    for n, word in enumerate(words):
        sylls = syllables[i : i + len(word)]
        i += len(word)
        text = _join(sylls)
        entries = lex.entries(word)
        proper = bool(entries) and all(e.proper for e in entries)
        # A lone one-character name: 伊 (Iran) in 伊核问题. Other single characters are
        # common words (法 law, 加 add, 中 middle) unless they open a pair as above.
        country = word in SINGLE_NAMES or (len(word) == 1 and word in COUNTRIES and n < leading)
        if proper and lex.jieba_tag(word) == "nr" and len(entries[0].pinyin.split()) == len(sylls) > 1:
            # A person's name as CC-CEDICT writes it: surname apart (毛泽东 Máo Zédōng).
            caps = [p[:1].isupper() for p in entries[0].pinyin.split()]
            if sum(caps) > 1:
                text = _split_at_capitals(sylls, caps)
        if name or (proper and not idiom) or country:
            text = text[:1].upper() + text[1:]
        out.append(text)
    return " ".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("decisions", type=Path, nargs="+")
    parser.add_argument("--candidates", type=Path, help="candidate TSV of scripts/mine_terms.py (for notes and origin)")
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args()

    found: dict[str, dict[str, str]] = {}
    if args.candidates:
        lines = args.candidates.read_text(encoding="utf-8").splitlines()
        head = lines[0].split("\t")
        for line in lines[1:]:
            row = dict(zip(head, line.split("\t")))
            found[row["term"]] = row
    existing = {line.split("\t")[0] for line in GLOSSARY.read_text(encoding="utf-8").splitlines()[1:]}
    new_rows, problems = [], 0
    for path in args.decisions:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            fields = [f.strip() for f in line.split("\t")]
            where = f"{path.name}:{number}"
            if len(fields) < 4:
                print(f"{where}: needs hanzi, category, English, o|f: {line}", file=sys.stderr)
                problems += 1
                continue
            hanzi, category, english, rendering = fields[:4]
            # "organisation+": a proper name, every word of its pinyin capitalised.
            name = category.endswith("+")
            category = category.rstrip("+")
            note = fields[4] if len(fields) > 4 and fields[4] else ""
            given = fields[5].split() if len(fields) > 5 and fields[5] else None
            spelled = fields[6] if len(fields) > 6 and fields[6] else None
            if hanzi in existing:
                print(f"{where}: {hanzi} already in the glossary", file=sys.stderr)
                continue
            if category not in CATEGORIES or rendering not in ("o", "f"):
                print(f"{where}: bad category or rendering mark: {line}", file=sys.stderr)
                problems += 1
                continue
            ours, theirs = readings(hanzi)
            agreed = resolve(hanzi, ours, theirs)
            if given is None and agreed is None:
                print(f"{where}: {hanzi} reading? flashgen {' '.join(ours)} / pypinyin {' '.join(theirs)}", file=sys.stderr)
                problems += 1
                continue
            syllables = given or agreed or ours
            if len(syllables) != len(hanzi):
                print(f"{where}: {hanzi} has {len(hanzi)} characters, {len(syllables)} syllables", file=sys.stderr)
                problems += 1
                continue
            cand = found.get(hanzi)
            if not note:
                if cand:
                    spread = f"{cand['first']}–{cand['last']}" if cand["first"] != cand["last"] else cand["first"]
                    by = ", ".join(f"{name} {cand[key]}" for key, name in (("mfa", "MFA"), ("gwr", "GWR"), ("cpc", "CPC")) if cand[key] != "0")
                    note = f"corpus: {cand['docs']} documents, {spread} ({by})"
                else:
                    note = "added by review"
            origin = "corpus" if cand else "other"
            english = " | ".join(p.strip() for p in english.split("|") if p.strip())
            row = [hanzi, " ".join(syllables), spelled or marked(hanzi, syllables, name, category == "idiom"), english, category, note,
                   "official" if rendering == "o" else "flashgen", origin]
            existing.add(hanzi)
            new_rows.append("\t".join(row))
    for row in new_rows if args.dry_run else []:
        print(row)
    if not args.dry_run and new_rows:
        with open(GLOSSARY, "a", encoding="utf-8") as fh:
            fh.write("\n".join(new_rows) + "\n")
    print(f"{len(new_rows)} rows {'would be ' if args.dry_run else ''}added, {problems} refused", file=sys.stderr)


if __name__ == "__main__":
    main()
