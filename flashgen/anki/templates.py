"""Card templates and CSS of the Anki note types written by :mod:`flashgen.anki.deck`.

Everything is inline: the CSS lives in the note type (no web fonts, no
external files, no JavaScript of our own), so cards look the same on Anki
desktop, AnkiDroid and AnkiMobile, offline.

Tone colours come from :data:`flashgen.chinese.tones.TONE_COLOURS` as classes
``tone1``…``tone5`` (the class names the Chinese Support add-ons use), with
lighter variants for night mode (``.nightMode`` on desktop/AnkiMobile,
``.night_mode`` on AnkiDroid; both on the card element or an ancestor).
"""

from __future__ import annotations

from flashgen.chinese.tones import TONE_COLOURS

# Field names are part of the note type's identity in users' collections:
# renaming, adding or removing one changes the schema, and Anki then imports
# a rebuilt deck into a *copy* of the note type unless "Merge note types" is
# ticked in its import dialog. New fields go at the end (existing fields keep
# their positions); the model IDs never change.
VOCAB_FIELDS: tuple[str, ...] = (
    "Hanzi",  # plain headword in the deck's script (the text's own): sort field and duplicate check
    "Hanzi colour",  # the same, tone-coloured per character
    "Traditional",  # the headword in the other script, tone-coloured, shown small; empty when the same
    "Pinyin",  # tone-coloured
    "Zhuyin",  # tone-coloured
    "Meaning",
    "Measure words",
    "HSK",  # "HSK 4", "HSK 7–9" or empty
    "Example",  # sentence from the transcript, headword highlighted
    "Example pinyin",
    "Context",  # the example with the headword blanked: the recall card's hint
    "Speaker",
    "Section",
    "Category",  # "diplomatic term · concept", "name", "place", …
    "Source",  # the transcript's title
    "Related",  # listed sub-terms of the word and longer terms it is part of (中欧投资协定 ↔ 投资协定)
    "Audio",  # [sound:…] of the headword (flashgen build --audio …), else empty
    "Example audio",  # [sound:…] of the example sentence
)

CLOZE_FIELDS: tuple[str, ...] = (
    "Text",  # the clause in Anki cloze syntax
    "Full sentence",  # deleted terms highlighted
    "Pinyin",  # tone-coloured
    "Glosses",  # harder words: hanzi, pinyin, meaning
    "Speaker",
    "Section",
    "Source",
    "Audio",  # [sound:…] of the full sentence (flashgen build --audio …), else empty
)

def _zh(simplified: str, traditional: str) -> str:
    """A label in both scripts: a note whose fields are traditional (``.hant``, see deck.py) shows the second."""
    return f'<span class="zh-s">{simplified}</span><span class="zh-t">{traditional}</span>'


# The headword block of every back: coloured hanzi, traditional, readings.
_HEADWORD = """\
<div class="hz zh" lang="zh-Hans">{{Hanzi colour}}</div>
{{#Traditional}}<div class="trad zh" lang="zh-Hant">{{Traditional}}</div>{{/Traditional}}
{{#Pinyin}}<div class="py">{{Pinyin}}{{#Audio}} {{Audio}}{{/Audio}}</div>{{/Pinyin}}
{{#Zhuyin}}<div class="zy zh" lang="zh-Hant">{{Zhuyin}}</div>{{/Zhuyin}}"""

_BADGES = """\
<div class="badges">{{#HSK}}<span class="badge">{{HSK}}</span>{{/HSK}}\
{{#Category}}<span class="badge">{{Category}}</span>{{/Category}}</div>"""

_EXAMPLE = """\
{{#Example}}<div class="example">
<div class="ex-zh zh" lang="zh-Hans">{{Example}}{{#Example audio}} {{Example audio}}{{/Example audio}}</div>
{{#Example pinyin}}<div class="ex-py">{{Example pinyin}}</div>{{/Example pinyin}}
<div class="ex-src">{{Speaker}}{{#Section}}<span class="sep"> · </span>{{Section}}{{/Section}}</div>
</div>{{/Example}}"""

_MEASURE = (
    '{{#Measure words}}<div class="mw"><span class="lbl">' + _zh("量词", "量詞") + '</span> '
    '<span class="zh" lang="zh-Hans">{{Measure words}}</span></div>{{/Measure words}}'
)

_RELATED = (
    '{{#Related}}<div class="rel"><span class="lbl">相关</span> '
    '<span class="zh" lang="zh-Hans">{{Related}}</span></div>{{/Related}}'
)

_SOURCE = '<div class="source">{{Source}}</div>'

RECOGNITION_FRONT = '<div class="kind">' + _zh("认读", "認讀") + ' · reading</div>\n<div class="hz zh" lang="zh-Hans">{{Hanzi}}</div>'

RECOGNITION_BACK = "\n".join(
    [
        '<div class="kind">' + _zh("认读", "認讀") + ' · reading</div>',
        _HEADWORD,
        '<hr id="answer">',
        '<div class="meaning">{{Meaning}}</div>',
        _MEASURE,
        _RELATED,
        _BADGES,
        _EXAMPLE,
        _SOURCE,
    ]
)

# Wrapped in {{#Meaning}}: a note without a meaning gets no recall card.
RECALL_FRONT = "\n".join(
    [
        "{{#Meaning}}",
        '<div class="kind">回想 · write the word</div>',
        '<div class="prompt">{{Meaning}}</div>',
        _BADGES,
        '{{#Context}}<div class="example hintbox"><div class="ex-zh zh" lang="zh-Hans">'
        "{{hint:Context}}</div></div>{{/Context}}",
        "{{/Meaning}}",
    ]
)

RECALL_BACK = "\n".join(["{{FrontSide}}", '<hr id="answer">', _HEADWORD, _MEASURE, _RELATED, _EXAMPLE, _SOURCE])

CLOZE_FRONT = '<div class="kind">填空 · cloze</div>\n<div class="cloze-text zh" lang="zh-Hans">{{cloze:Text}}</div>'

CLOZE_BACK = "\n".join(
    [
        '<div class="kind">填空 · cloze</div>',
        '<div class="cloze-text zh" lang="zh-Hans">{{cloze:Text}}</div>',
        '<hr id="answer">',
        '{{#Full sentence}}<div class="example"><div class="ex-zh zh" lang="zh-Hans">{{Full sentence}}'
        '{{#Audio}} {{Audio}}{{/Audio}}</div>',
        '{{#Pinyin}}<div class="ex-py">{{Pinyin}}</div>{{/Pinyin}}',
        '<div class="ex-src">{{Speaker}}{{#Section}}<span class="sep"> · </span>{{Section}}{{/Section}}</div>',
        "</div>{{/Full sentence}}",
        "{{#Glosses}}<div class=\"glosses\">{{Glosses}}</div>{{/Glosses}}",
        _SOURCE,
    ]
)


def _lighten(hex_colour: str, amount: float) -> str:
    """Mix a ``#rrggbb`` colour with white (``amount`` 0–1): readable on a dark background."""
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    mix = [round(c + (255 - c) * amount) for c in (r, g, b)]
    return "#" + "".join(f"{c:02x}" for c in mix)


def _night(selector: str) -> str:
    """``selector`` under either night-mode class (on ``.card`` itself or on ``body``)."""
    return f".nightMode {selector}, .night_mode {selector}"


_CJK_FONTS = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "PingFang SC", '
    '"Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif'
)
_LATIN_FONTS = '"Noto Sans", "Segoe UI", "Helvetica Neue", Roboto, Arial, ' + _CJK_FONTS
_TRADITIONAL_FONTS = '"Noto Sans CJK TC", "Source Han Sans TC", "Noto Sans TC", "PingFang TC", "Microsoft JhengHei", ' + _CJK_FONTS


def _tone_css() -> str:
    lines = []
    for tone, colour in sorted(TONE_COLOURS.items()):
        lines.append(f".tone{tone} {{ color: {colour}; }}")
    for tone, colour in sorted(TONE_COLOURS.items()):
        lines.append(f"{_night(f'.tone{tone}')} {{ color: {_lighten(colour, 0.42)}; }}")
    return "\n".join(lines)


CSS = f"""\
.card {{
  font-family: {_LATIN_FONTS};
  font-size: 20px;
  line-height: 1.5;
  text-align: center;
  color: #1d1d1f;
  background-color: #fbfaf7;
  margin: 0;
  padding: 14px 12px 18px;
  overflow-wrap: anywhere;
}}
.card.nightMode, .card.night_mode, .nightMode .card, .night_mode .card {{
  color: #e6e6e6;
  background-color: #1f2023;
}}
.zh {{ font-family: {_CJK_FONTS}; }}
.hant, .zh-t {{ font-family: {_TRADITIONAL_FONTS}; }}
/* A note shown in traditional characters marks its fields .hant: labels follow (:has, Anki 2.1.55+). */
.zh-t {{ display: none; }}
.card:has(.hant) .zh-t {{ display: inline; }}
.card:has(.hant) .zh-s {{ display: none; }}
.kind {{ font-size: 0.65em; letter-spacing: 0.08em; color: #8a8a8a; margin-bottom: 0.4em; }}
.hz {{ font-size: 3em; line-height: 1.25; margin: 0.1em 0; }}
.trad {{ font-size: 1.5em; color: #666; }}
.py {{ font-size: 1.35em; margin-top: 0.15em; }}
.zy {{ font-size: 0.85em; word-spacing: 0.45em; color: #666; }}
.meaning {{ font-size: 1.15em; margin: 0.5em auto; max-width: 32em; }}
.prompt {{ font-size: 1.4em; margin: 0.6em auto; max-width: 24em; }}
.alt {{ font-size: 0.72em; color: #777; margin-top: 0.25em; }}
.mw {{ font-size: 0.9em; margin: 0.3em 0; }}
.rel {{ font-size: 0.9em; margin: 0.3em 0; }}
.lbl {{ font-size: 0.8em; color: #8a8a8a; border: 1px solid #c8c8c8; border-radius: 4px; padding: 0 0.3em; }}
.badges {{ margin: 0.5em 0; }}
.badge {{
  display: inline-block; font-size: 0.65em; color: #555; background: #ecebe6;
  border-radius: 999px; padding: 0.1em 0.7em; margin: 0.15em 0.2em;
}}
.example {{
  text-align: left; max-width: 680px; margin: 0.9em auto 0.4em; padding: 0.6em 0.8em;
  border-left: 4px solid #d9d4c7; background: #f3f1ea; border-radius: 4px;
}}
.ex-zh {{ font-size: 1.05em; line-height: 1.7; }}
.ex-py {{ font-size: 0.8em; color: #555; margin-top: 0.3em; }}
.ex-more {{ margin-top: 0.5em; padding-top: 0.4em; border-top: 1px dashed #d9d4c7; font-size: 0.92em; }}
.ex-src {{ font-size: 0.7em; color: #8a8a8a; margin-top: 0.4em; }}
.hl {{ font-weight: bold; background: #fff1a8; color: inherit; border-radius: 3px; padding: 0 0.1em; }}
.blank {{ color: #1f5fd1; font-weight: bold; }}
.hintbox {{ text-align: center; }}
.hintbox a {{ color: #1f5fd1; font-size: 0.8em; }}
.hintbox .hint {{ text-align: left; }}
.cloze-text {{ font-size: 1.3em; line-height: 1.8; text-align: left; max-width: 680px; margin: 0.4em auto; }}
.cloze {{ font-weight: bold; color: #1f5fd1; }}
.glosses {{ text-align: left; max-width: 680px; margin: 0.6em auto; font-size: 0.85em; }}
.glosses ul {{ list-style: none; padding: 0; margin: 0; }}
.glosses li {{ margin: 0.2em 0; }}
.gl-hz {{ font-weight: bold; }}
.gl-py {{ color: #555; margin: 0 0.4em; }}
.source {{ font-size: 0.6em; color: #9a9a9a; margin-top: 1.2em; }}
hr#answer {{ border: 0; border-top: 1px solid #ddd; margin: 0.8em 0; }}
{_night(".trad")}, {_night(".zy")}, {_night(".alt")}, {_night(".ex-py")}, {_night(".gl-py")} {{ color: #b5b5b5; }}
{_night(".badge")} {{ color: #d0d0d0; background: #35373c; }}
{_night(".lbl")} {{ color: #aaa; border-color: #555; }}
{_night(".example")} {{ background: #2a2c30; border-left-color: #4a4d55; }}
{_night(".ex-more")} {{ border-top-color: #4a4d55; }}
{_night(".hl")} {{ background: #5c4f12; color: #fff6c8; }}
{_night(".cloze")}, {_night(".blank")}, {_night(".hintbox a")} {{ color: #8fb3ff; }}
{_night("hr#answer")} {{ border-top-color: #444; }}
{_tone_css()}
@media (max-width: 480px) {{
  .card {{ font-size: 18px; padding: 10px 8px 14px; }}
  .hz {{ font-size: 2.4em; }}
  .example {{ padding: 0.5em 0.6em; }}
}}
"""
