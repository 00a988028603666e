"""Terminal quiz with FSRS spaced repetition and a SQLite progress store.

Entry points for the CLI: :func:`run_quiz` and :func:`stats_report`. Nothing
heavy (fsrs, jieba, pypinyin) is imported until one of them runs.
"""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional, Sequence, TextIO, Union, get_args

from flashgen.errors import FlashgenError
from flashgen.models import QuizMode

if TYPE_CHECKING:  # pragma: no cover
    from flashgen.audio import AudioOptions
    from flashgen.models import ClozeItem, VocabItem
    from flashgen.pipeline import Options
    from flashgen.quiz.session import SessionResult

MODES = get_args(QuizMode)


def progress_path(option: Union[str, Path, None] = None) -> Path:
    """``--progress`` if given, else ``$FLASHGEN_PROGRESS``, else the user data folder."""
    from flashgen.quiz.store import default_progress_path

    return Path(option).expanduser() if option else default_progress_path()


def load_items(transcript: Union[str, Sequence[str], None], mode: QuizMode, options: Optional["Options"] = None) -> tuple[list["VocabItem"], list["ClozeItem"]]:
    """Vocabulary and cloze items of ``transcript`` (several: the set as one; None: the bundled sample).

    ``options`` is a :class:`flashgen.pipeline.Options` (vocabulary filters) or None.
    """
    from flashgen.pipeline import Options
    from flashgen.studyset import analyse_paths

    paths: list[Optional[str]] = [transcript] if transcript is None or isinstance(transcript, str) else list(transcript) or [None]
    analysis, cloze = analyse_paths(paths, options or Options(), cloze=mode in ("cloze", "mixed"))
    return list(analysis.vocab), cloze


def run_quiz(
    transcript: Union[str, Sequence[str], None] = None,
    *,
    mode: QuizMode = "mixed",
    count: int = 20,
    choices: bool = False,
    new_per_day: int = 20,
    seed: Optional[int] = None,
    progress: Union[str, Path, None] = None,
    options: Optional["Options"] = None,
    stdin: Optional[TextIO] = None,
    stdout: Optional[TextIO] = None,
    audio: Optional["AudioOptions"] = None,
) -> "SessionResult":
    """Analyse ``transcript`` and run one quiz session on the terminal (or the given streams).

    Returns the session's counts; ``result.interrupted`` tells that Ctrl-C ended it.
    Raises :class:`ResourceError` for an unusable progress file. ``audio``:
    say the word after each answer where the machine can play sound.
    """
    from flashgen.quiz.session import SessionConfig, run_session
    from flashgen.quiz.store import ProgressStore

    if mode not in MODES:
        raise FlashgenError(f"unknown quiz mode {mode!r}; choose one of {', '.join(MODES)}")
    config = SessionConfig(mode=mode, count=count, choices=choices, new_per_day=new_per_day, seed=seed)
    # The transcript is read first: a bad one must not leave a new progress file behind.
    if audio is not None:
        audio.check()
    vocab, cloze = load_items(transcript, mode, options)
    speak = _speaker(audio, vocab) if audio is not None else None
    with ProgressStore(progress_path(progress)) as store:
        store.check_writable()  # before the first question: a read-only file would lose every answer
        return run_session(vocab, cloze, store, config, stdin or sys.stdin, stdout or sys.stdout, speak=speak)


def _speaker(audio: "AudioOptions", vocab: list["VocabItem"]) -> Callable[[Union["VocabItem", "ClozeItem"]], None]:
    """Say the word of an answered item (silently nothing where sound cannot play)."""
    from flashgen.audio.play import Speaker
    from flashgen.audio.speech import answer_speech

    speaker, by_hanzi = Speaker(audio), {v.hanzi: v for v in vocab}

    def speak(item: Union["VocabItem", "ClozeItem"]) -> None:
        speech = answer_speech(item, by_hanzi)
        if speech is not None:
            speaker.say(speech)

    return speak


def stats_report(progress: Union[str, Path, None] = None, now: Optional[datetime] = None) -> str:
    """A small table of what is due, learned and the retention so far, per mode."""
    from flashgen.quiz.store import ProgressStore

    path = progress_path(progress)
    if not path.exists():
        return f"No progress yet ({path} does not exist); run flashgen quiz first."
    with ProgressStore(path) as store:
        rows = store.stats(now or datetime.now(timezone.utc))
    lines = [f"Progress file: {path}", f"{'mode':<8} {'cards':>6} {'due':>5} {'learned':>8} {'reviews':>8} {'retention':>10}"]
    for r in rows:
        retention = f"{r.retention:.0%}" if r.retention is not None else "–"
        lines.append(f"{r.mode:<8} {r.cards:>6} {r.due:>5} {r.learned:>8} {r.reviews:>8} {retention:>10}")
    lines.append("due: due now; learned: past the learning steps (in review);"
                 " retention: share of reviews answered right (toneless pinyin counts as not right).")
    return "\n".join(lines)
