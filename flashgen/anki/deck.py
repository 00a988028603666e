"""Anki deck renderer: vocabulary and cloze notes in one ``.apkg``.

Layout: a parent deck named after the transcript, with subdecks
``<title>::Vocabulary`` and ``<title>::Cloze`` (the latter only when there are
cloze items). Identities are stable so that importing a rebuilt deck updates
the notes already in a collection instead of duplicating them:

- model IDs are constants (:data:`VOCAB_MODEL_ID`, :data:`CLOZE_MODEL_ID`);
- deck IDs are derived from the deck names (:func:`deck_id`);
- a vocabulary note's GUID is ``guid_for("flashgen-vocab", hanzi)`` (for a second reading
  of the same hanzi, ``hanzi|reading``: :func:`flashgen.study.vocab.item_keys`) and a cloze
  note's ``guid_for("flashgen-cloze", item.id)``: never the reading or the
  meaning, so fixing either updates the note, and the same word from two
  transcripts is one note.

Every note's ``mod`` time is the build time, so Anki's default import option
("update notes: if newer") applies a rebuilt deck's corrections.

Transcript text is untrusted: every field value is HTML-escaped (braces too, so
no ``{{`` reaches a card) before this module adds its own markup.
"""

from __future__ import annotations

import io
import json
import re
import sqlite3
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Optional, Sequence

from flashgen.anki import templates as tpl
from flashgen.anki.gathered import examples_html, gathered
from flashgen.anki.identity import build_time, cloze_guid, deck_id, deck_name, vocab_guid
from flashgen.chinese import levels
from flashgen.chinese.lexicon import CEDICT_ATTRIBUTION
from flashgen.atomic import atomic_write
from flashgen.anki.card_html import (_clean, blank_out, colour_hanzi, colour_pinyin, colour_zhuyin, defuse_tags, esc,
                                     highlight)
from flashgen.models import COMPOSED_MARK, ClozeItem, Gloss, Script, SourceUse, Transcript, VocabItem
from flashgen.study.cloze_syntax import CLOZE_RE, deletion, map_cloze
from flashgen.study.vocab import item_keys

if TYPE_CHECKING:
    from flashgen.audio import AudioMedia

#: Fixed note type IDs (chosen once at random; never change them).
VOCAB_MODEL_ID = 1658032202
CLOZE_MODEL_ID = 1111121423
VOCAB_MODEL_NAME = "flashgen Vocabulary"
CLOZE_MODEL_NAME = "flashgen Cloze"

#: Subdeck names under the transcript's parent deck.
VOCAB_SUBDECK = "Vocabulary"
CLOZE_SUBDECK = "Cloze"

#: How many dictionary senses go into the Meaning field.
MAX_MEANINGS = 4

#: Categories of proper nouns, tagged as such even when the glossary lists them.
PROPER_NOUN_TAGS = ("name", "place", "organisation")



@dataclass(frozen=True)
class DeckStats:
    """What :func:`write_deck` wrote."""

    path: Path
    vocab_notes: int
    cloze_notes: int
    cards: int
    deck_name: str  # the parent deck


# ---------------------------------------------------------------------------
# Escaping and markup helpers

def _slug_tag(value: str) -> str:
    """One tag level: no spaces, no "::", nothing Anki's tag parser would split on."""
    value = re.sub(r"[\s\"':]+", "-", _clean(value)).strip("-")
    return value or "unknown"


def hsk_tag(level: Optional[int]) -> Optional[str]:
    if level is None:
        return None
    return "HSK::7-9" if level >= 7 else f"HSK::{level}"


def hsk_label(level: Optional[int]) -> str:
    """"HSK 4", "HSK 7–9", or "" for off-list words."""
    label = levels.hsk_label(level)
    return f"HSK {label}" if label else ""


def vocab_tags(item: VocabItem, source_slug: str, more_slugs: Sequence[str] = ()) -> list[str]:
    """``HSK::4``, ``diplomacy::concept`` (glossary terms) or ``name``/``place``/…, ``source::<slug>`` for each source."""
    tags = []
    hsk = hsk_tag(item.hsk)
    if hsk:
        tags.append(hsk)
    if item.term:
        tags.append("diplomacy::" + _slug_tag(item.category or "term"))
    if item.category in PROPER_NOUN_TAGS or (item.category and not item.term):
        tags.append(_slug_tag(item.category))
    for slug in dict.fromkeys([source_slug, *more_slugs]):
        tags.append("source::" + _slug_tag(slug))
    return tags


def meaning_html(meanings: Sequence[str], composed: bool = False) -> str:
    """The first sense as the answer; the next few smaller below it. A composed meaning is marked "≈"."""
    senses = [esc(m.strip()) for m in meanings if m and m.strip()][:MAX_MEANINGS]
    if composed and senses:
        senses[0] = f'<span class="approx" title="composed from its parts">{esc(COMPOSED_MARK)}</span>{senses[0]}'
    if len(senses) <= 1:
        return "".join(senses)
    return senses[0] + '<div class="alt">' + "; ".join(senses[1:]) + "</div>"


def category_label(item: VocabItem) -> str:
    if item.term:
        return "diplomatic term" + (f" · {item.category}" if item.category else "")
    return item.category or ""


# ---------------------------------------------------------------------------
# Fields


#: Fields holding flashgen's own [sound:…] tags (clips it made); every other field's tags are defused.
_OWN_SOUND_FIELDS = frozenset({"Audio", "Example audio"})


def _lang(markup: str, script: Script) -> str:
    """``markup`` marked as traditional Chinese when it is (the templates say zh-Hans), so CJK fonts pick the right glyphs.

    The ``hant`` class also switches the card's own Chinese labels to traditional (templates CSS).
    """
    return f'<span class="hant" lang="zh-Hant">{markup}</span>' if markup and script == "traditional" else markup


def vocab_fields(item: VocabItem, source_title: str, audio: Optional[AudioMedia] = None,
                 uses: Sequence[SourceUse] = (), *, script: Script = "simplified") -> list[str]:
    """The note's field values, in :data:`flashgen.anki.templates.VOCAB_FIELDS` order (``audio``: clips made).

    ``script`` is the transcript's shown script: the headword, examples and
    context are in it (``item.headword``, ``Example.shown``); the field named
    Traditional holds the headword in the other script, shown small.
    ``uses`` (two or more): the transcripts the word occurs in, most recent
    first; the note shows one example from each (at most three, the first with
    its reading, speaker and section) and names every source.
    """
    from flashgen.audio.speech import example_speech, word_speech

    first = item.examples[0] if item.examples else None
    example, more, source_title = gathered(first, uses, source_title)
    example_pinyin = ""
    if example is not None and example.pinyin:
        example_pinyin = colour_pinyin(example.pinyin, example.pinyin_numbered)
    headword, other = item.headword, item.other_form
    written = (example.word or headword) if example else headword
    other_html = colour_hanzi(other, item.pinyin_numbered) if other else ""
    if other_html and script == "traditional":  # the small form is simplified (the template says zh-Hant)
        other_html = f'<span lang="zh-Hans">{other_html}</span>'
    values = {
        "Hanzi": _lang(esc(headword), script),
        "Hanzi colour": _lang(colour_hanzi(headword, item.pinyin_numbered), script),
        "Traditional": other_html,
        "Pinyin": colour_pinyin(item.pinyin, item.pinyin_numbered),
        "Zhuyin": colour_zhuyin(item.zhuyin),
        "Meaning": meaning_html(item.meanings, item.composed),
        "Measure words": _lang("、".join(esc(m) for m in item.measure_words), script),
        "HSK": hsk_label(item.hsk),
        "Example": _lang(examples_html(example, more, example_pinyin, [written, headword]), script) if example else "",
        "Example pinyin": "" if more else example_pinyin,
        "Context": _lang(blank_out(example.shown, written), script) if example else "",
        "Speaker": _lang(esc(example.speaker), script) if example else "",
        "Section": _lang(esc(example.section), script) if example else "",
        "Category": esc(category_label(item)),
        "Source": _lang(esc(source_title), script),
        "Related": _lang("、".join(esc(w) for w in item.related), script),
        "Audio": audio.sound(word_speech(item)) if audio else "",
        "Example audio": audio.sound(example_speech(item)) if audio and example is first else "",
    }
    return [values[name] if name in _OWN_SOUND_FIELDS else defuse_tags(values[name]) for name in tpl.VOCAB_FIELDS]


def safe_cloze(cloze: str) -> str:
    """Re-emit Anki cloze syntax with everything around and inside the deletions escaped."""
    return map_cloze(cloze, esc, lambda n, answer, hint: deletion(n, esc(answer), esc(hint)))


def _glosses_html(glosses: Sequence[Gloss], script: Script = "simplified") -> str:
    if not glosses:
        return ""
    lang = "zh-Hant" if script == "traditional" else "zh-Hans"
    items = "".join(
        f'<li><span class="gl-hz zh" lang="{lang}">{esc(g.shown)}</span>'
        f'<span class="gl-py">{esc(g.pinyin)}</span><span class="gl-en">{esc(g.meaning)}</span></li>'
        for g in glosses
    )
    return f"<ul>{items}</ul>"


def cloze_fields(item: ClozeItem, source_title: str, audio: Optional[AudioMedia] = None, *,
                 script: Script = "simplified") -> list[str]:
    """The note's field values, in :data:`flashgen.anki.templates.CLOZE_FIELDS` order (``audio``: clips made; shown in ``script``)."""
    from flashgen.audio.speech import cloze_speech

    values = {
        "Text": _lang(safe_cloze(item.shown_cloze), script),
        "Full sentence": _lang(highlight(item.shown_sentence, item.shown_answers), script),
        "Pinyin": colour_pinyin(item.sentence_pinyin, item.sentence_pinyin_numbered),
        "Glosses": _glosses_html(item.glosses, script),
        "Speaker": _lang(esc(item.speaker), script),
        "Section": _lang(esc(item.section), script),
        "Source": _lang(esc(source_title), script),
        "Audio": audio.sound(cloze_speech(item)) if audio else "",
    }
    return [values[name] if name in _OWN_SOUND_FIELDS else defuse_tags(values[name]) for name in tpl.CLOZE_FIELDS]


# ---------------------------------------------------------------------------
# Models and package


def vocab_model() -> Any:
    """The vocabulary note type: recognition (汉字 → reading, meaning) and recall (English → 汉字)."""
    import genanki

    return genanki.Model(
        VOCAB_MODEL_ID,
        VOCAB_MODEL_NAME,
        fields=[{"name": name} for name in tpl.VOCAB_FIELDS],
        templates=[
            {"name": "Recognition", "qfmt": tpl.RECOGNITION_FRONT, "afmt": tpl.RECOGNITION_BACK},
            {"name": "Recall", "qfmt": tpl.RECALL_FRONT, "afmt": tpl.RECALL_BACK},
        ],
        css=tpl.CSS,
        sort_field_index=0,
    )


def cloze_model() -> Any:
    """The cloze note type (Anki's cloze kind)."""
    import genanki

    return genanki.Model(
        CLOZE_MODEL_ID,
        CLOZE_MODEL_NAME,
        fields=[{"name": name} for name in tpl.CLOZE_FIELDS],
        templates=[{"name": "Cloze", "qfmt": tpl.CLOZE_FRONT, "afmt": tpl.CLOZE_BACK}],
        css=tpl.CSS,
        model_type=genanki.Model.CLOZE,
        sort_field_index=0,
    )


def build_package(
    transcript: Transcript, vocab: Sequence[VocabItem], cloze: Sequence[ClozeItem],
    audio: Optional[AudioMedia] = None, *,
    sources: Optional[Mapping[str, Sequence[SourceUse]]] = None,
    cloze_parts: Optional[Sequence[tuple[Transcript, Sequence[ClozeItem]]]] = None,
) -> tuple[Any, DeckStats]:
    """The genanki package (not written) and its counts (``path`` left empty).

    ``sources``: word → every transcript it occurs in (see :func:`vocab_fields`).
    ``cloze_parts``: one cloze subdeck per transcript of a set
    (``<name>::Cloze::<title>``) instead of one ``<name>::Cloze`` from ``cloze``.
    """
    import genanki

    parent = deck_name(transcript)
    source_title = _clean(transcript.title).strip() or parent
    description = esc(f"Vocabulary and cloze sentences from “{source_title}”, made with flashgen. {CEDICT_ATTRIBUTION}")
    parent_deck = genanki.Deck(deck_id(parent), parent, description=description)
    vocab_deck = genanki.Deck(deck_id(f"{parent}::{VOCAB_SUBDECK}"), f"{parent}::{VOCAB_SUBDECK}", description)
    decks = [parent_deck, vocab_deck]

    vmodel, cards, due = vocab_model(), 0, 0
    seen: set[str] = set()
    for item, identity in zip(vocab, item_keys(vocab)):
        key = _clean(identity).strip()  # 长 cháng and 长 zhǎng are two notes
        if not key or key in seen:
            continue
        seen.add(key)
        uses = (sources or {}).get(item.hanzi, ()) if identity == item.hanzi else ()
        note = genanki.Note(
            model=vmodel,
            fields=vocab_fields(item, source_title, audio, uses, script=transcript.script),
            tags=vocab_tags(item, uses[0].slug if uses else transcript.slug, [u.slug for u in uses]),
            guid=vocab_guid(identity),
            due=due,  # new cards come in the ranking's order
        )
        due += 1
        cards += len(note.cards)
        vocab_deck.add_note(note)

    groups = [(f"{parent}::{CLOZE_SUBDECK}", source_title, transcript.slug, cloze)] if cloze_parts is None else [
        (f"{parent}::{CLOZE_SUBDECK}::{deck_name(part)}", _clean(part.title).strip() or deck_name(part), part.slug, items)
        for part, items in cloze_parts]
    cloze_notes = 0
    cmodel = cloze_model()
    seen_ids: set[str] = set()
    for subdeck, title, slug, items in groups:
        cloze_deck = genanki.Deck(deck_id(subdeck), subdeck, description)
        for citem in items:
            fields = cloze_fields(citem, title, audio, script=transcript.script)
            if citem.id in seen_ids or not CLOZE_RE.search(fields[0]):
                continue  # a duplicate, or no deletion: Anki would make no card
            seen_ids.add(citem.id)
            note = genanki.Note(
                model=cmodel,
                fields=fields,
                tags=["source::" + _slug_tag(slug)],
                guid=cloze_guid(citem.id),
                due=due,
            )
            due += 1
            cards += len(note.cards)
            cloze_deck.add_note(note)
            cloze_notes += 1
        if cloze_deck.notes:
            decks.append(cloze_deck)

    stats = DeckStats(Path(), len(vocab_deck.notes), cloze_notes, cards, parent)
    return genanki.Package(decks), stats


def _package_bytes(package: Any, timestamp: float, media: Optional[Mapping[str, Path]] = None) -> bytes:
    """The .apkg as bytes, with ``media`` (name in the deck → file) as genanki's ``media_files`` would be.

    Built in memory: no temporary file anywhere (genanki's ``write_to_file``
    leaves its SQLite file in the system's temporary folder).
    """
    conn = sqlite3.connect(":memory:")
    try:
        package.write_to_db(conn.cursor(), timestamp, _id_counter(timestamp))
        conn.commit()
        collection = conn.serialize()
    finally:
        conn.close()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("collection.anki2", collection)
        files = dict(media or {})
        names = sorted(files)
        for number, name in enumerate(names):  # MP3 clips: stored, not deflated again
            zf.write(files[name], str(number), compress_type=zipfile.ZIP_STORED)
        zf.writestr("media", json.dumps({str(n): name for n, name in enumerate(names)}))
    return buf.getvalue()


_SOUND = re.compile(r"\[sound:([^\]]+)\]")


def _used_media(package: Any, files: Mapping[str, Path]) -> dict[str, Path]:
    """The clips the package's notes play (Anki imports no others)."""
    used = {name for d in package.decks for note in d.notes for field in note.fields for name in _SOUND.findall(field)}
    return {name: path for name, path in files.items() if name in used}


def _id_counter(timestamp: float) -> Iterable[int]:
    import itertools

    return itertools.count(int(timestamp * 1000))


def write_deck(
    transcript: Transcript,
    vocab: list[VocabItem],
    cloze: list[ClozeItem],
    path: Path,
    *,
    timestamp: Optional[float] = None,
    sources: Optional[Mapping[str, Sequence[SourceUse]]] = None,
    cloze_parts: Optional[Sequence[tuple[Transcript, Sequence[ClozeItem]]]] = None,
    audio: Optional[AudioMedia] = None,
) -> DeckStats:
    """Write the transcript's Anki package to ``path`` (atomically) and return its counts.

    ``timestamp`` (seconds since the epoch, default now) becomes every note's
    modification time: a later build must carry a later time for Anki's
    default "update if newer" import to apply it. ``audio`` (clips from
    :func:`flashgen.audio.synthesise`) fills the Audio fields and the
    package's media. Raises
    :class:`flashgen.errors.OutputError` when ``path`` cannot be written;
    a failed build leaves any previous file at ``path`` untouched.
    """
    package, stats = build_package(transcript, vocab, cloze, audio, sources=sources, cloze_parts=cloze_parts)
    media = _used_media(package, audio.files()) if audio else None
    data = _package_bytes(package, build_time() if timestamp is None else timestamp, media)
    written = atomic_write(Path(path), data)
    return DeckStats(written, stats.vocab_notes, stats.cloze_notes, stats.cards, stats.deck_name)
