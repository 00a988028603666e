"""Traditional in, traditional out: every output in the text's own script, judged by OpenCC itself.

Texts: tests/texts/hk-news.txt (Hong Kong news style: ︰ ﹔ ﹖, 港鐵, 旺角, Cantonese
quotes 喺 咗 冇 佢哋) and tests/texts/tw-news.txt (Taiwan news style: 臺北, 捷運, 隨著,
裡), written for these tests; and the bundled sample, shown with ``--script traditional``
or converted to traditional with OpenCC.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterator

import opencc
import pytest
from click.testing import CliRunner

from flashgen.anki.deck import cloze_fields, vocab_fields, write_deck
from flashgen.anki.templates import VOCAB_FIELDS
from flashgen.cli import cli
from flashgen.commands import format_vocab
from flashgen.models import Analysis, ClozeItem
from flashgen.pipeline import Options, analyse
from flashgen.printed import worksheet
from flashgen.quiz import questions as qs
from flashgen.source.convert import convert, foreign_characters
from flashgen.source.reader import load_sample_text
from flashgen.study.cloze import make_cloze_items

TEXTS = Path(__file__).parent / "texts"
HK = TEXTS / "hk-news.txt"
TW = TEXTS / "tw-news.txt"


def simplified_only(text: str) -> list[str]:
    """Characters of a traditional output that OpenCC says belong to simplified only."""
    return foreign_characters(text, "traditional")


def traditional_only(text: str) -> list[str]:
    """Characters of a simplified output that OpenCC says belong to traditional only."""
    return foreign_characters(text, "simplified")


_TAG = re.compile(r"<[^>]+>")
_INLINE = re.compile(r"</?(?:span|b|mark|wbr)\b[^>]*>")  # inside a word: dropped without a space
# The small second form under a headword: simplified under a traditional list, by design.
_SECONDARY = re.compile(r'<span class="trad"[^>]*>.*?</span>')


def visible(html: str) -> str:
    """The text of an HTML output without its tags and its secondary forms."""
    html = _SECONDARY.sub(" ", re.sub(r"<style>.*?</style>", " ", html, flags=re.DOTALL))
    return _TAG.sub(" ", _INLINE.sub("", html))


def shown_outputs(analysis: Analysis, cloze: list[ClozeItem]) -> Iterator[tuple[str, str]]:
    """(name, text) of every output in the shown script, secondary forms left out."""
    for fmt in ("table", "csv", "tsv", "markdown"):
        text = format_vocab(analysis, fmt)
        if fmt in ("csv", "tsv"):  # the second column is the other script, by design
            sep = "," if fmt == "csv" else "\t"
            text = "\n".join(sep.join(line.split(sep)[:1] + line.split(sep)[2:]) for line in text.splitlines())
        if fmt == "markdown":
            text = "\n".join("|".join(line.split("|")[:2] + line.split("|")[3:]) for line in text.splitlines())
        yield fmt, text
    yield "html", visible(format_vocab(analysis, "html"))
    for item in json.loads(format_vocab(analysis, "json")):
        yield "json", " ".join([item["display"], *item["meanings"], *item["measure_words"],
                                *(e["display"] + (e["speaker"] or "") + (e["section"] or "") for e in item["examples"])])
    for sentence in analysis.transcript.sentences:
        yield "sentences", " ".join([sentence.shown, sentence.speaker or "", sentence.section or "",
                                     *(t.shown for t in sentence.tokens)])
    yield "worksheet", worksheet.render_text(analysis.transcript, cloze)
    yield "worksheet html", visible(worksheet.render_html(analysis.transcript, cloze))
    for c in cloze:
        data = c.to_json()
        yield "cloze json", " ".join([data["sentence_display"], data["cloze_display"], *data["answers_display"],
                                      *data["choices_display"], *(g["display"] for g in data["glosses"])])
        yield "cloze note", " ".join(visible(f) for f in cloze_fields(c, analysis.transcript.title, script=analysis.transcript.script))
    for v in analysis.vocab:
        fields = dict(zip(VOCAB_FIELDS, vocab_fields(v, analysis.transcript.title, script=analysis.transcript.script)))
        fields.pop("Traditional")  # the other script, shown small
        fields.pop("Context")  # the Example with the word blanked: a blank takes away the phrase context OpenCC judges by
        yield "vocab note", " ".join(visible(f) for f in fields.values())
    for mode in ("meaning", "pinyin", "hanzi"):
        for v in analysis.vocab[:40]:
            import random

            q = qs.build(qs.Candidate(qs.card_id(mode, v), mode, v), analysis.vocab, random.Random(1), True)
            yield f"quiz {mode}", " ".join([q.prompt, q.expected, *q.options])
    yield "title", analysis.transcript.title
    from flashgen.printed.pdf import vocab_data, worksheet_data

    data = vocab_data(analysis.transcript, analysis.vocab)  # what the Typst list prints
    yield "pdf list", " ".join([data["kicker"], data["running"], *data["columns"], *(g["name"] for g in data["groups"]),
                                *(r["hanzi"] + " ".join(r["meanings"]) + r["mw"] for g in data["groups"] for r in g["rows"]),
                                *("".join(p[0] for p in r["example"]["pieces"]) for g in data["groups"] for r in g["rows"]
                                  if r["example"])])
    sheet = worksheet_data(analysis.transcript, cloze)
    yield "pdf worksheet", " ".join([sheet["kicker"], sheet["bank_heading"], sheet["key_heading"],
                                     *(w["word"] for w in sheet["bank"]), *(k["sentence"] for k in sheet["key"]),
                                     *("".join(p.get("text", p.get("blank", "")) for p in s) for s in sheet["sentences"])])


@pytest.fixture(scope="module")
def hk() -> Analysis:
    return analyse(HK)


@pytest.fixture(scope="module")
def tw() -> Analysis:
    return analyse(TW)


@pytest.fixture(scope="module")
def sample_traditional() -> Analysis:
    return analyse(options=Options(script="traditional"))


@pytest.mark.parametrize("name", ["hk", "tw", "sample_traditional"])
def test_traditional_outputs_have_no_simplified_only_character(name: str, request: pytest.FixtureRequest) -> None:
    analysis: Analysis = request.getfixturevalue(name)
    assert analysis.transcript.script == "traditional"
    cloze = make_cloze_items(analysis)
    assert cloze and analysis.vocab
    bad = {(out, text[:60], "".join(chars)) for out, text in shown_outputs(analysis, cloze) if (chars := simplified_only(text))}
    assert not bad


@pytest.mark.parametrize("path", [HK, TW])
def test_simplified_outputs_of_a_traditional_text_have_no_traditional_only_character(path: Path) -> None:
    analysis = analyse(path, Options(script="simplified"))
    assert analysis.transcript.script == "simplified" and analysis.transcript.source_script == "traditional"
    cloze = make_cloze_items(analysis)
    bad = {(out, text[:60], "".join(chars)) for out, text in shown_outputs(analysis, cloze) if (chars := traditional_only(text))}
    # The HTML list's 繁 column is the other script by design; everything else must be simplified.
    assert not {b for b in bad if b[0] != "html"}
    assert all(item.headword == item.hanzi for item in analysis.vocab)


@pytest.mark.parametrize(
    "path, written",
    [
        (HK, "立法會議員葉劉淑儀表示"),  # a Hong Kong legislator: 葉 stays 葉 (the analysis reads 叶)
        (HK, "旺角站至九龍灣站"),  # Mong Kok, Kowloon Bay stations
        (HK, "事件影響數以萬計的市民上班，我們對此深表關注﹔"),  # HK small semicolon kept as written
        (HK, "港鐵發言人回應說，公司冒著惡劣天氣搶修"),  # 冒著 as written (analysed as 冒着)
        (TW, "臺北捷運將視風雨情況調整營運"),  # Taipei MRT: 臺 as written, not 台
        (TW, "並隨著風雨變化調整行程，家裡的門窗也要關緊。"),  # Taiwan's 著 and 裡
    ],
)
def test_sentences_are_shown_as_written(path: Path, written: str) -> None:
    analysis = analyse(path)
    assert any(written in s.shown for s in analysis.transcript.sentences)
    # The analysis read the simplified copy, offset for offset.
    for s in analysis.transcript.sentences:
        assert len(s.shown) == len(s.text) and convert(s.shown, "simplified") == s.text


@pytest.mark.parametrize(
    "path, hanzi, headword",
    [
        (HK, "港铁", "港鐵"),  # MTR
        (HK, "旺角", "旺角"),  # Mong Kok: the same in both scripts
        (HK, "补偿", "補償"),  # compensation
        (TW, "台湾", "臺灣"),  # Taiwan: as this text writes it
        (TW, "捷运", "捷運"),  # MRT
        (TW, "预算", "預算"),  # budget
    ],
)
def test_headwords_are_the_texts_own_forms(path: Path, hanzi: str, headword: str) -> None:
    items = {v.hanzi: v for v in analyse(path).vocab}
    assert items[hanzi].headword == headword
    assert items[hanzi].other_form == ("" if headword == hanzi else hanzi)
    assert all(headword in e.shown for e in items[hanzi].examples)


def test_title_sections_and_speakers_as_written(tw: Analysis) -> None:
    assert tw.transcript.title == "行政院召開記者會說明颱風應變措施"
    speakers = {s.speaker for s in tw.transcript.sentences if s.speaker}
    assert speakers and not {ch for sp in speakers for ch in simplified_only(sp)}
    assert {"記者問", "發言人答"} <= speakers  # reporter asks, spokesperson answers


@pytest.mark.parametrize("config", ["s2tw.json", "s2hk.json", "s2t.json"])
def test_same_items_and_readings_whichever_script(config: str, sample_analysis: Analysis) -> None:
    text, _ = load_sample_text()
    converted = analyse(text=opencc.OpenCC(config).convert(text))
    assert converted.transcript.source_script == "traditional"
    assert [s.text for s in converted.transcript.sentences] == [s.text for s in sample_analysis.transcript.sentences]
    assert [(v.hanzi, v.pinyin, v.count) for v in converted.vocab] == [(v.hanzi, v.pinyin, v.count) for v in sample_analysis.vocab]
    # Cloze ids, and so Anki GUIDs and quiz progress, are those of the simplified text.
    assert [c.id for c in make_cloze_items(converted)] == [c.id for c in make_cloze_items(sample_analysis)]


def test_taiwan_phrasing_changes_only_the_reworded_items(sample_analysis: Analysis) -> None:
    """s2twp also rewrites mainland words the Taiwan way (信息 → 資訊, 视频 → 影片): other items stay."""
    text, _ = load_sample_text()
    converted = analyse(text=opencc.OpenCC("s2twp.json").convert(text))
    before = {v.hanzi: v.pinyin for v in sample_analysis.vocab}
    after = {v.hanzi: v.pinyin for v in converted.vocab}
    common = before.keys() & after.keys()
    assert len(common) >= 0.98 * len(before)
    assert all(before[h] == after[h] for h in common)
    assert len(converted.transcript.sentences) == len(sample_analysis.transcript.sentences)


def test_script_traditional_on_the_sample_keeps_the_analysis(sample_traditional: Analysis, sample_analysis: Analysis) -> None:
    assert [(v.hanzi, v.pinyin) for v in sample_traditional.vocab] == [(v.hanzi, v.pinyin) for v in sample_analysis.vocab]
    items = {v.hanzi: v for v in sample_traditional.vocab}
    assert items["人类命运共同体"].headword == "人類命運共同體"  # community with a shared future for mankind
    assert items["人类命运共同体"].other_form == "人类命运共同体"
    assert sample_traditional.transcript.title.startswith("國務委員兼外交部長王毅")


@pytest.mark.parametrize(
    "region, shown",
    [
        ("tw", "我們堅決反對任何形式的臺灣獨立分裂活動，這裡的人民不會答應。"),  # Taiwan: 臺, 裡
        ("hk", "我們堅決反對任何形式的台灣獨立分裂活動，這裏的人民不會答應。"),  # Hong Kong: 台, 裏
        ("cn", "我們堅決反對任何形式的臺灣獨立分裂活動，這裏的人民不會答應。"),  # OpenCC's standard
    ],
)
def test_region_picks_the_traditional_forms(region: str, shown: str) -> None:
    text = "我们坚决反对任何形式的台湾独立分裂活动，这里的人民不会答应。"  # we firmly oppose… people here will not accept it
    analysis = analyse(text=text, options=Options(script="traditional", region=region))  # type: ignore[arg-type]
    assert [s.shown for s in analysis.transcript.sentences] == [shown]
    assert [s.text for s in analysis.transcript.sentences] == [text]


def test_deck_imports_with_traditional_fields(tmp_path: Path, hk: Analysis, sample_analysis: Analysis) -> None:
    from anki_helpers import import_apkg, notes_by_guid, open_collection, render_all, visible_text

    from flashgen.anki.deck import vocab_guid

    stats = write_deck(hk.transcript, hk.vocab, make_cloze_items(hk), tmp_path / "hk.apkg")
    assert stats.deck_name == "政府就港鐵服務中斷事件召開記者會"
    with open_collection(tmp_path) as col:
        import_apkg(col, stats.path)
        notes = notes_by_guid(col)
        cards = render_all(col)
    mtr = notes[vocab_guid("港铁")]  # the GUID comes from the simplified form: one note whichever script
    assert visible_text(mtr["Hanzi"]) == "港鐵" and visible_text(mtr["Traditional"]) == "港铁"
    assert 'lang="zh-Hant"' in mtr["Hanzi"]
    assert {c.deck.split("::")[0] for c in cards} == {"政府就港鐵服務中斷事件召開記者會"}
    recall = next(c for c in cards if c.guid == vocab_guid("港铁") and c.template == "Recall")
    assert "港鐵" in visible_text(recall.answer)
    cloze = [c for c in cards if c.template == "Cloze"]
    assert cloze and not any(simplified_only(visible_text(c.question)) for c in cloze)


def test_a_rebuilt_deck_in_the_other_script_updates_the_same_notes(tmp_path: Path) -> None:
    from anki_helpers import import_apkg, notes_by_guid, open_collection, visible_text

    text = "我们坚定维护多边主义，推动构建人类命运共同体。中方愿同各国加强合作。"  # we uphold multilateralism…
    simplified = analyse(text=text)
    traditional = analyse(text=text, options=Options(script="traditional"))
    first = write_deck(simplified.transcript, simplified.vocab, [], tmp_path / "s.apkg", timestamp=1_000_000)
    second = write_deck(traditional.transcript, traditional.vocab, [], tmp_path / "t.apkg", timestamp=2_000_000)
    with open_collection(tmp_path) as col:
        import_apkg(col, first.path)
        count = len(col.find_notes(""))
        import_apkg(col, second.path)
        assert len(col.find_notes("")) == count  # updated in place, not duplicated
        shown = {visible_text(n["Hanzi"]) for n in notes_by_guid(col).values()}
    assert "人類命運共同體" in shown


def _shown_text(command: str, output: str) -> str:
    """The shown text of a command's output: display fields of the JSON, the worksheet as it is."""
    if command == "vocab":
        return " ".join(i["display"] + "".join(e["display"] for e in i["examples"]) for i in json.loads(output))
    if command == "sentences":
        return " ".join(s["display"] + (s["speaker"] or "") for s in json.loads(output))
    return output


@pytest.mark.parametrize("command", ["vocab", "sentences", "cloze"])
def test_cli_script_option(command: str) -> None:
    fmt = ["-f", "json"] if command != "cloze" else []
    result = CliRunner().invoke(cli, [command, str(HK), "--script", "simplified", *fmt])
    assert result.exit_code == 0, result.output
    shown = _shown_text(command, result.output)
    assert "港铁" in shown and not traditional_only(shown)
    result = CliRunner().invoke(cli, [command, str(HK), *fmt])  # auto: the text's own script
    assert result.exit_code == 0, result.output
    shown = _shown_text(command, result.output)
    assert "港鐵" in shown and not simplified_only(shown)


def test_cli_lookup_shows_the_word_as_typed() -> None:
    result = CliRunner().invoke(cli, ["lookup", "頭髮", "-f", "json"])  # hair
    data = json.loads(result.output)[0]
    assert (data["hanzi"], data["display"], data["secondary"], data["pinyin"]) == ("头发", "頭髮", "头发", "tóufa")
    result = CliRunner().invoke(cli, ["lookup", "发展", "--script", "traditional", "--region", "hk"])  # develop
    assert result.exit_code == 0 and "發展" in result.output


def test_bad_script_is_a_one_line_error() -> None:
    result = CliRunner().invoke(cli, ["vocab", "--script", "cyrillic"])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_known_words_in_traditional_leave_out_their_items(tmp_path: Path) -> None:
    known = tmp_path / "known.txt"
    known.write_text("港鐵\n乘客\n", encoding="utf-8")  # MTR, passenger: known, written in traditional
    assert {"港铁", "乘客"} <= {v.hanzi for v in analyse(HK).vocab}
    items = {v.hanzi for v in analyse(HK, Options(known=known)).vocab}
    assert items and not {"港铁", "乘客"} & items


@pytest.mark.parametrize(
    "word, mainland, taiwan",
    [
        ("垃圾", "lājī", "lèsè"),  # rubbish
        ("和", "hé", "hàn"),  # and (conjunction)
        ("发展", "fāzhǎn", "fāzhǎn"),  # develop: no Taiwan note, no change
    ],
)
def test_taiwan_readings(word: str, mainland: str, taiwan: str) -> None:
    text = "我们要把垃圾分类做好，中国和美国要合作发展。"  # we must sort rubbish well; China and the US must cooperate
    def reading(analysis: Analysis) -> str:
        return next(t.pinyin for s in analysis.transcript.sentences for t in s.tokens if t.text == word)

    default, tw = analyse(text=text), analyse(text=text, options=Options(readings="tw"))
    assert reading(default) == mainland and reading(tw) == taiwan
    before, after = {v.hanzi: v for v in default.vocab}, {v.hanzi: v for v in tw.vocab}
    if word in before:  # 和 is a function word, not an item
        assert after[word].pinyin == taiwan
        assert after[word].meanings == before[word].meanings  # the same entry, read the Taiwan way
    (item,) = json.loads(CliRunner().invoke(cli, ["lookup", word, "--readings", "tw", "-f", "json"]).output)
    assert item["pinyin"] == taiwan


def test_taiwan_readings_keep_the_items(sample_analysis: Analysis) -> None:
    from flashgen.chinese.taiwan import taiwan_reading

    tw = analyse(options=Options(readings="tw"))
    assert [v.hanzi for v in tw.vocab] == [v.hanzi for v in sample_analysis.vocab]
    pairs = [(a, b) for s, t in zip(sample_analysis.transcript.sentences, tw.transcript.sentences)
             for a, b in zip(s.tokens, t.tokens)]
    changed = [(a, b) for a, b in pairs if a.pinyin != b.pinyin]
    assert changed and {a.text for a, _ in changed} >= {"和"}  # and: hàn
    for a, b in changed:  # only where CC-CEDICT notes a Taiwan reading
        assert taiwan_reading(a.text, tuple(a.pinyin_numbered.split())) == tuple(b.pinyin_numbered.split())
