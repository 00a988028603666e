"""Readings of polyphonic characters from their sentence: the g2pM model, and how the
dictionary, a few rules and the model share the work (:func:`read_in_context`).

g2pM (Park & Lee, Interspeech 2020; Apache-2.0) is a one-layer BiLSTM over
the characters of a sentence with a small classifier on top, trained on the
CPP benchmark's training set; it ships its weights (1.6 MB of numpy arrays)
inside the PyPI package. Its own ``G2pM.__call__`` runs one sentence at a
time in a Python loop over characters; here the same weights run a whole
batch of sentences at once, the input projections computed for all steps in
one product, and the classifier gives scores for every reading so that the
caller can keep only the readings the dictionary allows for the word.

The model and numpy are loaded on first use, never at import.
"""

from __future__ import annotations

import pickle
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from flashgen.chinese.hanzi import HANZI
from flashgen.chinese.lexicon import lexicon
from flashgen.chinese.mfa_frequency import mfa_zipf
from flashgen.chinese.reading_rules import rule, word_rule
from flashgen.chinese.reading import PARTICLES, REGISTER, _pypinyin, dictionary_readings, numbered, prefers_proper
from flashgen.chinese.tones import neutral_only, normalise_u

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

_lock = threading.Lock()
_BOS, _EOS, _UNK = "시", "끝", "<UNK>"  # g2pM's sentence markers and unknown character
BATCH = 256  # sentences per forward pass (sorted by length, so little padding)


class Model:
    """g2pM's weights and a batched forward pass."""

    def __init__(self, folder: Path) -> None:
        import os
        import sys

        if "numpy" not in sys.modules:
            # The matrices are small (batch × 128): BLAS threads only spin, and on a busy
            # machine make the run 30 times slower. One thread, unless the user says otherwise.
            for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
                os.environ.setdefault(var, "1")
        import numpy as np

        def load(name: str) -> object:
            with open(folder / name, "rb") as f:
                return pickle.load(f)  # noqa: S301 - the package's own weight files

        self.np = np
        self.char_ids: dict[str, int] = load("char2idx.pkl")  # type: ignore[assignment]
        classes: dict[str, int] = load("class2idx.pkl")  # type: ignore[assignment]
        self.readings: list[str] = [""] * len(classes)
        for reading, idx in classes.items():
            self.readings[idx] = reading.replace("u:", "ü")
        self.class_of = {r: i for i, r in enumerate(self.readings)}
        cedict: dict[str, list[str]] = load("digest_cedict.pkl")  # type: ignore[assignment]
        #: The readings g2pM knows for each polyphonic character.
        self.cedict = {ch: tuple(p.replace("u:", "ü") for p in prons) for ch, prons in cedict.items()}
        self.polyphones = {ch: prons for ch, prons in self.cedict.items() if len(prons) > 1}
        w: dict[str, NDArray[np.float32]] = load("np_ckpt.pkl")  # type: ignore[assignment]
        f32 = np.float32
        self.emb = w["embedding.weight"].astype(f32)
        self.fw = (w["lstm.weight_ih_l0"].T.astype(f32), w["lstm.weight_hh_l0"].T.astype(f32),
                   (w["lstm.bias_ih_l0"] + w["lstm.bias_hh_l0"]).astype(f32))
        self.bw = (w["lstm.weight_ih_l0_reverse"].T.astype(f32), w["lstm.weight_hh_l0_reverse"].T.astype(f32),
                   (w["lstm.bias_ih_l0_reverse"] + w["lstm.bias_hh_l0_reverse"]).astype(f32))
        self.fc0 = (w["logit_layer.0.weight"].T.astype(f32), w["logit_layer.0.bias"].astype(f32))
        self.fc1 = (w["logit_layer.2.weight"].T.astype(f32), w["logit_layer.2.bias"].astype(f32))

    def _ids(self, text: str) -> list[int]:
        unk = self.char_ids[_UNK]
        return [self.char_ids[_BOS]] + [self.char_ids.get(ch, unk) for ch in text] + [self.char_ids[_EOS]]

    def _run(self, ids: NDArray[np.int64], lengths: NDArray[np.int64], weights: tuple[NDArray[np.float32], ...],
             reverse: bool) -> NDArray[np.float32]:
        """Hidden states [batch, time, hidden] of one LSTM direction (padding at the end of each row)."""
        np = self.np
        w_ih, w_hh, bias = weights
        batch, steps = ids.shape
        if reverse:  # each row reversed within its own length
            index = np.arange(steps)[None, :]
            src = np.where(index < lengths[:, None], lengths[:, None] - 1 - index, index)
            ids = np.take_along_axis(ids, src, axis=1)
        gates_in = self.emb[ids] @ w_ih + bias  # [b, t, 4h]
        hidden = w_hh.shape[0]
        h = np.zeros((batch, hidden), dtype=np.float32)
        c = np.zeros((batch, hidden), dtype=np.float32)
        out = np.empty((batch, steps, hidden), dtype=np.float32)
        for t in range(steps):
            g = gates_in[:, t] + h @ w_hh
            i = 1 / (1 + np.exp(-g[:, :hidden]))
            f = 1 / (1 + np.exp(-g[:, hidden : 2 * hidden]))
            cell = np.tanh(g[:, 2 * hidden : 3 * hidden])
            o = 1 / (1 + np.exp(-g[:, 3 * hidden :]))
            c = f * c + i * cell
            h = o * np.tanh(c)
            out[:, t] = h
        if reverse:
            out = np.take_along_axis(out, src[:, :, None], axis=1)
        return out  # type: ignore[no-any-return]

    def scores(self, texts: Sequence[str], positions: Sequence[Sequence[int]]) -> list[NDArray[np.float32]]:
        """Classifier scores [len(positions[k]), readings] for characters of each text."""
        numpy = self.np
        result: list[NDArray[np.float32]] = [numpy.zeros((0, len(self.readings)), dtype=numpy.float32)] * len(texts)
        order = sorted((k for k in range(len(texts)) if positions[k]), key=lambda k: len(texts[k]))
        for start in range(0, len(order), BATCH):
            chunk = order[start : start + BATCH]
            rows = [self._ids(texts[k]) for k in chunk]
            lengths = numpy.array([len(r) for r in rows])
            ids = numpy.zeros((len(rows), int(lengths.max())), dtype=numpy.int64)
            for r, row in enumerate(rows):
                ids[r, : len(row)] = row
            states = numpy.concatenate([self._run(ids, lengths, self.fw, False), self._run(ids, lengths, self.bw, True)], axis=2)
            for r, k in enumerate(chunk):
                picked = states[r, [p + 1 for p in positions[k]]]  # +1: the sentence-start marker
                hidden = numpy.maximum(picked @ self.fc0[0] + self.fc0[1], 0)
                result[k] = hidden @ self.fc1[0] + self.fc1[1]
        return result


@lru_cache(maxsize=1)
def model() -> Model:
    """The g2pM model, loaded once per process on first use."""
    with _lock:
        from importlib.util import find_spec

        spec = find_spec("g2pM")  # the package's data files only: its own module is not needed
        if spec is None or spec.origin is None:
            raise ModuleNotFoundError("g2pM")
        return Model(Path(spec.origin).resolve().parent)


# --- Which reading each token of a sentence gets -------------------------------------------

#: A dictionary word's single reading gives way to the model's only for a rare word (Zipf
#: frequency below RARE: names, places, technical words, where CC-CEDICT's reading is least
#: reliable: 勃艮第 gěn for gèn, 黄陂 pí for bēi), never to a word the ministry's briefings use
#: (data/mfa-frequency.tsv: 强征 qiǎng, 不法分子 fènzǐ are the genre's words, rare elsewhere),
#: never to a neutral tone, and only when the
#: model prefers its own reading by more than MARGIN (in logits). The model, trained on
#: encyclopaedia sentences, overrules common words wrongly (了解 le, 着眼 zhe, 为了 wéi,
#: 充分 fēn): those keep the dictionary's reading. Both chosen on the even lines of the CPP
#: dev set (odd lines held out) and checked on the sample transcript.
MARGIN = 6.0
RARE = 3.0

FIXED, CHOOSE, CHECK, CHARS = "fixed", "choose", "check", "chars"


@dataclass(frozen=True)
class Plan:
    """How a token is read: fixed, or with the model's view of some of its characters.

    ``choose``: the model chooses among the dictionary's whole-word ``options``
    (single characters, words with several readings). ``check``: a dictionary
    word with one reading (``default``) whose characters the model may overrule
    by more than MARGIN. ``chars``: a word no dictionary has, read part by part
    (``default``), every polyphonic character put to the model.
    """

    mode: str
    default: tuple[str, ...]
    options: tuple[tuple[str, ...], ...] = ()
    positions: tuple[int, ...] = ()  # hanzi indices within the word the model is asked about
    particle: str = ""  # neutral-tone particle reading for jieba's u* tags (得 de, 地 de, 过 guo)


def plain_readings(hanzi: str) -> list[str]:
    """A reading per character without context, for the few places the model does not decide:
    the only reading g2pM knows for the character (个 gè); for a character g2pM does not
    know at all, pypinyin's (loaded only then); else CC-CEDICT's first common one."""
    digest = model().cedict
    out = []
    for ch in hanzi:
        known = digest.get(ch, ())
        readings = list(dictionary_readings(ch, False)) or list(dictionary_readings(ch, True))
        if len(known) == 1:
            out.append(known[0])
        elif not known and len(readings) > 1:
            out.extend(_pypinyin(ch) or readings[:1])
        else:
            out.append(readings[0] if readings else known[0] if known else "?5")
    return out


@lru_cache(maxsize=8192)
def polyphonic(ch: str) -> bool:
    """Whether CC-CEDICT gives ``ch`` more than one reading (capitals aside)."""
    return len({r.lower() for r in dictionary_readings(ch, False)} | {r.lower() for r in dictionary_readings(ch, True)}) > 1


@lru_cache(maxsize=65536)
def plan(word: str, pos: str) -> Plan:
    """How ``word`` (a token with hanzi, tagged ``pos`` by jieba) is read in its sentence."""
    hanzi = "".join(ch for ch in word if HANZI.match(ch))
    proper = prefers_proper(hanzi, pos)
    if len(hanzi) == 1:
        options: dict[str, str] = {}
        # jieba's tags of lone characters are guesses: the model chooses among every reading
        # (氐 Dī the people, 曾 céng/Zēng), the preferred kind's spelling first.
        for reading in list(dictionary_readings(hanzi, proper).values()) + list(dictionary_readings(hanzi, not proper).values()):
            options.setdefault(reading.lower(), normalise_u(reading))
        particle = PARTICLES.get(hanzi, "") if pos.startswith("u") else ""
        if not options:  # not in CC-CEDICT (閤): the model reads it if it knows it
            return Plan(CHARS, numbered(word, pos, plain_readings), (), (0,))
        if len(options) < 2 or particle in ("de5", "le5", "zhe5", "guo5") and hanzi in "的了着过":
            return Plan(FIXED, numbered(word, pos, plain_readings))
        return Plan(CHOOSE, (), tuple((r,) for r in options.values()), (0,), particle)
    if hanzi in REGISTER:
        return Plan(FIXED, numbered(word, pos, plain_readings))
    positions = tuple(i for i, ch in enumerate(hanzi) if polyphonic(ch))
    if not positions:
        return Plan(FIXED, numbered(word, pos, plain_readings))
    readings = dictionary_readings(hanzi, proper)
    both = {**dictionary_readings(hanzi, not proper), **readings}
    if len({r.lower() for r in both}) > 1:  # 明朝 Míng Cháo the dynasty or míngzhāo tomorrow morning
        whole = tuple(tuple(normalise_u(r).split()) for r in both.values())
        differ = tuple(i for i in range(len(hanzi)) if len({w[i].lower() for w in whole}) > 1)
        return Plan(CHOOSE, (), whole, differ)
    if readings and (lexicon().zipf(hanzi) >= RARE or mfa_zipf(hanzi) is not None):
        return Plan(FIXED, numbered(word, pos, plain_readings))
    default = numbered(word, pos, plain_readings)
    if not readings and len(hanzi) >= 3 and hanzi[-1] == "率":  # a noun in 率 is a rate, lǜ (利用率): never shuài
        default, positions = default[:-1] + ("lü4",), tuple(i for i in positions if i < len(hanzi) - 1)
    return Plan(CHECK if readings else CHARS, default, (), positions)


def _decide(plan_: Plan, word: str, pos: str, chars: str, scores: NDArray[np.float32], model_: Model) -> tuple[str, ...]:
    """The reading of one token given the model's scores at ``plan_.positions`` (``chars`` are those characters)."""

    def score(k: int, syllable: str) -> float | None:
        idx = model_.class_of.get(syllable.lower())
        return None if idx is None else float(scores[k, idx])

    if plan_.mode == CHOOSE:
        if any(chars[k] not in model_.polyphones for k in range(len(plan_.positions))):
            return numbered(word, pos, plain_readings)  # the model never learnt to tell this character's readings apart
        ranked = []
        for option in plan_.options:
            parts = [score(k, option[i]) for k, i in enumerate(plan_.positions)]
            if all(s is not None for s in parts):
                ranked.append((sum(s for s in parts if s is not None), option))
        if not ranked:
            return numbered(word, pos, plain_readings)
        chosen = max(ranked)[1]
        if plan_.particle and chosen[0][:-1].lower() == plan_.particle[:-1]:
            return (plan_.particle,)  # 过 guo, 着 zhe: the particle's neutral tone, as CC-CEDICT writes it
        return chosen
    out = list(plan_.default)
    for k, i in enumerate(plan_.positions):
        mine = out[i]
        candidates = model_.polyphones.get(chars[k], ())
        known = [(s, c) for c in candidates if (s := score(k, c)) is not None]
        if not known:
            continue
        best_score, best = max(known)
        if best == mine.lower() or neutral_only(best, mine):
            continue  # neutral tones as the dictionary writes them
        if plan_.mode == CHECK:
            theirs = score(k, mine)
            if best.endswith("5") or (theirs is not None and best_score - theirs <= MARGIN):
                continue
        out[i] = best.capitalize() if mine[:1].isupper() else best
    return tuple(out)


@lru_cache(maxsize=65536)
def _hanzi_at(word: str) -> tuple[int, ...]:
    """Offsets of the hanzi of a token (asked for every token of every sentence)."""
    return tuple(j for j, ch in enumerate(word) if HANZI.match(ch))


def read_in_context(
    texts: Sequence[str],
    tokens: Sequence[Sequence[tuple[str, str]]],
    fixed: Callable[[str], tuple[str, ...] | None],
) -> list[list[tuple[str, ...]]]:
    """Numbered readings of every token of every sentence (() for tokens without hanzi).

    ``tokens[k]`` are the (word, jieba POS) pairs that join into ``texts[k]``;
    ``fixed(word)`` gives a reading that is not to be questioned (the user's
    overrides, the glossary) or None. The model is loaded and run, in one batch,
    only when some token needs it.
    """
    out: list[list[tuple[str, ...]]] = []
    pending: list[tuple[int, int, Plan, str, str, list[int]]] = []  # sentence, token, plan, word, pos, offsets
    for k, pairs in enumerate(tokens):
        row: list[tuple[str, ...]] = []
        offset = 0
        for t, (word, pos) in enumerate(pairs):
            hanzi_at = _hanzi_at(word)
            start, offset = offset, offset + len(word)
            if not hanzi_at:
                row.append(())
                continue
            given = fixed(word)
            if given is None and len(word) == 1:
                found = rule(pairs, t)
                given = (found,) if found else None
            elif given is None:
                given = word_rule(pairs, t)
            plan_ = plan(word, pos) if given is None else Plan(FIXED, given)
            row.append(plan_.default)
            if plan_.mode != FIXED:
                pending.append((k, t, plan_, word, pos, [start + hanzi_at[i] for i in plan_.positions]))
        out.append(row)
    if not pending:
        return out
    model_ = model()
    positions: list[list[int]] = [[] for _ in texts]
    for k, _, _, _, _, offsets in pending:
        positions[k].extend(offsets)
    scores = model_.scores(texts, positions)
    used = [0] * len(texts)
    for k, t, plan_, word, pos, offsets in pending:
        rows = scores[k][used[k] : used[k] + len(offsets)]
        used[k] += len(offsets)
        chars = "".join(texts[k][o] for o in offsets)
        out[k][t] = _decide(plan_, word, pos, chars, rows, model_)
    return out
