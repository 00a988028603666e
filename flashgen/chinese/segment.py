"""Word segmentation with a dedicated jieba tokenizer that keeps glossary terms whole.

jieba's global tokenizer is left alone (other code in the process may use it);
ours loads jieba's default dictionary, then adds every glossary term with just
the frequency needed to beat its own split (``suggest_freq``), shortest first so
that longer terms are tuned against the shorter ones already added. The result
is cached as one prefix dictionary, rebuilt only when the glossary changes. jieba's
log chatter is silenced, as in wordfreq.
"""

from __future__ import annotations

import logging
import marshal
import math
import re
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterator

from flashgen.cache import cache_key, cached_file, usable_cache_dir
from flashgen.chinese.glossary import Term, glossary, glossary_digest
from flashgen.errors import ResourceError
from flashgen.models import PERSON_FLAGS, PROPER_FLAGS, Token
from flashgen.chinese.hanzi import HANZI
from flashgen.chinese.units import suffixed_noun

_lock = threading.Lock()

#: Minimum jieba count of a glossary term (a common word such as 发展 counts about 80,000).
TERM_FREQ_FLOOR = 20000
#: jieba's total count times this prices each word of a route (see _add_terms).
TOTAL_SCALE = 1.5
#: Bump when the way terms are added changes (the cached prefix dictionary is keyed by it).
_TERMS_CACHE_VERSION = 3


_WHITESPACE = re.compile(r"\s+")
_ALL_HANZI = re.compile(f"(?:{HANZI.pattern})+")


class _LazyTags(dict[str, str]):
    """jieba's word → POS table, read from the lexicon index only for words that occur.

    jieba.posseg normally parses its 5 MB dictionary into this table at start-up
    (about half a second); a text needs a few thousand of its 350,000 rows.
    Words added at run time (glossary terms) are stored in the dict itself; a
    word found in the index is stored on first use, and one it lacks is
    remembered as absent (posseg asks for every word of every sentence).
    """

    def __init__(self) -> None:
        super().__init__()
        self._absent: set[str] = set()

    def get(self, word: str, default: Any = None) -> Any:  # noqa: D102 - dict.get
        try:
            return self[word]
        except KeyError:
            return default

    def __missing__(self, word: str) -> str:
        if word not in self._absent:
            from flashgen.chinese.lexicon import lexicon

            tag = lexicon().jieba_tag(word)
            if tag is not None:
                self[word] = tag
                return tag
            self._absent.add(word)
        raise KeyError(word)


def _import_posseg() -> Any:
    """Import jieba.posseg without letting its global tokenizer parse the dictionary.

    The module builds a global POSTokenizer at import, which reads jieba's whole
    dictionary file. We hand it an empty file while importing, then give it a
    lazy table with the same content, so code elsewhere using jieba.posseg
    still gets jieba's tags.
    """
    import io
    import sys

    import jieba

    if "jieba.posseg" in sys.modules:
        return sys.modules["jieba.posseg"]
    jieba.dt.get_dict_file = lambda: io.BytesIO(b"")
    try:
        import jieba.posseg
    finally:
        del jieba.dt.get_dict_file
    jieba.posseg.dt.word_tag_tab = _LazyTags()
    return jieba.posseg


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    """The POS tokenizer, built once per process."""
    with _lock:
        import jieba

        logging.getLogger("jieba").setLevel(logging.WARNING)
        jieba.setLogLevel(logging.WARNING)
        posseg = _import_posseg()
        tk = jieba.Tokenizer()
        # jieba writes its prefix-dictionary cache via a temp file + rename (and rebuilds a damaged one);
        # it is read only when the prefix dictionary with the glossary below is built.
        tk.tmp_dir = str(usable_cache_dir())
        tk.cache_file = f"jieba-{cache_key(jieba.__version__)}.cache"
        terms = sorted(glossary().values(), key=lambda t: (len(t.hanzi), t.rank))
        tags = {t.hanzi: t.tag for t in terms}
        # The prefix dictionary with every glossary term tuned in is cached as a whole
        # (keyed by jieba's version and the glossary's text): a start-up loads one file
        # instead of tuning some 4,000 terms one by one.
        built: list[bool] = []

        def build(tmp: Path) -> None:
            _add_terms(tk, terms, tags)
            with open(tmp, "wb") as fh:
                marshal.dump((tk.FREQ, tk.total), fh)
            built.append(True)

        from flashgen.chinese import genre_counts
        from flashgen.chinese.mfa_frequency import table_digest

        key = cache_key(_TERMS_CACHE_VERSION, jieba.__version__, glossary_digest(), TERM_FREQ_FLOOR, TOTAL_SCALE,
                        genre_counts.VERSION, table_digest())
        try:
            path = cached_file("jieba-terms.cache", key, build)
        except ResourceError:  # no cache can be written: tune the terms in memory
            if not built:
                _add_terms(tk, terms, tags)
            built.append(True)
        if not built:
            try:
                with open(path, "rb") as fh:
                    tk.FREQ, tk.total = marshal.load(fh)
                tk.initialized = True
                tk.user_word_tag_tab.update(tags)  # what add_word records; posseg reads it
            except (OSError, ValueError, EOFError, TypeError):
                _add_terms(tk, terms, tags)
        pos_tokenizer = posseg.POSTokenizer.__new__(posseg.POSTokenizer)
        pos_tokenizer.tokenizer = tk
        pos_tokenizer.word_tag_tab = _LazyTags()
        _remember_unknown_runs(pos_tokenizer)
        return pos_tokenizer


#: Runs of unknown characters whose tagged split is remembered (a 20 MB corpus has some 60,000).
UNKNOWN_RUNS_CACHED = 32768


def _remember_unknown_runs(pos_tokenizer: Any) -> None:
    """Decode each run of characters posseg's dictionary does not know once, and faster.

    posseg reads such a run (马克 + 龙, 王毅) with its joint word-and-tag HMM, a
    Viterbi over some 250 states that was most of the cost of segmenting. The
    split depends on the run alone (fixed model tables) and the same runs recur
    throughout a text (names, new terms), so each distinct run is decoded once;
    and it is decoded by :mod:`flashgen.chinese.pos_hmm`, which finds jieba's
    path exactly with a fraction of the steps. The methods are replaced on this
    instance only (posseg's name-mangled ``__cut_detail`` and ``__cut``, which
    its ``__cut_DAG`` reaches through ``self``).
    """
    from flashgen.chinese.pos_hmm import cut_run

    pos_tokenizer._POSTokenizer__cut = cut_run
    detail = pos_tokenizer._POSTokenizer__cut_detail

    @lru_cache(maxsize=UNKNOWN_RUNS_CACHED)
    def cut_detail(run: str) -> tuple[Any, ...]:
        return tuple(detail(run))

    pos_tokenizer._POSTokenizer__cut_detail = cut_detail


def _add_terms(tk: Any, terms: list[Term], tags: dict[str, str]) -> None:
    """Load jieba's dictionary, price its words for the genre, and add every glossary term, each tuned to come out whole.

    jieba adds a new word's count to its total, which prices every word of a route:
    some 4,000 terms at the floor count would more than double it and tip routes
    towards fewer, longer dictionary words (中 + 方有何 over 中方 + 有 + 何), while
    jieba's bare total splits rare dictionary words (牛 + 年 for 牛年). The total is
    set to TOTAL_SCALE times jieba's own count, the price per word the segmenter was
    tuned with (a glossary of some 1,400 terms raised it by about half), so the
    glossary's size does not change how the rest of a sentence is cut.
    """
    from flashgen.chinese.genre_counts import raise_counts

    tk.initialize()
    total = tk.total
    raise_counts(tk.FREQ, total, frozenset(tags))  # before the terms, which are tuned against these counts
    for term in terms:
        tag = tags[term.hanzi]
        tk.add_word(term.hanzi, tag=tag)
        tk.suggest_freq(term.hanzi, tune=True)
        # jieba's dictionary holds rare names and fragments (方有何) that steal a
        # character from a term in a shorter route (中 + 方有何 beats 中方 + 有 + 何
        # at its own count). A floor makes the term win those ties; a route with one
        # more word still pays a whole factor of the total count, so ordinary
        # words around the term (其中 + 方法) are not pulled apart.
        if tk.FREQ[term.hanzi] < TERM_FREQ_FLOOR:
            tk.add_word(term.hanzi, freq=TERM_FREQ_FLOOR, tag=tag)
    tk.total = int(total * TOTAL_SCALE)


#: Words before which a rank of data/genre_splits.tsv is one (海军上将, 空军中将).
_MILITARY = ("军",)


def dictionary_word(word: str) -> bool:
    """True for glossary terms and CC-CEDICT headwords: the words a learner can look up."""
    from flashgen.chinese.lexicon import lexicon

    return word in glossary() or word in lexicon()


def cut(text: str, known: Callable[[str], bool] = dictionary_word) -> Iterator[tuple[str, str]]:
    """Yield (word, jieba POS flag) pairs that join back into ``text`` exactly.

    The words of :func:`words`, with the units jieba cuts into pieces (names,
    quoted slogans, reduplications, suffixed nouns, places) joined again by
    :func:`flashgen.chinese.units.join_units`.
    """
    from flashgen.chinese.units import join_units

    yield from join_units(list(words(text, known)), known)


def words(text: str, known: Callable[[str], bool] = dictionary_word) -> Iterator[tuple[str, str]]:
    """Yield jieba's (word, POS flag) pairs, corrected, joining back into ``text`` exactly.

    jieba's dictionary holds many free phrases (认真落实, 中美合作) and its HMM
    glues characters into non-words (同欧, 国要, 之德). A learner should get the
    real words, so a multi-character token that ``known`` (the glossary,
    CC-CEDICT, the user's overrides) does not recognise is split into its
    longest known parts. Exceptions: a person name (tagged so, starting with a
    surname: 王毅) and a place or organisation in jieba's dictionary that does
    not fall apart into longer known words (中美合作 becomes 中美 + 合作). A word
    of data/genre_splits.tsv is cut in two: the genre writes it across a
    boundary (问题上 + 将, 过程中 + 将), except a rank after a military branch.
    """
    from flashgen.chinese.genre_counts import genre_splits

    splits, tags, before = genre_splits(), _tokenizer().word_tag_tab, ""
    for word, flag in _corrected(text, known):
        if word in splits and not before.endswith(_MILITARY):  # 问题上 + 将, not 上将 "admiral" (海军上将 stays)
            yield from ((ch, tags.get(ch, "x")) for ch in word)
        else:
            yield word, flag
        before = word


def _corrected(text: str, known: Callable[[str], bool]) -> Iterator[tuple[str, str]]:
    """jieba's pairs with unknown multi-character tokens split into known parts (see :func:`words`)."""
    tokenizer = _tokenizer()
    for pair in tokenizer.cut(text, HMM=True):
        word, flag = pair.word, pair.flag
        if _WHITESPACE.fullmatch(word):
            yield word, "x"
        elif len(word) == 1 or known(word) or not _ALL_HANZI.fullmatch(word):
            yield word, _retag(word, flag)
        elif suffixed_noun(word, known):  # 幸福感: jieba's HMM tags it a person (幸 is a surname)
            yield word, "n"
        elif _new_person_name(word, flag, tokenizer.tokenizer.FREQ):
            yield word, flag
        else:
            parts = list(_split(word, known, tokenizer.word_tag_tab, tokenizer.tokenizer.FREQ, tokenizer.tokenizer.total))
            # Only jieba's own dictionary vouches for a place or organisation name;
            # the HMM tags glued characters as places too (之德 in 君子之德).
            in_dictionary = word in tokenizer.tokenizer.FREQ
            if in_dictionary and flag in PROPER_FLAGS and any(len(p) == 1 for p, _ in parts):
                yield word, flag
            else:
                yield from parts


def _new_person_name(word: str, flag: str, freq: dict[str, int]) -> bool:
    """A person name CC-CEDICT does not know (王毅 found by jieba's HMM, 汪文斌 in
    jieba's dictionary): tagged a person and starting with a surname. jieba's
    dictionary also lists two-character "names" that are words in running text
    (谈何 in 如果不爱国，谈何爱港): from the dictionary only full names of three or
    more characters are kept; the rest are split like any other unknown word."""
    if flag not in PERSON_FLAGS or (word in freq and len(word) < 3):
        return False
    return _is_surname(word[0]) or word[:2] in _COMPOUND_SURNAMES


_PERSON_SENSE = re.compile(r"\(\d{1,4}(?: BC)?-|\(name\)|^surname ")


def _retag(word: str, flag: str) -> str:
    """Correct jieba's person tag with CC-CEDICT.

    jieba tags many common words as person names (弘扬, 文明, 权威, 谢谢): a word
    CC-CEDICT knows as a common word is tagged "n". A proper noun whose entry
    shows no person (no life dates: 乌克兰 "Ukraine") is tagged "nz".
    """
    if flag in PERSON_FLAGS and len(word) > 1:
        from flashgen.chinese.lexicon import lexicon

        entries = lexicon().entries(word)
        if any(not e.proper for e in entries):
            return "n"
        if entries and not any(_PERSON_SENSE.search(sense) for e in entries for sense in e.senses):
            return "nz"
    return flag


@lru_cache(maxsize=4096)
def _common_char(ch: str) -> bool:
    """True when CC-CEDICT has a common-word entry for the character (德 "virtue" besides "Germany")."""
    from flashgen.chinese.lexicon import lexicon

    return any(not e.proper for e in lexicon().entries(ch))


_COMPOUND_SURNAMES = frozenset({"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "令狐"})


@lru_cache(maxsize=4096)
def _is_surname(ch: str) -> bool:
    """True when CC-CEDICT lists ``ch`` as a surname."""
    from flashgen.chinese.lexicon import lexicon

    return any(sense.startswith("surname ") for e in lexicon().entries(ch) for sense in e.senses)


def _split(word: str, known: Callable[[str], bool], tags: dict[str, str], freq: dict[str, int], total: int) -> Iterator[tuple[str, str]]:
    """The split of ``word`` into the fewest known words (single characters as a last resort).

    Among splits with as few parts, the likeliest by jieba's counts wins, as
    in jieba's own route: 在世界上 is 在 + 世界 + 上 (not the greedy 在世 + 界 + 上),
    中美合作 is 中美 + 合作.
    """
    n = len(word)
    log_total = math.log(total)
    # best[i] = ((-parts, log probability) of the best split of word[i:], end of its first part)
    best: list[tuple[tuple[int, float], int]] = [((0, 0.0), n)] * (n + 1)
    for i in range(n - 1, -1, -1):
        options = []
        for j in range(i + 1, n + 1):
            part = word[i:j]
            if j - i == 1 or known(part):
                (parts, logp), _ = best[j]
                options.append(((parts - 1, logp + math.log(freq.get(part) or 1) - log_total), j))
        best[i] = max(options)
    i = 0
    while i < n:
        j = best[i][1]
        tag = tags.get(word[i:j], "n")
        if j - i == 1 and tag in PROPER_FLAGS and _common_char(word[i]):
            tag = "n"  # a lone character glued by the HMM is not an abbreviated name (之德: 德 "virtue")
        yield word[i:j], tag
        i = j


def segment(text: str, known: Callable[[str], bool] = dictionary_word) -> list[Token]:
    """Segment a sentence into tokens (readings are added by the annotate stage)."""
    return [Token(text=word, pos=flag) for word, flag in cut(text, known)]
