"""The user's overrides file: corrections of readings and meanings that win over everything.

One home for finding, reading and checking it, used by every command
(``vocab``, ``build``, ``cloze``, ``quiz``, ``lookup``…):

* **Where.** ``--overrides FILE``; else ``$FLASHGEN_OVERRIDES`` (then the file
  must exist: a name that points nowhere is an error, not silently nothing);
  else ``overrides.tsv`` in the platform's config folder, when it exists.
* **How it is read.** Like a transcript (UTF-8 with or without BOM, UTF-16,
  GB18030, Big5), as plain tab-separated values: ``word<TAB>pinyin<TAB>meaning``,
  quotes are ordinary characters, ``#`` starts a comment line, a first line
  ``word``/``hanzi`` is a header. At most :data:`MAX_BYTES`: an overrides file
  is a short list, and ``/dev/zero`` must not eat the memory.
* **What is checked.** Every row: the word has Chinese characters; the reading
  (tone numbers ``jie1 zhong4`` or spaced tone marks ``jiē zhòng``) has one
  valid Mandarin syllable per character; meanings are separated by ``;``.
  A bad row is reported with its line number and left out; the good rows are
  kept. Empty cells keep the computed reading or meaning.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union

from flashgen.chinese.hanzi import HANZI
from flashgen.chinese.syllables import is_syllable
from flashgen.chinese.tones import normalise_u, strip_marks, tone_of_marked
from flashgen.errors import InputError

PathLike = Union[str, "os.PathLike[str]"]

#: Largest overrides file read (a thousand corrections take about 50 kB).
MAX_BYTES = 1 << 20
#: Environment variable naming the overrides file.
ENV = "FLASHGEN_OVERRIDES"
#: Separator of several meanings in the meaning column.
MEANING_SEPARATOR = ";"
_MAX_WORD = 32
_MAX_MEANING = 500

log = logging.getLogger("flashgen")


@dataclass(frozen=True)
class Override:
    """A user's correction of a word's reading and meaning."""

    hanzi: str
    numbered: tuple[str, ...]  # empty: keep the computed reading
    senses: tuple[str, ...]  # empty: keep the computed meaning


@dataclass
class Overrides:
    """The rows of an overrides file that passed the checks, and what was wrong with the others."""

    entries: dict[str, Override] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # "FILE:LINE: what is wrong; what to do"
    path: Optional[Path] = None


def default_overrides_path() -> Path:
    """The user's overrides file, kept outside every output folder so it survives rebuilds."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("flashgen", appauthor=False)) / "overrides.tsv"


def resolve_overrides_path(option: Optional[PathLike] = None) -> Optional[Path]:
    """The overrides file to read: ``option``, else ``$FLASHGEN_OVERRIDES``, else the default one if it exists.

    Raises :class:`InputError` when ``option`` or the environment variable names a missing file.
    """
    if option is not None and os.fspath(option) != "":
        path = Path(os.fspath(option)).expanduser()
        if not path.exists():
            raise InputError(f"{path}: no such overrides file; check the path given to --overrides")
        return path
    env = os.environ.get(ENV)
    if env:
        path = Path(env).expanduser()
        if not path.exists():
            raise InputError(f"{path}: no such overrides file (named by ${ENV}); check the path or unset {ENV}")
        return path
    default = default_overrides_path()
    return default if default.is_file() else None


def _plain(syllable: str) -> str:
    """"Lüè" → "lüe"; the spellings "v", "u:" and (after l, n) "ue" read as ü."""
    plain = normalise_u(strip_marks(syllable)).lower()
    return re.sub(r"^([ln])ue$", r"\1üe", plain)


_NUMBERED = re.compile(r"^([a-zA-ZüÜ:]+)([1-5]?)$")  # no number: the neutral tone


def parse_reading(hanzi: str, text: str) -> tuple[str, ...]:
    """Numbered syllables ("jie1", "zhong4") of a reading cell; raises ValueError saying what is wrong."""
    text = text.strip()
    if not text:
        return ()
    n = sum(1 for ch in hanzi if HANZI.match(ch))
    tokens = text.replace("'", " ").split()
    numbered = any(ch.isdigit() for ch in text)
    if numbered and len(tokens) < n:  # "jie1zhong4": syllables run together
        tokens = re.findall(r"[A-Za-züÜ:v]+[0-9]", text)
    out = []
    for token in tokens:
        if numbered:
            m = _NUMBERED.match(token)
            if not m:
                raise ValueError(f"{token!r} is not a syllable with a tone number 1–5 (zhong4)")
            body, tone = m.group(1), int(m.group(2) or 5)
        else:
            body, tone = token, tone_of_marked(token)
        plain = _plain(body)
        if not plain.isalpha() or not is_syllable(plain):
            raise ValueError(f"{token!r} is not a Mandarin syllable")
        out.append(f"{plain}{tone}")
    if len(out) != n:
        raise ValueError(f"{len(out)} syllables for {n} characters")
    return tuple(out)


def _row(cells: list[str]) -> Override:
    """One checked row; raises ValueError saying what is wrong."""
    if len(cells) > 3:
        raise ValueError("more than 3 tab-separated columns (word, pinyin, meaning)")
    from flashgen.source.convert import to_simplified

    hanzi = to_simplified(cells[0].strip())[0]  # transcripts are read as simplified: 接種 corrects 接种
    if not HANZI.search(hanzi):
        raise ValueError(f"{hanzi!r} has no Chinese characters")
    if len(hanzi) > _MAX_WORD or any(ch.isspace() for ch in hanzi):
        raise ValueError(f"{hanzi[:_MAX_WORD]!r} is not one word")
    try:
        reading = parse_reading(hanzi, cells[1] if len(cells) > 1 else "")
    except ValueError as exc:
        raise ValueError(f"reading of {hanzi}: {exc}; write tone numbers (jie1 zhong4) or spaced tone marks "
                         "(jiē zhòng)") from None
    meaning = cells[2] if len(cells) > 2 else ""
    if len(meaning) > _MAX_MEANING:
        raise ValueError(f"meaning of {hanzi} is longer than {_MAX_MEANING} characters")
    senses = tuple(s.strip() for s in meaning.split(MEANING_SEPARATOR) if s.strip())
    return Override(hanzi, reading, senses)


def parse_overrides(text: str, source: str = "<overrides>") -> Overrides:
    """The checked rows of an overrides file's text; bad rows become problems, named by line."""
    result = Overrides()
    for lineno, line in enumerate(text.split("\n"), start=1):
        cells = line.split("\t")
        first = cells[0].strip()
        if not first or first.startswith("#") or (lineno == 1 and first.lower() in ("word", "hanzi")):
            continue
        try:
            override = _row(cells)
        except ValueError as exc:
            result.problems.append(f"{source}:{lineno}: {exc}; row left out")
            continue
        if override.hanzi in result.entries:
            result.problems.append(f"{source}:{lineno}: {override.hanzi} again; this later row wins")
        result.entries[override.hanzi] = override
    return result


def read_overrides(path: PathLike) -> Overrides:
    """Read and check the overrides file at ``path`` (see the module documentation)."""
    from flashgen.source.reader import read_plain

    name = os.fspath(path)
    result = parse_overrides(read_plain(name, MAX_BYTES, "an overrides file"), name)
    result.path = Path(name)
    return result


def load_overrides(option: Optional[PathLike] = None, *, report: bool = True) -> Overrides:
    """The overrides every command uses: resolved (:func:`resolve_overrides_path`), read and checked.

    ``report`` logs each problem as a warning on the ``flashgen`` logger (the
    CLI prints them as ``warning: FILE:LINE: …``).
    """
    path = resolve_overrides_path(option)
    if path is None:
        return Overrides()
    result = read_overrides(path)
    if report:
        for problem in result.problems:
            log.warning(problem)
    return result
