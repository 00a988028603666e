"""Subtitle files (SRT, WebVTT) as plain transcript text.

Learners often have the subtitles of a press conference rather than its
transcript. Cue numbers, timestamps, WebVTT headers and notes, and styling
tags are dropped; each cue's lines are joined (Chinese is written without
spaces), and cues follow each other on separate lines so the structure stage
joins a sentence that runs over several cues. Chinese subtitles are often
written without punctuation, a space marking the pause: when almost no cue
ends a sentence, each cue is closed with 。 so it becomes a sentence of its own.
"""

from __future__ import annotations

import re

from flashgen.chinese.punctuation import CLAUSE_ENDS, ENUMERATION_COMMA, QUOTATION_CLOSING, SENTENCE_ENDS

_TIMESTAMP = re.compile(r"^\s*(?:\d{1,2}:)?\d{1,2}:\d{2}[,.]\d{1,3}\s*-->\s*(?:\d{1,2}:)?\d{1,2}:\d{2}[,.]\d{1,3}.*$")
_TAGS = re.compile(r"</?[a-zA-Z][^>]*>|\{\\[^}]*\}")  # <i>, <c.yellow>, {\an8}
_ENDS = SENTENCE_ENDS | {"；", ";", "’", "）", ")"} | QUOTATION_CLOSING  # a cue ending so ends its sentence


def looks_like_subtitles(text: str) -> bool:
    """True for SRT or WebVTT text: a WEBVTT header or at least two timestamp lines."""
    if text.lstrip().startswith("WEBVTT"):
        return True
    return sum(1 for line in text.splitlines() if _TIMESTAMP.match(line)) >= 2


def subtitles_to_text(text: str) -> str:
    """The spoken text of an SRT or WebVTT file, one cue per line."""
    cues: list[str] = []
    current: list[str] = []
    in_cue = False
    for raw in text.splitlines():
        line = raw.strip()
        if _TIMESTAMP.match(line):
            in_cue, current = True, []
            continue
        if not line:
            if in_cue and current:
                cues.append(_join(current))
            in_cue, current = False, []
            continue
        if in_cue:
            current.append(_TAGS.sub("", line).strip())
    if in_cue and current:
        cues.append(_join(current))
    cues = [c for c in cues if c]
    ended = sum(1 for c in cues if c.endswith(tuple(_ENDS)))
    if cues and ended < 0.2 * len(cues):
        cues = [c if c[-1:] in _ENDS or c[-1:] in CLAUSE_ENDS | {ENUMERATION_COMMA} else c + "。" for c in cues]
    return "\n".join(cues) + "\n"


def _join(lines: list[str]) -> str:
    """Lines of one cue: no space between Chinese characters, one between Latin words."""
    out = ""
    for line in (l for l in lines if l):
        if out and out[-1].isascii() and out[-1].isalnum() and line[0].isascii() and line[0].isalnum():
            out += " "
        out += line
    return out
