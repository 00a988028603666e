"""jieba.posseg's joint word-and-tag HMM, decoded with the same arithmetic in fewer steps.

jieba.posseg splits a run of characters its dictionary does not know (马克 +
龙, 王毅) with a Viterbi over some 250 (position, tag) states. Its decoder
scores, for every state of a character, every state of the character before,
although each state can follow only a few others (the rest score minus
infinity and can never win). :func:`viterbi` looks only at the states that can
come before, adding the same three numbers in the same order and breaking ties
the same way (the larger state), so it returns exactly jieba's path; the model
tables are jieba's own. :func:`cut_run` is posseg's ``__cut`` on top of it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterator, Mapping, Union

State = tuple[str, str]  # (B/M/E/S, jieba tag)
_Tables = tuple[Mapping[str, tuple[State, ...]], Mapping[State, float], Mapping[State, Mapping[State, float]],
                Mapping[State, Mapping[str, float]], Mapping[State, Mapping[State, float]]]

MIN_FLOAT = -3.14e100  # jieba's stand-in for log(0) of an emission or a start
MIN_INF = float("-inf")  # jieba's score of a transition the model never saw


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    """jieba.posseg's model (character states, start, transition, emission) and, for each state, the states that can precede it."""
    from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P

    before: dict[State, dict[State, float]] = {}
    for prev, nexts in trans_P.items():
        for state, score in nexts.items():
            before.setdefault(state, {})[prev] = score
    return char_state_tab_P, start_P, trans_P, emit_P, before


def viterbi(obs: str) -> list[State]:
    """The likeliest state of each character of ``obs`` (non-empty), exactly as jieba.posseg's ``viterbi`` finds it."""
    states, start_p, trans_p, emit_p, before = _tables()
    all_states = trans_p.keys()
    score: dict[State, float] = {}
    back: list[dict[State, Union[State, str]]] = [{}]
    for y in states.get(obs[0], all_states):
        score[y] = start_p[y] + emit_p[y].get(obs[0], MIN_FLOAT)
        back[0][y] = ""
    for t in range(1, len(obs)):
        ch = obs[t]
        new_score: dict[State, float] = {}
        step: dict[State, Union[State, str]] = {}
        for y in states.get(ch, ()):
            into = before.get(y)
            if not into or y in new_score:
                continue
            emit = emit_p[y].get(ch, MIN_FLOAT)
            # only the states with a transition into y: the others add minus infinity and lose
            if len(into) < len(score):
                options = [(score[y0] + p + emit, y0) for y0, p in into.items() if y0 in score]
            else:
                options = [(score[y0] + into[y0] + emit, y0) for y0 in score if y0 in into]
            if options:
                new_score[y], step[y] = max(options)
        if not new_score:  # an unknown character, or none of its states can follow: jieba's step as it is
            new_score, step = _jieba_step(score, ch, states, trans_p, emit_p)
        score = new_score
        back.append(step)
    state: Union[State, str] = max((score[y], y) for y in back[-1])[1]
    route: list[State] = [("", "")] * len(obs)
    for i in range(len(obs) - 1, -1, -1):
        assert isinstance(state, tuple)
        route[i] = state
        state = back[i][state]
    return route


def _jieba_step(score: dict[State, float], ch: str, states: Mapping[str, tuple[State, ...]],
                trans_p: Mapping[State, Mapping[State, float]], emit_p: Mapping[State, Mapping[str, float]],
                ) -> tuple[dict[State, float], dict[State, Union[State, str]]]:
    """One step of jieba.posseg's ``viterbi``, written as it is there."""
    all_states = trans_p.keys()
    prev_states = [x for x in score if trans_p[x]]
    expected = {y for x in prev_states for y in trans_p[x]}
    now = set(states.get(ch, all_states)) & expected
    if not now:
        now = expected if expected else set(all_states)
    new_score: dict[State, float] = {}
    step: dict[State, Union[State, str]] = {}
    for y in now:
        new_score[y], step[y] = max((score[y0] + trans_p[y0].get(y, MIN_INF) + emit_p[y].get(ch, MIN_FLOAT), y0)
                                    for y0 in prev_states)
    return new_score, step


def cut_run(sentence: str) -> Iterator[Any]:
    """posseg's ``__cut``: the (word, tag) pairs (``jieba.posseg.pair``) of a run of hanzi."""
    from jieba.posseg import pair

    route = viterbi(sentence)
    begin, nexti = 0, 0
    for i, char in enumerate(sentence):
        pos = route[i][0]
        if pos == "B":
            begin = i
        elif pos == "E":
            yield pair(sentence[begin:i + 1], route[i][1])
            nexti = i + 1
        elif pos == "S":
            yield pair(char, route[i][1])
            nexti = i + 1
    if nexti < len(sentence):
        yield pair(sentence[nexti:], route[nexti][1])
