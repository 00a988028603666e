"""Several transcripts as one study set: one vocabulary list, each word once, counts and examples from all.

The transcripts' sentences are put one after another in a combined
:class:`Transcript` (examples and cloze items are re-indexed into it), so every
renderer (printed list, worksheet, exports) works on a set as on one text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Sequence

from flashgen.models import Analysis, ClozeItem, Example, Sentence, SourceUse, Transcript, VocabItem


@dataclass
class StudySet:
    """Several analysed transcripts and their union."""

    parts: list[Analysis]  # each transcript alone (slugs made unique within the set)
    combined: Analysis  # one transcript holding every sentence; vocabulary merged
    offsets: list[int]  # where each part's sentences start in the combined transcript


def unique_slugs(analyses: Sequence[Analysis]) -> list[Analysis]:
    """The analyses with slugs unique in the set ("transcript", "transcript-2", …)."""
    seen: dict[str, int] = {}
    out = []
    for analysis in analyses:
        t = analysis.transcript
        slug = t.slug
        seen[slug] = seen.get(slug, 0) + 1
        if seen[slug] > 1:
            slug = f"{slug}-{seen[slug]}"
            t = replace(t, slug=slug)
        out.append(Analysis(t, analysis.vocab, analysis.selection))
    return out


def name_slug(name: str) -> str:
    """A file-name-safe identifier for a set's name ("set" when nothing ASCII is left)."""
    slug = re.sub(r"-{2,}", "-", re.sub(r"[^A-Za-z0-9._-]+", "-", name)).strip(".-_")
    return slug[:80].strip(".-_") or "set"


def combine(analyses: Sequence[Analysis], name: str) -> StudySet:
    """The union of ``analyses`` under ``name`` (the parts keep their own order: first given, first listed)."""
    parts = unique_slugs(analyses)
    sentences: list[Sentence] = []
    offsets = []
    for part in parts:
        offset = len(sentences)
        offsets.append(offset)
        sentences.extend(replace(s, index=s.index + offset) for s in part.transcript.sentences)
    sources = ", ".join(p.transcript.source for p in parts)
    first = parts[0].transcript
    transcript = replace(first, title=name, source=sources, sentences=sentences, slug=name_slug(name))
    vocab = merge_vocab([_shift_vocab(p.vocab, off) for p, off in zip(parts, offsets)])
    selection = parts[0].selection if parts else ""
    return StudySet(parts, Analysis(transcript, vocab, selection), offsets)


def _shift_example(example: Example, offset: int) -> Example:
    return replace(example, sentence_index=example.sentence_index + offset) if example.sentence_index >= 0 else example


def _shift_vocab(vocab: Sequence[VocabItem], offset: int) -> list[VocabItem]:
    return [replace(i, examples=[_shift_example(e, offset) for e in i.examples]) for i in vocab]


def shift_cloze(items: Sequence[ClozeItem], offset: int) -> list[ClozeItem]:
    """Cloze items of one part, pointing into the combined transcript."""
    return [replace(i, sentence_index=i.sentence_index + offset) if i.sentence_index >= 0 else i for i in items]


def merge_vocab(lists: Sequence[Sequence[VocabItem]]) -> list[VocabItem]:
    """Each word once: reading and meaning from its first transcript, counts, scores and examples summed over all.

    A word is its characters and reading: 长 cháng and 长 zhǎng stay two items, as in one transcript.
    """
    merged: dict[tuple[str, str], VocabItem] = {}
    for items in lists:
        for item in items:
            key = (item.hanzi, item.pinyin_numbered.lower())
            have = merged.get(key)
            if have is None:
                merged[key] = replace(item, examples=list(item.examples), related=list(item.related))
                continue
            have.count += item.count
            have.score += item.score
            have.examples.extend(item.examples)
            have.related.extend(w for w in item.related if w not in have.related)
    return sorted(merged.values(), key=lambda i: (-i.score, i.hanzi))


def part_uses(parts: Sequence[Analysis], added: Sequence[str]) -> dict[str, list[SourceUse]]:
    """Word → what each part contributed, most recent (by ``added``, then later in the set) first."""
    uses: dict[str, list[SourceUse]] = {}
    for part, when in zip(parts, added):
        t = part.transcript
        for item in part.vocab:
            uses.setdefault(item.hanzi, []).append(SourceUse(t.slug, t.title, when, item.count, tuple(item.examples)))
    order = {p.transcript.slug: n for n, p in enumerate(parts)}
    for word_uses in uses.values():
        word_uses.sort(key=lambda u: (u.added, order.get(u.slug, -1)), reverse=True)
    return uses
