"""Subtitle files read as transcripts."""

from __future__ import annotations

import pytest

from flashgen.source.reader import decode
from flashgen.source.structure import parse_transcript
from flashgen.source.subtitles import looks_like_subtitles, subtitles_to_text

SRT = """1
00:00:01,000 --> 00:00:04,200
女士们，先生们，

2
00:00:04,200 --> 00:00:08,500
我们坚定维护<i>多边主义</i>，
推动构建人类命运共同体。
"""

VTT_UNPUNCTUATED = """WEBVTT

NOTE a comment block

00:01.000 --> 00:04.000 align:start
<c.yellow>我们坚定维护多边主义</c>

00:04.000 --> 00:08.000
推动构建人类命运共同体
"""


@pytest.mark.parametrize(
    "text, expected",
    [
        # a sentence running over two cues is one sentence; tags dropped
        (SRT, ["女士们，先生们，我们坚定维护多边主义，推动构建人类命运共同体。"]),
        # unpunctuated cues (a space or a new cue marks the pause): each cue is a sentence
        (VTT_UNPUNCTUATED, ["我们坚定维护多边主义。", "推动构建人类命运共同体。"]),
    ],
    ids=["srt", "vtt-unpunctuated"],
)
def test_subtitles_become_sentences(text: str, expected: list[str]) -> None:
    clean = decode(text.encode("utf-8"), "talk.srt")
    assert "-->" not in clean and "<" not in clean
    assert [s.text for s in parse_transcript(clean, "talk.srt").sentences] == expected


def test_plain_text_is_not_taken_for_subtitles() -> None:
    # A transcript quoting one time code is still a transcript.
    text = "会议于10:00:00,000 --> 结束。\n王毅：谢谢。\n"
    assert not looks_like_subtitles(text)


def test_cue_numbers_and_timestamps_are_gone() -> None:
    assert subtitles_to_text(SRT).splitlines() == ["女士们，先生们，", "我们坚定维护多边主义，推动构建人类命运共同体。"]
