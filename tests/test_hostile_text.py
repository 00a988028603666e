"""Transcript text stays text: no live spreadsheet formula, Markdown link, Anki tag or bidi trick reaches an output."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from flashgen.anki.card_html import defuse_tags, esc
from flashgen.export.files import FORMULA_STARTS, spreadsheet_safe, to_csv, to_markdown, to_tsv
from flashgen.pipeline import analyse
from flashgen.source.reader import decode, strip_invisible

# Each line carries a hostile piece next to ordinary press-conference Chinese:
# 点击 "click", 中方 "the Chinese side", 合作 "cooperation", 发展 "development", 和平 "peace".
FORMULAS = (
    '=HYPERLINK("http://evil.example/leak","点击")中方表示欢迎。\n'
    "+1+1中方支持合作。\n"
    "-2+3中方主张发展。\n"
    "@SUM(1+1)中方维护和平。\n"
)


def _cells(text: str, delimiter: str) -> list[str]:
    rows = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter) if delimiter == "," else \
        (line.split("\t") for line in text.splitlines())
    return [cell for row in list(rows)[1:] for cell in row]


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('=HYPERLINK("http://x","点击")', '\'=HYPERLINK("http://x","点击")'),
        ("+86 10 6596 1114", "'+86 10 6596 1114"),  # a phone number stays text, not a sum
        ("-ism", "'-ism"),
        ("@mention", "'@mention"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("中方", "中方"),  # "the Chinese side": nothing to do
        ("1+1", "1+1"),  # only the first character matters
        ("", ""),
    ],
)
def test_spreadsheet_safe(cell: str, safe: str) -> None:
    assert spreadsheet_safe(cell) == safe


@given(st.text())
def test_no_cell_starts_a_formula(cell: str) -> None:
    assert not spreadsheet_safe(cell).startswith(FORMULA_STARTS)


@pytest.mark.parametrize(("render", "delimiter"), [(to_csv, ","), (to_tsv, "\t")])
def test_transcript_formulas_are_neutralised(render, delimiter: str) -> None:
    items = analyse(text=FORMULAS).vocab
    examples = [i.examples[0].text for i in items if i.examples]
    assert any(e.startswith("=HYPERLINK") for e in examples)  # the hostile text is there…
    cells = _cells(render(items), delimiter)
    assert cells and not [c for c in cells if c.startswith(FORMULA_STARTS)]  # …but never as a formula
    assert any(c.startswith("'=HYPERLINK(") for c in cells)


def test_markdown_has_no_live_link() -> None:
    import markdown

    # 点击 "click", 详情 "details": a link, an autolink, raw HTML and an entity-spelled scheme.
    text = ("[点击](javascript:alert(1))中方表示欢迎。<javascript:alert(2)>详情见<a href=\"javascript:alert(3)\">此处</a>。"
            "[详情](&#106;avascript:alert(4))\n")
    items = analyse(text=text).vocab
    page = to_markdown(items, title="[标题](javascript:alert(5))")  # 标题 "title"
    rendered = markdown.markdown(page, extensions=["tables"])
    assert "<table>" in rendered and "点击" in rendered
    assert not re.search(r"<a\b", rendered)
    assert "javascript:alert(1)" in rendered  # kept as visible text


# ------------------------------------------------------------------- Anki tags

ANKI_TAGS = "[sound:evil.mp3]中方表示欢迎。[latex]\\input{/etc/passwd}[/latex]中方支持合作。[$]x^2[/$]中方主张发展。[$$]y[/$$][anki:tts lang=zh_CN]和平[/anki:tts]\n"


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("[sound:a.mp3]", "&#91;sound:a.mp3]"),
        ("[SOUND:a.mp3]", "&#91;SOUND:a.mp3]"),
        ("[latex]x[/latex]", "&#91;latex]x&#91;/latex]"),
        ("[$]x[/$]", "&#91;$]x&#91;/$]"),
        ("[$$]x[/$$]", "&#91;$$]x&#91;/$$]"),
        ("[anki:tts]x[/anki:tts]", "&#91;anki:tts]x&#91;/anki:tts]"),
        ("[注]", "[注]"),  # "[note]": ordinary brackets stay
    ],
)
def test_esc_defuses_anki_tags(text: str, html: str) -> None:
    assert esc(text) == html


def test_split_tag_is_defused_in_the_whole_field() -> None:
    assert defuse_tags("[" + "sound:x.mp3]") == "&#91;sound:x.mp3]"


def test_deck_plays_and_typesets_nothing_from_the_transcript(tmp_path: Path) -> None:
    from anki.collection import Collection

    from anki_helpers import import_apkg
    from flashgen.anki.deck import write_deck
    from flashgen.study.cloze import make_cloze_items

    analysis = analyse(text=ANKI_TAGS)
    deck = write_deck(analysis.transcript, analysis.vocab, make_cloze_items(analysis), tmp_path / "deck.apkg")
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        import_apkg(col, deck.path)
        cards = [col.get_card(cid) for cid in col.find_cards("")]
        assert cards
        examples = 0
        for card in cards:
            out = card.render_output(reload=True)
            assert not out.question_av_tags and not out.answer_av_tags  # no [sound:]/[anki:tts] played
            assert "<img" not in out.question_text + out.answer_text  # no LaTeX image
            examples += "sound:evil.mp3" in out.answer_text  # the text is still there, shown as text
        assert examples
        for nid in col.find_notes(""):
            assert not col.media.files_in_str(col.get_note(nid).mid, " ".join(col.get_note(nid).fields))
    finally:
        col.close()


# --------------------------------------------------------- invisible characters

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def test_every_format_character_is_stripped() -> None:
    # The table in the reader covers Unicode category Cf as this Python knows it.
    missing = [hex(cp) for cp in range(0x110000) if unicodedata.category(chr(cp)) == "Cf" and strip_invisible(chr(cp))]
    assert missing == []


@given(st.text())
def test_stripped_text_has_no_invisible_characters(text: str) -> None:
    clean = strip_invisible(text)
    assert not [c for c in clean if unicodedata.category(c) == "Cf" or (unicodedata.category(c) == "Cc" and c not in "\t\n")]


@pytest.mark.parametrize("from_file", [True, False])
def test_bidi_controls_never_reach_items_examples_or_sentences(tmp_path: Path, from_file: bool) -> None:
    # 中方 "the Chinese side" … 合作共赢 "win-win cooperation", with a right-to-left override and friends inside and between.
    text = f"中\u202e方{BIDI}坚定支持多边\u2066主义。\n记者：\u200f合作\u202c共赢。\n"
    if from_file:
        path = tmp_path / "t.txt"
        path.write_text(text, encoding="utf-8")
        analysis = analyse(path)
    else:
        analysis = analyse(text=text)
    assert {"中方", "合作共赢"} <= {i.hanzi for i in analysis.vocab}  # 合作共赢 "win-win cooperation"
    seen = [s.text for s in analysis.transcript.sentences] + [i.hanzi for i in analysis.vocab] \
        + [e.text for i in analysis.vocab for e in i.examples] + [analysis.transcript.title]
    assert not [t for t in seen if any(c in t for c in BIDI)]


def test_bidi_controls_never_reach_the_html_list(tmp_path: Path) -> None:
    from flashgen.printed.vocab_html import render_html

    data = f"中\u202e方坚定支持多边主义。\n合作\u2067共赢。\n".encode("utf-8")
    analysis = analyse(text=decode(data, "x.txt"))
    page = render_html(analysis.transcript, analysis.vocab)
    assert not any(c in page for c in BIDI)


def test_repeated_tokens_share_one_object() -> None:
    # Memory stays bounded on big inputs: every occurrence of a (word, tag, reading) is one Token object.
    analysis = analyse(text="中方坚定支持多边主义。" * 200 + "\n")  # "China firmly supports multilateralism."
    tokens = [t for s in analysis.transcript.sentences for t in s.tokens]
    assert len(tokens) >= 1000
    assert len({id(t) for t in tokens}) == len({(t.text, t.pos, t.pinyin_numbered) for t in tokens})
