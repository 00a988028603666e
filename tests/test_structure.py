"""Recognising structure: hard-break repair, headings, title, speaker turns, sentences."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flashgen.models import KINDS
from flashgen.chinese.hanzi import is_hanzi
from flashgen.source.reader import SAMPLE_NAME, read_text
from flashgen.source.sentences import MAX_SENTENCE_CHARS, split_sentences
from flashgen.source.structure import make_slug, parse_transcript

SEED = Path(__file__).resolve().parents[1] / "data" / SAMPLE_NAME

# The eight section headings of the seed, each followed by one question and one answer.
SEED_HEADINGS = [
    "新的一年，元首外交将继续领航定向",  # head-of-state diplomacy will keep steering
    "世界越是动荡不宁，中俄合作越要坚定前行",  # the more turbulent the world, the firmer China–Russia cooperation
    "落实“爱国者治港”，完全合宪合法，正当合理",  # "patriots governing Hong Kong" is lawful
    "共同推动中美关系“辞旧迎新”，实现健康稳定发展",  # China–US relations: out with the old
    "为实现铸剑为犁、永不再战的联合国理想而持续努力",  # swords into ploughshares: the UN ideal
    "愿与欧盟共同应对各种全球性挑战",  # meeting global challenges with the EU
    "让疫苗真正成为“人民的疫苗”",  # vaccines for the people (ends with a closing quote)
    "制度差异不应成为对立对抗的理由",  # different systems are no reason for confrontation
]
SEED_TITLE = "国务委员兼外交部长王毅就中国外交政策和对外关系回答中外记者提问 希望外国媒体记者将焦距对准中国时"


@pytest.fixture(scope="module")
def seed():
    return parse_transcript(read_text(SEED), str(SEED))


# --- the real seed -----------------------------------------------------------


def test_seed_metadata(seed) -> None:
    # The title line carries a subtitle after a space; the headline alone names the transcript.
    assert seed.title == SEED_TITLE.split(" ")[0]
    assert seed.source == SAMPLE_NAME  # a file name, never the full path
    assert seed.slug == "wang-yi-press-conference-2021-03-07"


def test_seed_leading_lines(seed) -> None:
    first = seed.sentences[:3]
    # kicker "2021 Two Sessions", the title, the Xinhua narration paragraph
    assert [(s.kind, s.text) for s in first[:2]] == [("heading", "2021全国两会"), ("title", SEED_TITLE)]
    assert first[2].kind == "narration" and first[2].text.startswith("据新华社电 十三届全国人大四次会议7日")
    assert all(s.section is None and s.speaker is None for s in first)
    assert [s.paragraph for s in first] == [0, 1, 2]


@pytest.mark.parametrize(
    "whole",
    [
        # "… promote China–US relations 'out with the old', achieve healthy stable development." (cut: 实 / 现)
        "我们愿与美方一道，全面落实这次重要通话的成果，共同推动中美关系“辞旧迎新”，实现健康稳定发展。",
        # "… upholds the idea of multilateralism, committed to major-country coordination." (cut: 理 / 念)
        "中方乐见欧盟不断增强战略自主，秉持多边主义理念，致力于大国协调合作。",
        # "We will also build a model of fairness and justice, …" (cut: 我们还将 / 打造…)
        "我们还将打造公平正义的典范，携手维护多边主义，维护联合国权威，维护国际法和国际关系基本准则，维护全球战略稳定。",
    ],
)
def test_seed_hard_breaks_are_repaired(seed, whole: str) -> None:
    texts = [s.text for s in seed.sentences]
    assert whole in texts
    assert not any(t in ("实", "现健康稳定发展。", "我们还将") for t in texts)


def test_seed_sentences_are_clean(seed) -> None:
    assert [s.index for s in seed.sentences] == list(range(len(seed.sentences)))
    for s in seed.sentences:
        assert "\n" not in s.text and s.text == s.text.strip() and s.text
        assert s.kind in KINDS and s.tokens == []
        assert "记者：" not in s.text and not s.text.startswith("王毅：")  # labels removed
    paragraphs = [s.paragraph for s in seed.sentences]
    assert paragraphs == sorted(paragraphs)


def test_seed_headings(seed) -> None:
    headings = [s for s in seed.sentences if s.kind == "heading"]
    assert [s.text for s in headings] == ["2021全国两会"] + SEED_HEADINGS
    for h in headings[1:]:
        assert h.section == h.text and h.speaker is None


def test_seed_turns(seed) -> None:
    questions = [s for s in seed.sentences if s.kind == "question"]
    answers = [s for s in seed.sentences if s.kind == "answer"]
    assert questions and answers
    assert all(s.speaker.endswith("记者") for s in questions)
    assert all(s.speaker == "王毅" for s in answers)
    assert {s.speaker for s in questions} == {
        "中央广播电视台总台央视记者", "塔斯社记者", "香港中评社记者", "美国全国广播公司记者",
        "中央广播电视台总台中国国际电视台记者", "法新社记者", "中央广播电视台总台央广记者", "新加坡《联合早报》记者",
    }
    question_turns = {s.paragraph for s in questions}
    assert len(question_turns) == len(SEED_HEADINGS) == 8
    # every heading is followed by a question turn, then an answer turn, in the heading's section
    by_paragraph = {s.paragraph: s for s in reversed(seed.sentences)}  # first sentence of each paragraph
    for heading in (s for s in seed.sentences if s.kind == "heading" and s.section):
        question, answer = by_paragraph[heading.paragraph + 1], by_paragraph[heading.paragraph + 2]
        assert (question.kind, answer.kind) == ("question", "answer")
        assert question.section == answer.section == heading.text


def test_seed_counts(seed) -> None:
    # Pinned so that a rule change that moves sentences around shows up here.
    kinds = Counter(s.kind for s in seed.sentences)
    assert len(seed.sentences) == 134
    assert kinds == {"title": 1, "heading": 9, "narration": 1, "question": 15, "answer": 108}
    assert len({s.paragraph for s in seed.sentences}) == 55


@pytest.mark.parametrize(
    "sentence, speaker",
    [
        # "First, uphold the purposes and principles of the UN Charter." – ordinary text with a comma, not a label
        ("首先，坚持《联合国宪章》的宗旨和原则。", "王毅"),
        # "China holds that … a few points must be upheld:" – ends with a colon, still the answer
        ("中方认为，不管形势怎么变，改革怎么改，有几点必须坚持：", "王毅"),
        # "Truly become 'the people's vaccine'." – a quote ending a sentence stays with it
        ("我们期望所有具备能力的国家都能尽力向有需要的国家特别是发展中国家提供疫苗，让各国人民用得起、用得上，真正成为“人民的疫苗”。", "王毅"),
        # a quotation followed by the rest of the sentence stays one sentence
        ("“万物并育而不相害，道并行而不相悖”，2000多年前的中国就有了这样的包容哲学。", "王毅"),
        # "Tass: China and Russia are comprehensive strategic partners." – label removed
        ("中俄是全面战略协作伙伴。", "塔斯社记者"),
        ("您怎么看？", "新加坡《联合早报》记者"),  # "What do you think?" – label with 《》 inside
    ],
)
def test_seed_sentence_attribution(seed, sentence: str, speaker: str) -> None:
    match = [s for s in seed.sentences if s.text == sentence]
    assert len(match) == 1 and match[0].speaker == speaker


# --- sentence splitting --------------------------------------------------------


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        # "Hello. Good!" – plain enders
        ("你好。很好！", ["你好。", "很好！"]),
        # ASCII ? and ! split too; "……" is one ender
        ("真的吗?是的!等等……然后呢", ["真的吗?", "是的!", "等等……", "然后呢"]),
        # semicolon splits clauses
        ("中国人民最有发言权；中国人民才是主人翁。", ["中国人民最有发言权；", "中国人民才是主人翁。"]),
        # an ender inside a quotation never splits; the closing quote stays with its sentence
        ("他说：“我们要合作。我们要发展。”大家鼓掌。", ["他说：“我们要合作。我们要发展。”", "大家鼓掌。"]),
        # a title in 《》 with an ender inside stays whole
        ("我读了《为什么？》这本书。很好。", ["我读了《为什么？》这本书。", "很好。"]),
        # closing brackets follow their sentence
        ("（全文完。）下一句。", ["（全文完。）", "下一句。"]),
        # an unbalanced quote does not swallow the paragraph
        ("他说：“我们要合作。我们要发展。", ["他说：“我们要合作。", "我们要发展。"]),
        # whitespace runs collapse; edges stripped; Latin words keep one space
        ("  据新华社电   十三届   会议。 New  York  Times 报道。 ", ["据新华社电 十三届 会议。", "New York Times 报道。"]),
        # an ender followed by a comma does not end the sentence
        ("等等……，然后。", ["等等……，然后。"]),
        ("", []),
    ],
)
def test_split_sentences(paragraph: str, expected: list[str]) -> None:
    assert split_sentences(paragraph) == expected


# --- speaker labels ------------------------------------------------------------


@pytest.mark.parametrize(
    "line, speaker, kind",
    [
        ("塔斯社记者：疫情如何影响了俄中关系？", "塔斯社记者", "question"),  # Tass reporter
        ("新加坡《联合早报》记者：您怎么看？", "新加坡《联合早报》记者", "question"),  # Lianhe Zaobao reporter
        ("问：中方如何看待？", "问", "question"),  # Q:
        ("Q: 中方如何看待？", "Q", "question"),
        ("答：我们坚决反对。", "答", "answer"),  # A:
        ("张三：我们坚决反对。", "张三", "answer"),  # placeholder 2-hanzi name with a common surname
        ("外交部发言人：我们坚决反对。", "外交部发言人", "answer"),  # MFA spokesperson
        ("主持人：下面请提问。", "主持人", "answer"),  # moderator
        ("欧阳某某：我们坚决反对。", "欧阳某某", "answer"),  # compound surname, placeholder given name
        ("首先：我们坚决反对。", None, "narration"),  # "first:" is not a speaker
        ("第二：我们坚决反对。", None, "narration"),  # "second:"
        ("中方认为，有几点必须坚持：", None, "narration"),  # "China holds that …:" – punctuation inside
        ("我们认为：应当合作。", None, "narration"),  # "we believe:" – pronoun, not a name
        ("这是一个非常非常非常长的不可能是说话人标签的句子开头：好。", None, "narration"),  # > 25 chars
    ],
)
def test_speaker_labels(line: str, speaker, kind: str) -> None:
    # A reporter's question first, so that a bare name has a role label beside it.
    text = f"标题行在这里足够长的标题\n\n中央台记者：请问？\n\n{line}\n"
    sentences = parse_transcript(text).sentences
    last = sentences[-1]
    if speaker is None:
        # not a label: the line continues the reporter's turn, text intact
        assert last.speaker == "中央台记者" and last.text.endswith(line[-3:])
        assert any(line.split("：")[0] in s.text for s in sentences)
    else:
        assert (last.speaker, last.kind) == (speaker, kind)
        assert not any(s.text.startswith(speaker + "：") for s in sentences)


def test_bare_name_recurring_is_a_speaker_without_other_labels() -> None:
    # A dialogue that only names its (fictional) speakers, no common surname:
    # a name used as a label twice is trusted. "Hello." / "Goodbye."
    text = "阿明：你好。\n\n小红：你好。\n\n阿明：再见。\n\n小红：再见。\n"
    sentences = parse_transcript(text).sentences
    assert [s.speaker for s in sentences] == ["阿明", "小红", "阿明", "小红"]


def test_outline_items_are_not_speakers() -> None:
    # "Finance: …", "Trade: …" in a text without any role label: not speaker turns.
    text = "工作要点全文在这里列出\n\n金融：加大支持力度。\n\n贸易：扩大对外开放。\n"
    sentences = parse_transcript(text).sentences
    assert [(s.kind, s.speaker) for s in sentences[1:]] == [("narration", None), ("narration", None)]
    assert sentences[1].text == "金融：加大支持力度。"


def test_label_on_its_own_line_applies_to_the_next_paragraph() -> None:
    text = "记者：\n\n请问中方立场？\n\n张三：\n\n中方立场一贯。\n\n也是明确的。\n"
    got = [(s.speaker, s.kind, s.text) for s in parse_transcript(text).sentences]
    assert got == [
        ("记者", "question", "请问中方立场？"),
        ("张三", "answer", "中方立场一贯。"),
        ("张三", "answer", "也是明确的。"),  # the speaker carries over
    ]


# --- headings and hard breaks in other styles -------------------------------------

NUMBERED_SPEECH = """在全球发展论坛上的讲话
——携手构建全球发展共同体

（2021年9月21日）

一、坚持发展优先

发展是实现人民幸福的关键。我们要把发展置于全球宏观政策框架的突出位置。

二、坚持以人民为中心

要在发展中保障和改善民生，不断增强民众的幸福感、获得感、安全感。

（一）推动普惠包容

关注发展中国家特殊需求，通过缓债、发展援助等方式
支持发展中国家，着力解决发展不平衡、不充分问题。

第三部分 行动导向

我们要坚持行动导向。
"""


def test_numbered_speech_without_speakers() -> None:
    tr = parse_transcript(NUMBERED_SPEECH, "speech.txt")
    # "Speech at the Global Development Forum"; subtitle and date are front matter
    assert tr.title == "在全球发展论坛上的讲话"
    kinds = [(s.kind, s.section, s.text) for s in tr.sentences]
    assert kinds[:3] == [
        ("title", None, "在全球发展论坛上的讲话"),
        ("heading", None, "——携手构建全球发展共同体"),
        ("heading", None, "（2021年9月21日）"),
    ]
    headings = [s.text for s in tr.sentences if s.kind == "heading" and s.section]
    assert headings == ["一、坚持发展优先", "二、坚持以人民为中心", "（一）推动普惠包容", "第三部分 行动导向"]
    assert all(s.speaker is None for s in tr.sentences)
    assert {s.kind for s in tr.sentences} == {"title", "heading", "narration"}
    # a single line break inside a paragraph that cuts a sentence is joined without a space
    assert "关注发展中国家特殊需求，通过缓债、发展援助等方式支持发展中国家，着力解决发展不平衡、不充分问题。" in [
        s.text for s in tr.sentences
    ]
    assert tr.slug == "speech"


PDF_DUMP = """中国外交部长在联合国大会上的发言
各位代表，女士们，先生们：今天，我们在这里召开联合国大会，共同探讨全球治理的
未来。当前，世界百年未有之大变局加速演进，国际形势风云变幻，各国人民对和平与发
展的期待更加强烈。我们认为，各国应当坚持多边主义，维护以联合国为核心的国际体
系。
坚持合作共赢
合作是应对全球挑战的唯一正确选择。我们愿同各国一道，加强抗疫合作，推动世界经济
复苏，共同建设一个更加美好的世界。
"""


def test_pdf_dump_with_single_line_breaks() -> None:
    tr = parse_transcript(PDF_DUMP, "dump.txt")
    texts = [s.text for s in tr.sentences]
    assert tr.title == "中国外交部长在联合国大会上的发言"
    # words cut at the line end (与发 / 展, 体 / 系) come out whole
    assert "当前，世界百年未有之大变局加速演进，国际形势风云变幻，各国人民对和平与发展的期待更加强烈。" in texts
    assert "我们认为，各国应当坚持多边主义，维护以联合国为核心的国际体系。" in texts
    assert "合作是应对全球挑战的唯一正确选择。" in texts
    # a short line standing alone in a text without speakers is a heading ("win-win cooperation")
    heading = [s for s in tr.sentences if s.kind == "heading"]
    assert [h.text for h in heading] == ["坚持合作共赢"]
    assert tr.sentences[-1].section == "坚持合作共赢"


@pytest.mark.parametrize(
    "text, expected_headings, joined",
    [
        # one paragraph per line, headings on lines of their own ("unity", "green development")
        ("峰会讲话全文标题在这里\n团结合作\n各国要加强团结。\n绿色发展\n我们要加快绿色转型。\n", ["团结合作", "绿色发展"], None),
        # a piece ending on a word that needs a continuation ("we will also") is cut, not a heading
        ("中国经济的新发展\n\n我们还将\n\n打造公平正义的典范。\n", [], "我们还将打造公平正义的典范。"),
        # a next line starting with a comma continues the last one
        ("中国经济的新发展\n\n坚持合作\n\n，共同发展。\n", [], "坚持合作，共同发展。"),
        # Latin words cut at a line end keep their space
        ("中国经济的新发展\n\n我们在New\nYork举行会谈。\n", [], "我们在New York举行会谈。"),
        # in a press conference only a line before a speaker turn is a heading
        ("标题足够长的记者会实录\n\n记者：请问？\n\n张三：首先\n\n我们要合作。\n\n合作共赢\n\n记者：谢谢？\n",
         ["合作共赢"], "首先我们要合作。"),
    ],
)
def test_headings_and_cuts_generalise(text: str, expected_headings: list[str], joined) -> None:
    tr = parse_transcript(text)
    assert [s.text for s in tr.sentences if s.kind == "heading"] == expected_headings
    if joined:
        assert joined in [s.text for s in tr.sentences]


@pytest.mark.parametrize(
    "text, title",
    [
        ("", "Untitled transcript"),
        ("   \n\n  ", "Untitled transcript"),
        # no leading line: the first sentence, trimmed to 30 characters
        ("记者：今年中国外交有哪些重点和亮点？", "今年中国外交有哪些重点和亮点"),
        ("对中国而言，2021年是具有划时代意义的一年，我们将迎来中国共产党百年华诞，中国外交也将开启新的征程。",
         "对中国而言，2021年是具有划时代意义的一年，我们将迎来中国…"),
        # only a short leading line ("Two Sessions"): the one with most hanzi
        ("两会\n\n正文第一句。", "两会"),
    ],
)
def test_title_fallback(text: str, title: str) -> None:
    assert parse_transcript(text).title == title


@pytest.mark.parametrize(
    "source, slug",
    [
        ("wang-yi-press-conference-2021-03-07.txt", "wang-yi-press-conference-2021-03-07"),
        ("/some/dir/My Talk (final).TXT", "My-Talk-final"),
        ("C:\\talks\\speech.txt", "speech"),
        ("外长记者会.txt", "外长记者会"),  # "foreign minister press conference": the Chinese name is kept
        ("<text>", "transcript"),
        ("--.txt", "transcript"),
        ("", "transcript"),
    ],
)
def test_make_slug(source: str, slug: str) -> None:
    assert make_slug(source) == slug


def test_source_is_a_file_name() -> None:
    assert parse_transcript("中国。", "/a/b/talk.txt").source == "talk.txt"
    assert parse_transcript("中国。").source == "<text>"


# --- properties ----------------------------------------------------------------

# Characters that exercise every rule: hanzi, labels' endings, enders, quotes, colons, breaks.
_ALPHABET = st.sampled_from(list("中国张三记者问答将的会。！？；…“”《》：:，、（）一二  \n\n\n\r\tAb1"))
_TEXT = st.one_of(st.text(_ALPHABET, max_size=120), st.text(max_size=80))


def _hanzi(text: str) -> str:
    return "".join(c for c in text if is_hanzi(c))


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(c in it for c in short)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_parse_never_loses_hanzi(text: str) -> None:
    tr = parse_transcript(text)
    got = _hanzi("".join(s.text for s in tr.sentences))
    want = _hanzi(text)
    # Every hanzi appears, in order; the only ones dropped belong to a speaker label,
    # i.e. stand before the first colon of their line.
    assert _is_subsequence(got, want)
    label_chars = set()
    for line in text.splitlines():
        for colon in "：:":
            label_chars.update(_hanzi(line.split(colon, 1)[0]) if colon in line else "")
    if not label_chars:
        assert got == want
    missing = list(want)
    for c in got:
        missing.remove(c)
    assert set(missing) <= label_chars
    # and the shape of every sentence is sound
    assert [s.index for s in tr.sentences] == list(range(len(tr.sentences)))
    for s in tr.sentences:
        assert s.text and s.text == s.text.strip() and "\n" not in s.text and "\r" not in s.text
        assert s.kind in KINDS
        assert (s.speaker is None) == (s.kind in ("title", "heading", "narration"))
    assert sum(s.kind == "title" for s in tr.sentences) <= 1
    assert tr.slug and tr.title


@pytest.mark.parametrize(
    "text",
    [
        # Speech recognition output: clauses with commas, no full stop for 600 characters.
        "我们坚持多边主义，维护联合国权威，推动构建人类命运共同体，" * 20,
        # No clause mark at all: cut hard every MAX_SENTENCE_CHARS characters.
        "中国坚持和平发展道路" * 70,
        # Spaces only, as in unpunctuated subtitles run together.
        "我们坚持多边主义 维护联合国权威 " * 25,
    ],
    ids=["commas", "no-marks", "spaces"],
)
def test_run_on_sentences_are_cut(text: str) -> None:
    pieces = split_sentences(text)
    assert len(pieces) > 1 and all(len(p) <= MAX_SENTENCE_CHARS for p in pieces)
    assert "".join(pieces).replace(" ", "") == text.replace(" ", "")  # nothing lost
    if "，" in text:
        assert all(p.endswith("，") for p in pieces[:-1])  # cut after a comma, not inside a clause


def test_long_sentences_of_real_text_stay_whole() -> None:
    sentence = "二是要同舟共济，加强抗疫国际合作，坚持多边主义，反对单边主义，推动构建人类卫生健康共同体。"
    assert split_sentences(sentence * 2) == [sentence, sentence]
