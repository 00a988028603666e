"""jieba's word counts adapted to diplomatic speech.

jieba prices each route through a sentence by the counts of its words in a
general corpus. Words the Foreign Ministry says far more often than that
corpus does lose ties they should win, and the sentence is cut across a word
boundary: 成效应得到 as 成 + 效应 + 得到 (成效 + 应 + 得到), 中美元首 as 中 + 美元 + 首
(中美 + 元首), 遣返回 as 遣 + 返回 (遣返 + 回), and 两国, 中俄, 中美 (which jieba counts
3 times) come apart as 两 + 国, 中 + 俄. Each word that jieba's dictionary and
CC-CEDICT both have and that the ministry's press conferences use
(``data/mfa-frequency.tsv``, derived from the transcripts of the derive split)
gets the count its frequency there implies in a corpus of jieba's size, when
that is at least ``MIN_RATIO`` times jieba's own (the words jieba undercounts
for this genre); so do the place and organisation names of jieba's
dictionary that CC-CEDICT lacks (中越, 中德: pairs of countries, which jieba
counts 3; 美国会, the US Congress, which would lose to a raised 美国). No count
is lowered and no word is added, so jieba still decides, with the genre's
prices. Left alone: single characters (the table counts them
where flashgen's cut left them alone, not where the genre uses them), glossary
terms (tuned separately so that they come out whole) and words only jieba's
dictionary has (fragments such as 国在华, 伊应, which the table holds because
flashgen once kept them).
"""

from __future__ import annotations

from functools import lru_cache

from flashgen.chinese.mfa_frequency import mfa_table
from flashgen.resources import read_data_rows

#: A word is raised only when the genre says it at least this many times as often as jieba's corpus:
#: the words jieba undercounts for diplomatic speech, not every word the genre uses a little more.
MIN_RATIO = 4.0
#: jieba's tags of the place and organisation names it lists that CC-CEDICT lacks (中越, 美国会).
NAME_TAGS = frozenset({"ns", "nt"})
#: Bump when the rule below changes (the segmenter's cached dictionary is keyed by it).
VERSION = 5


def raise_counts(freq: dict[str, int], total: int, keep: frozenset[str] = frozenset()) -> int:
    """Raise the count of each table word in ``freq`` to its genre count; the number of words raised.

    ``total`` is jieba's own total count, the size of the corpus its counts
    come from: a word said ``p`` times per million words in the press
    conferences counts ``p * total / 1e6``. Words in ``keep`` (the glossary
    terms) are left alone.
    """
    from flashgen.chinese.lexicon import lexicon

    scale = total / 1e6
    table = mfa_table()
    candidates = {w for w in table if len(w) > 1 and freq.get(w) and w not in keep}
    words = lexicon().headwords(candidates) | {w for w in candidates if lexicon().jieba_tag(w) in NAME_TAGS}
    raised = 0
    for word in sorted(words):
        genre = int(10 ** table[word] / 1000 * scale)
        if genre >= MIN_RATIO * freq[word]:
            freq[word] = genre
            raised += 1
    return raised


@lru_cache(maxsize=1)
def genre_splits() -> frozenset[str]:
    """The words of data/genre_splits.tsv (上将, 中将, 内向): the segmenter cuts them in two."""
    return frozenset(row[0] for row in read_data_rows("genre_splits.tsv"))
