"""Show a transcript in its own script: each sentence, heading and name mapped back by offsets.

The structure stage reads the simplified copy of a text (see
:mod:`flashgen.source.convert`); its sentences are pieces of that copy with
whitespace tidied. Because the copy lines up with the text character for
character, each piece is found in the copy and the characters at the same
offsets are taken from the text as written (or from its converted form, for a
simplified text shown in traditional characters). So a Hong Kong text's
examples are its own sentences, 葉 in a name stays 葉, and ︰ stays ︰, however
the analysis spelt them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Optional

from flashgen.models import Region, Script, Sentence, Transcript


class _Aligner:
    """Finds pieces of the analysed text and reads the shown text at the same offsets."""

    def __init__(self, analysed: str, shown: str) -> None:
        """``analysed`` and ``shown`` have the same length, character for character."""
        if len(analysed) != len(shown):
            raise ValueError("the analysed and the shown text must line up character for character")
        self.shown = shown
        # The analysed text without whitespace (pieces are whitespace-tidied), and where each character was.
        self.positions = [i for i, ch in enumerate(analysed) if not ch.isspace()]
        self.flat = "".join(analysed[i] for i in self.positions)
        self.start = self.cursor = 0  # where the last sentence found starts and ends (in ``flat``)

    def show(self, piece: str, advance: bool = False, before: Optional[int] = None) -> Optional[str]:
        """``piece`` as shown, or None when it is not found (then it is left as it is).

        Sentences come in text order: with ``advance`` each is looked for after
        the previous one, so a repeated sentence maps to its own occurrence.
        """
        bare = "".join(ch for ch in piece if not ch.isspace())
        if not bare:
            return piece
        at = self.flat.rfind(bare, 0, before) if before is not None else -1  # a speaker label just before its turn
        if at < 0:
            at = self.flat.find(bare, self.cursor if advance else 0)
        if at < 0 and advance:
            at = self.flat.find(bare)
        if at < 0:
            return None
        if advance:
            self.start, self.cursor = at, at + len(bare)
        out, k = [], at
        for ch in piece:
            if ch.isspace():
                out.append(ch)
            else:
                out.append(self.shown[self.positions[k]])
                k += 1
        return "".join(out)


def show_transcript(transcript: Transcript, analysed: str, shown: str, script: Script, source_script: Script,
                    region: Region) -> Transcript:
    """``transcript`` (structured from ``analysed``) with its sentences, sections, speakers and title as in ``shown``.

    Sentence texts stay simplified for the analysis; each sentence gets its
    ``display``, of the same length, and names are replaced by their shown
    forms (sections and speakers are labels, never analysed).
    """
    aligner = _Aligner(analysed, shown)
    names: dict[str, str] = {}

    def name(value: Optional[str], before: Optional[int] = None) -> Optional[str]:
        if value is None:
            return None
        if value not in names:
            names[value] = aligner.show(value, before=before) or value
        return names[value]

    sentences: list[Sentence] = []
    for sentence in transcript.sentences:
        display = aligner.show(sentence.text, advance=True) or sentence.text
        if sentence.kind == "heading" and sentence.section == sentence.text:
            names.setdefault(sentence.text, display)  # the heading as written names its section
        sentences.append(replace(sentence, display=display if display != sentence.text else "",
                                 section=name(sentence.section), speaker=name(sentence.speaker, aligner.start)))
    title = transcript.title
    shown_title = aligner.show(title) or aligner.show(title.rstrip("…"))
    if shown_title is not None and len(shown_title) < len(title):  # a cut first sentence ("…")
        shown_title += title[len(shown_title):]
    return replace(transcript, title=shown_title or title, sentences=sentences, script=script,
                   source_script=source_script, region=region)
