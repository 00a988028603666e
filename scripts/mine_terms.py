#!/usr/bin/env python3
"""Mine candidate glossary terms from the derive split of the shared corpora.

Reads the Foreign Ministry press conferences, the Government Work Reports and
the CPC congress reports through ``scripts/corpus.py`` (``split="derive"``
only: the held-out documents are for measurement), segments every clause with
flashgen's own jieba tokenizer (the glossary's terms stay whole; jieba's HMM is
off so unknown strings fall apart rather than being glued), and counts word
n-grams of 1-4 words (apriori: an n-gram is counted only when both of its
(n-1)-grams are frequent). A candidate must

* recur: ``--min-count`` occurrences in ``--min-docs`` documents over at least
  ``--min-years`` distinct years;
* not begin or end with a function word (jieba tags p, c, u, y, r, d, f, m, q…);
* hold together: the smallest pointwise mutual information over its binary
  splits (``min_pmi``), Dunning's log-likelihood of its weakest split
  (``min_g2``) and a t-score;
* be whole: the entropy of the words seen to its left and right
  (``left_h``/``right_h``, in bits) — a fragment such as 人类命运 (always followed
  by 共同体) has one near zero — and it must not be covered by a longer
  candidate holding ≥ 85% of its occurrences (``covered``).

Pattern tags mark the shapes terms of political Chinese take (X主义, X化, X性,
X倡议, X机制, X伙伴关系, X原则, X战略, 坚持X, 四字格 …). Output: a TSV
sorted by ``score`` (t-score scaled by boundary entropy and spread over years),
one row per candidate, with counts per corpus, document frequency, year range,
the measures, the tags and whether the glossary already holds the string.

    python3 scripts/mine_terms.py --out candidates.tsv [--min-count 5] [--top 20000]

Regrow the glossary: run this, review the rows whose ``in_glossary`` is 0,
and add the real terms to data/glossary.tsv (see the README).
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus import Document, documents  # noqa: E402

CORPORA = ("mfa", "work-reports", "congress-reports")
SHORT = {"mfa": "mfa", "work-reports": "gwr", "congress-reports": "cpc"}
CLAUSE = re.compile(r"[\u4e00-\u9fff]+")
YEAR = re.compile(r"(1[89]\d\d|20\d\d)")
#: jieba tags of words a term does not begin or end with.
EDGE_TAGS = frozenset("p c u uj ul uz ug uv ud y e o r d f m mq q x zg k h".split())
#: Function words a term does not begin or end with, whatever jieba's tag.
EDGE_WORDS = frozenset(
    "的 了 和 与 及 并 在 是 对 将 也 都 等 把 被 为 于 以 之 而 又 就 还 更 很 最 要 会 能 可 让 使 从 向 给 "
    "这 那 其 此 各 每 该 我 你 他 她 它 们 我们 你们 他们 中 上 下 里 个 一 有 没有 不 没 已 已经 正在 "
    "进行 表示 认为 希望 愿意 问 答 说 记者 发言人 先生 女士 谢谢 一些 这个 那个 这些 那些 目前 今天 昨天 "
    "明天 今年 去年 方面 问题 情况 工作 同时 通过 根据 关于 按照 由 所 则 但 但是 如果 因为 所以 而且 以及".split()
)
SUFFIX_PATTERNS = [
    "主义", "化", "性", "倡议", "机制", "伙伴关系", "原则", "战略", "理念", "体系", "共同体", "协定", "条约",
    "宣言", "公约", "峰会", "论坛", "组织", "政策", "制度", "改革", "格局", "建设", "外交", "思想", "精神",
    "工程", "计划", "规划", "纲要", "决议", "方针", "路线", "道路", "模式", "观", "论", "区", "会议", "委员会",
]
PREFIX_PATTERNS = ["坚持", "推进", "推动", "构建", "维护", "反对", "深化", "加强", "实施", "全面", "促进", "建设", "打造", "坚定"]


@dataclass
class Stats:
    count: int = 0
    per_corpus: Counter[str] = field(default_factory=Counter)
    docs: set[int] = field(default_factory=set)
    years: set[str] = field(default_factory=set)


#: Year of each CPC National Congress, by its number as titles write it (十九大, 第十九次全国代表大会).
CONGRESS_YEARS = {
    "一": 1921, "二": 1922, "三": 1923, "四": 1925, "五": 1927, "六": 1928, "七": 1945, "八": 1956,
    "九": 1969, "十": 1973, "十一": 1977, "十二": 1982, "十三": 1987, "十四": 1992, "十五": 1997,
    "十六": 2002, "十七": 2007, "十八": 2012, "十九": 2017, "二十": 2022,
}
CONGRESS = re.compile(r"(?:第|（|\()([一二三四五六七八九十]+)(?:次全国代表大会|大)")


def _year(doc: Document) -> str:
    """The document's year: its date, a year in its title, or the year of the congress it reports to."""
    found = YEAR.search(doc.date) or YEAR.search(doc.title)
    if found:
        return found.group(1)
    congress = CONGRESS.search(doc.title)
    if congress and congress.group(1) in CONGRESS_YEARS:
        return str(CONGRESS_YEARS[congress.group(1)])
    return f"{doc.corpus}:{doc.number}"


def _clauses(text: str) -> Iterator[str]:
    yield from CLAUSE.findall(text)


def _segmenter():  # type: ignore[no-untyped-def]
    """flashgen's jieba tokenizer (glossary terms whole) and jieba's tag table."""
    from importlib import resources

    from flashgen.chinese.segment import _tokenizer

    tokenizer = _tokenizer().tokenizer
    tags: dict[str, str] = {}
    with (resources.files("jieba") / "dict.txt").open("rb") as fh:
        for line in fh:
            parts = line.decode("utf-8").split()
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    return tokenizer, tags


def load(limit: int | None) -> list[tuple[Document, str, list[list[str]]]]:
    """Every derive document, simplified, as clauses of words."""
    from flashgen.source.convert import to_simplified

    tokenizer, _ = _segmenter()
    out = []
    for corpus in CORPORA:
        for n, doc in enumerate(documents(corpus, split="derive")):  # type: ignore[arg-type]
            if limit and n >= limit:
                break
            text, _ = to_simplified(doc.text)
            clauses = [list(tokenizer.cut(c, HMM=False)) for c in _clauses(text)]
            out.append((doc, _year(doc), clauses))
    return out


def _edge_ok(word: str, tags: dict[str, str]) -> bool:
    return word not in EDGE_WORDS and tags.get(word, "n") not in EDGE_TAGS


def _grams(clause: list[str]) -> Iterator[tuple[int, int, tuple[str, ...]]]:
    """(start, length, words) of every n-gram of 1–4 words in a clause."""
    for n in range(1, 5):
        for i in range(len(clause) - n + 1):
            yield i, n, tuple(clause[i : i + n])


def count(corpus: list[tuple[Document, str, list[list[str]]]], tags: dict[str, str], min_count: int) -> tuple[dict[tuple[str, ...], Stats], Counter[str], int]:
    """n-gram statistics (apriori over n), unigram counts and the number of tokens."""
    unigrams: Counter[str] = Counter()
    for _, _, clauses in corpus:
        for clause in clauses:
            unigrams.update(clause)
    total = sum(unigrams.values())
    frequent: set[tuple[str, ...]] = {(w,) for w, c in unigrams.items() if c >= min_count}
    stats: dict[tuple[str, ...], Stats] = {}
    for n in range(1, 5):
        counts: Counter[tuple[str, ...]] = Counter()
        for _, _, clauses in corpus:
            for clause in clauses:
                for i in range(len(clause) - n + 1):
                    gram = tuple(clause[i : i + n])
                    if n > 1 and (gram[:-1] not in frequent or gram[1:] not in frequent):
                        continue
                    counts[gram] += 1
        kept = {g for g, c in counts.items() if c >= min_count}
        frequent = kept
        for g in kept:
            stats[g] = Stats(count=counts[g])
    # Second pass: documents, years, corpora of the kept n-grams whose ends are content words.
    wanted = {g for g in stats if _edge_ok(g[0], tags) and _edge_ok(g[-1], tags) and 3 <= len("".join(g)) <= 12 or (len(g) == 1 and len(g[0]) >= 3)}
    stats = {g: s for g, s in stats.items() if g in wanted or len(g) == 1}
    for doc, year, clauses in corpus:
        for clause in clauses:
            for _, _, gram in _grams(clause):
                s = stats.get(gram)
                if s is not None:
                    s.per_corpus[doc.corpus] += 1
                    s.docs.add(hash((doc.corpus, doc.number)))
                    s.years.add(year)
    return stats, unigrams, total


def neighbours(corpus: list[tuple[Document, str, list[list[str]]]], grams: set[tuple[str, ...]]) -> dict[tuple[str, ...], tuple[Counter[str], Counter[str]]]:
    """Words seen immediately left and right of each gram (clause edges count as one symbol each time)."""
    found: dict[tuple[str, ...], tuple[Counter[str], Counter[str]]] = {g: (Counter(), Counter()) for g in grams}
    for _, _, clauses in corpus:
        for clause in clauses:
            for i, n, gram in _grams(clause):
                pair = found.get(gram)
                if pair is not None:
                    pair[0][clause[i - 1] if i > 0 else f"<{i}>"] += 1
                    pair[1][clause[i + n] if i + n < len(clause) else f"<{i}>"] += 1
    return found


def entropy(counter: Counter[str]) -> float:
    """Entropy in bits; each clause edge counts as a distinct neighbour."""
    total = sum(counter.values())
    return -sum(c / total * math.log2(c / total) for c in counter.values()) if total else 0.0


def _g2(k11: int, k1: int, k2: int, n: int) -> float:
    """Dunning's log-likelihood of a 2x2 table (joint count, the two marginals, total)."""
    def ll(k: float, m: float) -> float:
        return k * math.log(k / m) if k > 0 and m > 0 else 0.0

    k12, k21 = k1 - k11, k2 - k11
    k22 = n - k1 - k2 + k11
    cells = [(k11, k1 * k2 / n), (k12, k1 * (n - k2) / n), (k21, (n - k1) * k2 / n), (k22, (n - k1) * (n - k2) / n)]
    return 2 * sum(ll(k, e) for k, e in cells)


def tags_of(text: str, gram: tuple[str, ...]) -> list[str]:
    out = [f"-{s}" for s in SUFFIX_PATTERNS if text.endswith(s) and len(text) > len(s)]
    out += [f"{p}-" for p in PREFIX_PATTERNS if text.startswith(p) and len(text) > len(p)]
    if len(text) == 4:
        out.append("4char")
    if len(gram) > 1 and len(set(gram)) < len(gram):
        out.append("repeat")
    return out


def rows(stats: dict[tuple[str, ...], Stats], unigrams: Counter[str], total: int, corpus: list, min_docs: int, min_years: int, glossary: set[str]) -> list[dict[str, object]]:  # type: ignore[type-arg]
    """Scored candidate rows."""
    def c(g: tuple[str, ...]) -> int:
        return stats[g].count if g in stats else unigrams.get(g[0], 0) if len(g) == 1 else 0

    grams = [g for g, s in stats.items() if len(s.docs) >= min_docs and len(s.years) >= min_years
             and (len(g) > 1 or len(g[0]) >= 3)]
    by_text: dict[str, int] = defaultdict(int)
    for g in grams:
        by_text["".join(g)] += stats[g].count
    near = neighbours(corpus, set(grams))
    out = []
    for g in grams:
        s = stats[g]
        text = "".join(g)
        if len(g) > 1:
            splits = [(g[:i], g[i:]) for i in range(1, len(g))]
            pmis = [math.log2(s.count * total / (c(a) * c(b))) for a, b in splits if c(a) and c(b)]
            g2s = [_g2(s.count, c(a), c(b), total) for a, b in splits if c(a) and c(b)]
            min_pmi, min_g2 = (min(pmis), min(g2s)) if pmis else (0.0, 0.0)
            expected = math.prod(unigrams[w] / total for w in g) * total
        else:
            min_pmi, min_g2, expected = 0.0, 0.0, 0.0
        tscore = (s.count - expected) / math.sqrt(s.count)
        left, right = near[g]
        lh, rh = entropy(left), entropy(right)
        # Covered: a longer candidate (one more word either side) takes most of its occurrences.
        top_left = left.most_common(1)[0][1] / s.count if left else 0.0
        top_right = right.most_common(1)[0][1] / s.count if right else 0.0
        covered = max(top_left, top_right) >= 0.85
        spread = math.log2(1 + len(s.years))
        score = tscore * min(1.0, min(lh, rh) / 2.0) * spread * (0.2 if covered else 1.0)
        years = sorted(y for y in s.years if y.isdigit())
        out.append({
            "term": text, "words": " ".join(g), "n": len(g), "count": s.count,
            "mfa": s.per_corpus["mfa"], "gwr": s.per_corpus["work-reports"], "cpc": s.per_corpus["congress-reports"],
            "docs": len(s.docs), "years": len(s.years), "first": years[0] if years else "", "last": years[-1] if years else "",
            "min_pmi": round(min_pmi, 2), "min_g2": round(min_g2, 1), "tscore": round(tscore, 2),
            "left_h": round(lh, 2), "right_h": round(rh, 2), "covered": int(covered),
            "score": round(score, 2), "tags": ",".join(tags_of(text, g)), "in_glossary": int(text in glossary),
        })
    out.sort(key=lambda r: -float(r["score"]))  # type: ignore[arg-type]
    return out


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True, help="candidate TSV to write")
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument("--min-docs", type=int, default=3)
    parser.add_argument("--min-years", type=int, default=2)
    parser.add_argument("--top", type=int, default=0, help="keep only the best N rows (0: all)")
    parser.add_argument("--limit-docs", type=int, default=0, help="first N documents of each corpus (a quick trial)")
    args = parser.parse_args(list(argv) if argv is not None else None)

    from flashgen.chinese.glossary import glossary

    start = time.perf_counter()
    corpus = load(args.limit_docs or None)
    _, tags = _segmenter()
    print(f"segmented {len(corpus)} documents in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    stats, unigrams, total = count(corpus, tags, args.min_count)
    print(f"{total} tokens, {len(stats)} frequent n-grams", file=sys.stderr)
    table = rows(stats, unigrams, total, corpus, args.min_docs, args.min_years, set(glossary()))
    # Drop rows that are not plausible edges or are mostly inside a longer candidate.
    table = [r for r in table if _plausible(str(r["words"]).split(), tags)]
    if args.top:
        table = table[: args.top]
    header = list(table[0]) if table else ["term"]
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write("\t".join(header) + "\n")
        for r in table:
            fh.write("\t".join(str(r[h]) for h in header) + "\n")
    print(f"{len(table)} candidates written to {args.out} in {time.perf_counter() - start:.0f} s", file=sys.stderr)


def _plausible(words: list[str], tags: dict[str, str]) -> bool:
    if len(words) == 1:
        return True
    return _edge_ok(words[0], tags) and _edge_ok(words[-1], tags) and 3 <= len("".join(words)) <= 12


if __name__ == "__main__":
    main()
