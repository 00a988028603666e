"""What a build or a listing works on: one transcript or a set, and what the library knows of their words.

:func:`collect` analyses the transcripts (known words read once), combines a
set into one study list, and — with a library — records them and gathers for
each word what every transcript in the library contributed. The library's
transaction stays open while the caller writes its outputs: a failed build
records nothing.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterator, Mapping, Optional, Sequence

from flashgen.errors import InputError
from flashgen.models import Analysis, ClozeItem, Example, Hint, SourceUse, Transcript, VocabItem
from flashgen.pipeline import Options, PathLike, analyse, expand_inputs, running_words
from flashgen.study.merge import combine, part_uses, unique_slugs


@dataclass
class Collected:
    """The transcripts to render and what goes with them."""

    combined: Analysis  # what the outputs show: one transcript, or the set as one
    parts: list[Analysis]  # each transcript alone (vocabulary filtered like the combined list)
    offsets: list[int]  # where each part's sentences start in the combined transcript
    is_set: bool  # several transcripts (or a folder)
    uses: Optional[Mapping[str, Sequence[SourceUse]]] = None  # word → every transcript holding it
    notes: list[str] = field(default_factory=list)  # summary lines: new words, coverage
    new_words: Optional[int] = None  # words no earlier transcript of the library holds


def content_hash(analysis: Analysis) -> str:
    """SHA-256 of the transcript's text (its sentences), the same for the same text however it is named."""
    import hashlib

    digest = hashlib.sha256()
    for sentence in analysis.transcript.sentences:
        digest.update(sentence.text.encode("utf-8") + b"\n")
    return digest.hexdigest()


def default_name(paths: Sequence[PathLike], parts: Sequence[Analysis]) -> str:
    """A set's deck name: the folder's name, else the first title and how many more."""
    if len(paths) == 1 and Path(paths[0]).is_dir():
        return Path(paths[0]).resolve().name
    return f"{parts[0].transcript.title} + {len(parts) - 1} more"


def _coverage_note(analysis: Analysis, known: frozenset[str]) -> tuple[int, int, str]:
    total, hit = running_words(analysis.transcript, known)
    share = hit / total if total else 0.0
    return total, hit, f"coverage of {analysis.transcript.title}: {share:.1%} of {total:,} running words known"


@contextmanager
def collect(paths: Sequence[Optional[PathLike]], options: Options, *, name: Optional[str] = None,
            library: Optional[PathLike] = None, new_only: bool = False) -> Iterator[Collected]:
    """Analyse ``paths`` (``[None]``: the bundled sample) and yield what to render; see the module's docstring."""
    given = [p for p in paths if p is not None]
    inputs: list[Optional[PathLike]] = list(expand_inputs(given)) if given else [None]
    is_set = len(inputs) > 1 or any(Path(p).is_dir() for p in given) or name is not None
    if new_only and library is None:
        raise InputError("--new-only needs the library (it knows the earlier transcripts); leave out --no-library")
    known = options.known_words()
    parts = unique_slugs([analyse(p, options) for p in inputs])
    figures = [_coverage_note(p, known) for p in parts]
    notes = [note for *_, note in figures] if options.knows_words else []
    if library is None:
        yield _finish(paths, parts, name, is_set, None, notes, None)
        return
    from flashgen.library import Library

    with Library(library) as lib, lib.transaction():
        slugs = []
        for part, (total, hit, _) in zip(parts, figures):
            t = part.transcript
            contributed = _by_characters(part.vocab)
            slugs.append(lib.record(t.slug, t.title, t.source, content_hash(part), total,
                                    hit if options.knows_words else None, contributed))
        parts = [replace(p, transcript=replace(p.transcript, slug=s)) for p, s in zip(parts, slugs)]
        earlier = lib.words_elsewhere(slugs)
        words = {i.hanzi for p in parts for i in p.vocab}
        new = words - earlier
        notes.insert(0, f"new words: {len(new)} of {len(words)} ({len(words) - len(new)} seen in earlier transcripts)")
        if new_only:
            parts = [replace(p, vocab=[i for i in p.vocab if i.hanzi in new]) for p in parts]
        uses = lib.uses(new if new_only else words)
        yield _finish(paths, parts, name, is_set, uses, notes, len(new))


def _by_characters(vocab: Sequence[VocabItem]) -> list[tuple[str, int, list[Example]]]:
    """What a transcript gives each word, by its characters (two readings of 长 are one entry of the library)."""
    words: dict[str, tuple[int, list[Example]]] = {}
    for item in vocab:
        count, examples = words.get(item.hanzi, (0, []))
        words[item.hanzi] = (count + item.count, examples + [e for e in item.examples if e not in examples])
    return [(hanzi, count, examples) for hanzi, (count, examples) in words.items()]


def _finish(paths: Sequence[Optional[PathLike]], parts: list[Analysis], name: Optional[str], is_set: bool,
            uses: Optional[Mapping[str, Sequence[SourceUse]]], notes: list[str], new: Optional[int]) -> Collected:
    if not is_set:
        return Collected(parts[0], parts, [0], False, uses, notes, new)
    given = [p for p in paths if p is not None]
    study_set = combine(parts, name or default_name(given, parts))
    if uses is None:
        uses = part_uses(study_set.parts, [""] * len(study_set.parts))
    return Collected(study_set.combined, study_set.parts, study_set.offsets, True, uses, notes, new)


def set_cloze(got: Collected, *, hint: Hint = "english", seed: int = 0, limit: Optional[int] = None
              ) -> tuple[list[ClozeItem], Optional[list[tuple[Transcript, list[ClozeItem]]]]]:
    """Cloze items over what was collected, and (a set) each transcript's own items for its subdeck.

    A set's items point into the combined transcript, best-ranked first.
    """
    from flashgen.study.cloze import make_cloze_items
    from flashgen.study.merge import shift_cloze

    if not got.is_set:
        return make_cloze_items(got.combined, hint=hint, seed=seed, limit=limit), None
    per_part = [(p.transcript, make_cloze_items(p, hint=hint, seed=seed)) for p in got.parts]
    shifted = [c for (_, items), off in zip(per_part, got.offsets) for c in shift_cloze(items, off)]
    shifted.sort(key=lambda c: -c.score)
    return (shifted[:limit] if limit else shifted), per_part


def analyse_paths(paths: Sequence[Optional[PathLike]], options: Options, *, cloze: bool = False, hint: Hint = "english",
                  seed: int = 0, limit: Optional[int] = None) -> tuple[Analysis, list[ClozeItem]]:
    """One transcript or a set (no library) as one analysis, with its cloze items when asked."""
    with collect(paths, options) as got:
        items = set_cloze(got, hint=hint, seed=seed, limit=limit)[0] if cloze else []
        return got.combined, items
