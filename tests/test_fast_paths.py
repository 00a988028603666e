"""The faster per-token paths give exactly what the plain computations give.

Each shortcut of the segmenting path is checked against the computation it
replaces: flashgen's decoder of posseg's HMM against jieba's own ``viterbi``,
the proper-noun headword set against CC-CEDICT's entries word by word, the
memoised hanzi test against the per-character one, and the bounded memos
against their bound.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from flashgen.chinese import lexicon as lexicon_module
from flashgen.chinese.hanzi import HANZI
from flashgen.chinese.lexicon import lexicon
from flashgen.chinese.pos_hmm import cut_run, viterbi
from flashgen.chinese.units import _hanzi, _proper_name

# Characters of names, function words and rare characters, so that runs mix every kind of state
# (and a character posseg's table lacks, 丬, takes jieba's own step for unknown characters).
CHARS = "马克龙蓬佩奥拜登王毅汪文斌习近平的了在和是不也就都而及与着或一二三四五六七八九十年月日东南西北中美俄法德英日韩朝丬乂亍丌"


def _jieba(run: str) -> list[tuple[str, str]]:
    from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P
    from jieba.posseg.viterbi import viterbi as jieba_viterbi

    return list(jieba_viterbi(run, char_state_tab_P, start_P, trans_P, emit_P)[1])


@pytest.mark.parametrize(
    "run",
    [
        "马克龙",  # Macron: a transliterated name jieba's dictionary lacks
        "王毅",  # Wang Yi: a person name found by the HMM
        "汪文斌",  # Wang Wenbin, spokesperson
        "蓬佩奥",  # Pompeo
        "之德",  # "virtue of": HMM glue
        "丬",  # a character posseg's state table lacks
        "丬乂亍",  # three such characters in a row
        "在丬和",  # an unknown character between function words
    ],
)
def test_viterbi_matches_jieba_on_known_runs(run: str) -> None:
    assert viterbi(run) == _jieba(run)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=CHARS, min_size=1, max_size=12))
def test_viterbi_matches_jieba_on_any_run(run: str) -> None:
    assert viterbi(run) == _jieba(run)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=CHARS, min_size=1, max_size=12))
def test_cut_run_joins_back(run: str) -> None:
    assert "".join(p.word for p in cut_run(run)) == run


@pytest.mark.parametrize(
    "word, proper",
    [
        ("马克龙", True),  # Macron: CC-CEDICT has only a proper-noun entry
        ("旺角", True),  # Mong Kok, a place
        ("和平", False),  # peace (also a district): a common entry exists
        ("发展", False),  # development
        ("马克", False),  # Mark (a name) and mark (the currency): one entry is common
        ("不存在的词", False),  # no entry at all
    ],
)
def test_proper_headwords_agree_with_entries(word: str, proper: bool) -> None:
    entries = lexicon().entries(word)
    expected = bool(entries) and all(e.proper for e in entries)
    assert (word in lexicon().proper_headwords()) == expected == proper


def test_proper_name_flags_names_only() -> None:
    assert _proper_name("马克龙") == "nr"  # Macron, a person
    assert _proper_name("发展") is None  # development: a common word
    assert _proper_name("马克龙的") is None  # no headword


@given(st.text(alphabet="马克龙a1，。〇𠀀﨎 ", max_size=8))
def test_hanzi_test_is_per_character(word: str) -> None:
    assert _hanzi(word) == all(HANZI.fullmatch(ch) for ch in word)


def test_lexicon_memos_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon_module, "MEMO_SIZE", 8)
    memo: dict[str, int] = {}
    for i in range(100):
        lexicon_module._remember(memo, str(i), i)
        assert len(memo) <= 8
    assert memo["99"] == 99 and "0" not in memo  # the newest kept, the oldest dropped
