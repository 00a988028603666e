"""Import an .apkg into a real Anki collection (Anki's own ``anki`` library) and render its cards.

Used by the deck tests. A collection is a file in pytest's ``tmp_path``;
always close it (``with open_collection(...) as col``).

Import options: Anki's defaults (``ImportAnkiPackageOptions()``) are
"update notes: if newer" and "update note types: if newer", comparing the
note's modification time in the package with the one in the collection.
flashgen stamps every note with the build time, so a later build updates
notes with the default options; ``update="always"`` is the explicit
``IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_ALWAYS``.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition, ImportResponse

_CONDITIONS = {
    "if_newer": ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
    "always": ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_ALWAYS,
    "never": ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_NEVER,
}


@contextlib.contextmanager
def open_collection(folder: Path, name: str = "collection.anki2") -> Iterator[Collection]:
    """A new (or existing) Anki collection file in ``folder``, closed on exit."""
    col = Collection(str(Path(folder) / name))
    try:
        yield col
    finally:
        col.close()


def import_apkg(col: Collection, apkg: Path, update: str = "if_newer", merge: bool = False) -> ImportResponse.Log:
    """Import ``apkg`` as Anki's import dialog would; ``update``: if_newer (Anki's default), always, never.

    ``merge``: the dialog's "Merge note types" box (off by default).
    """
    condition = _CONDITIONS[update]
    request = ImportAnkiPackageRequest(
        package_path=str(apkg),
        options=ImportAnkiPackageOptions(
            merge_notetypes=merge,
            update_notes=condition,
            update_notetypes=condition,
            with_scheduling=False,
            with_deck_configs=False,
        ),
    )
    return col.import_anki_package(request).log


@dataclass
class RenderedCard:
    card_id: int
    guid: str
    notetype: str
    template: str  # card type name ("Recognition", "Recall", "Cloze")
    ord: int
    deck: str
    tags: list[str]
    question: str  # HTML without the <style> block
    answer: str
    css: str


def render_all(col: Collection) -> list[RenderedCard]:
    """Every card of the collection, question and answer rendered by Anki."""
    out = []
    for cid in col.find_cards(""):
        card = col.get_card(cid)
        note = card.note()
        notetype = note.note_type()
        assert notetype is not None
        rendered = card.render_output(reload=True)
        template = card.template()
        out.append(
            RenderedCard(
                card_id=cid,
                guid=note.guid,
                notetype=notetype["name"],
                template=template["name"],
                ord=card.ord,
                deck=col.decks.name(card.did),
                tags=list(note.tags),
                question=rendered.question_text,
                answer=rendered.answer_text,
                css=rendered.css,
            )
        )
    return out


def notes_by_guid(col: Collection) -> dict[str, dict[str, str]]:
    """guid → {field name: value} for every note in the collection."""
    result = {}
    for nid in col.find_notes(""):
        note = col.get_note(nid)
        result[note.guid] = dict(note.items())
    return result


_TAG = re.compile(r"<[^>]+>")


def visible_text(html_text: str) -> str:
    """Text a reader would see (tags dropped, a few entities decoded; good enough for assertions)."""
    import html

    text = re.sub(r"<style>.*?</style>", "", html_text, flags=re.DOTALL)
    return html.unescape(_TAG.sub("", text))


def card_page(card: RenderedCard, side: str = "answer", night: bool = False) -> str:
    """A stand-alone HTML page showing one side of a card roughly as Anki's reviewer does (for screenshots)."""
    body = card.answer if side == "answer" else card.question
    night_cls = " nightMode night_mode" if night else ""
    return (
        '<!doctype html><html><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<style>html,body{{margin:0}}{card.css}</style></head>"
        f'<body class="card card{card.ord + 1}{night_cls}">{body}</body></html>'
    )
