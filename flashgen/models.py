"""Plain dataclasses passed between pipeline stages.

Data flows one way: ``read`` → ``structure`` → ``segment`` → ``annotate`` →
``select`` → ``render``. Each stage takes these objects and returns new ones;
renderers never re-segment text, they only read these fields.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal, Optional

#: The values of the commands' options: one definition, used by the CLI's choices and the library's signatures.
VocabFormat = Literal["table", "json", "csv", "tsv", "markdown", "pleco", "html", "pdf"]
SentenceFormat = Literal["text", "json"]
ClozeFormat = Literal["text", "json", "html", "pdf"]
LookupFormat = Literal["table", "json"]
Paper = Literal["a4", "letter"]
Hint = Literal["english", "pinyin", "none"]
GroupBy = Literal["section", "hsk"]
QuizMode = Literal["meaning", "pinyin", "hanzi", "cloze", "mixed"]
HskStandard = Literal["2025", "2021", "2.0"]
AudioEngine = Literal["espeak", "command", "edge"]  # flashgen.audio's engines

#: Sentence kinds produced by the structure stage.
KINDS = ("title", "heading", "question", "answer", "narration")

#: The two scripts. The analysis is always in simplified characters; outputs show
#: the text's own script unless asked otherwise (``ScriptChoice``).
Script = Literal["simplified", "traditional"]
ScriptChoice = Literal["auto", "simplified", "traditional"]
#: Which traditional forms a simplified text is shown in: Hong Kong, Taiwan, or OpenCC's standard ("cn").
Region = Literal["hk", "tw", "cn"]
DEFAULT_REGION: Region = "tw"
#: Whose standard readings: the mainland's (default) or Taiwan's where CC-CEDICT notes it ("Taiwan pr.").
Readings = Literal["mainland", "tw"]


#: jieba's person-name flags (Token.pos). In segmentation an unknown word so tagged
#: stays whole when it starts with a surname; readings prefer proper-noun entries.
PERSON_FLAGS = frozenset({"nr", "nrt", "nrfg"})
#: Other proper-noun flags (places, organisations, other names): kept whole by the
#: segmenter unless made of longer known words.
PROPER_FLAGS = frozenset({"ns", "nt", "nz"})


@dataclass(frozen=True)
class Token:
    """One segmented word of a sentence, punctuation included."""

    text: str
    pos: str  # jieba part-of-speech flag ("x" punctuation, "m" number, "eng" Latin…)
    pinyin: str = ""  # tone marks, syllables written together ("gòngtóngtǐ"); "" if no hanzi
    pinyin_numbered: str = ""  # tone numbers 1–5, space separated ("gong4 tong2 ti3")
    display: str = ""  # the token as shown (the text's own script); "" when the same as ``text``

    @property
    def shown(self) -> str:
        """The token as the outputs show it."""
        return self.display or self.text


@dataclass
class Sentence:
    """A sentence of the transcript with where it stands and who says it."""

    index: int  # 0-based position among all sentences
    paragraph: int  # 0-based paragraph (block) index in the cleaned transcript
    section: Optional[str]  # heading the sentence stands under (None before the first)
    speaker: Optional[str]  # "王毅", "塔斯社记者"; None for headings and narration
    text: str  # the sentence, speaker label removed, hard line breaks repaired
    kind: str = "narration"  # one of KINDS
    tokens: list[Token] = field(default_factory=list)  # filled by the segment stage
    # The sentence as shown: the text's own characters, offset for offset with ``text``
    # (which is simplified, for the analysis); "" when the same as ``text``.
    display: str = ""

    @property
    def shown(self) -> str:
        """The sentence as the outputs show it."""
        return self.display or self.text

    def to_json(self) -> dict[str, Any]:
        """The ``sentences`` JSON contract (``display``: as shown; ``text``: the simplified analysis)."""
        return {
            "index": self.index,
            "paragraph": self.paragraph,
            "section": self.section,
            "speaker": self.speaker,
            "kind": self.kind,
            "text": self.text,
            "display": self.shown,
            "tokens": [
                {
                    "text": t.text,
                    "display": t.shown,
                    "pinyin": t.pinyin,
                    "pinyin_numbered": t.pinyin_numbered,
                    "pos": t.pos,
                }
                for t in self.tokens
            ],
        }


@dataclass
class Transcript:
    """A structured transcript: its title, source and sentences."""

    title: str
    source: str  # file name (never a full path) or "<text>"
    sentences: list[Sentence]
    slug: str = "transcript"  # file-name-safe identifier for outputs
    script: Script = "simplified"  # the script the outputs show (title, sections, speakers are in it)
    source_script: Script = "simplified"  # the script the text is written in
    region: Region = DEFAULT_REGION  # traditional forms used when converting a simplified text


@dataclass(frozen=True)
class Example:
    """A sentence of the transcript in which a vocabulary item occurs."""

    text: str
    speaker: Optional[str]
    section: Optional[str]
    sentence_index: int = -1
    pinyin: str = ""  # the whole sentence in tone-marked pinyin, words separated by spaces
    pinyin_numbered: str = ""  # the same with numbered syllables (for tone colours)
    sense: str = ""  # the word's sense in this sentence, when its examples use different senses
    display: str = ""  # the sentence as shown (offset for offset with ``text``); "" when the same
    word: str = ""  # the headword as written in this sentence; "" when the same as the item's

    @property
    def shown(self) -> str:
        """The example as the outputs show it."""
        return self.display or self.text

    def to_json(self) -> dict[str, Any]:
        """The example object of the ``vocab`` JSON contract (``sense`` only when the examples differ)."""
        data: dict[str, Any] = {"text": self.text, "display": self.shown, "speaker": self.speaker, "section": self.section}
        if self.sense:
            data["sense"] = self.sense
        return data


#: Put before a meaning composed from the word's parts wherever meanings are shown as text.
COMPOSED_MARK = "≈ "


@dataclass
class VocabItem:
    """One vocabulary entry, ranked and annotated."""

    hanzi: str
    traditional: str
    pinyin: str  # tone marks, syllables together ("rénlèi mìngyùn gòngtóngtǐ" only if the source spaces it)
    pinyin_numbered: str  # "ren2 lei4 ming4 yun4 gong4 tong2 ti3"
    zhuyin: str  # "ㄖㄣˊ ㄌㄟˋ …"
    meanings: list[str]  # best first; the official rendering first for glossary terms
    measure_words: list[str] = field(default_factory=list)  # "个 (gè)" style strings
    hsk: Optional[int] = None  # 1–6, 7 for the 7–9 band, None when off-list
    zipf: float = 0.0  # wordfreq Zipf frequency (0 when unknown)
    count: int = 0  # occurrences in the transcript
    term: bool = False  # from the diplomatic glossary
    category: Optional[str] = None  # glossary category, or "name"/"place"/"organisation"
    examples: list[Example] = field(default_factory=list)
    pos: str = ""  # dominant jieba flag
    composed: bool = False  # meaning composed from parts, not found in a dictionary
    meaning_source: str = ""  # "glossary", "cedict", "override", "composed"
    score: float = 0.0  # usefulness for this text, higher first
    related: list[str] = field(default_factory=list)  # listed sub-terms it holds and long terms it is part of
    # The headword as shown (the text's own form, or converted for --script); "" = ``hanzi``.
    display: str = ""
    # The other script's form, shown small; "" when it is the same. None: ``traditional``
    # under a simplified headword (the default for a simplified text).
    secondary: Optional[str] = None

    @property
    def headword(self) -> str:
        """The headword in the output script: the primary, large form."""
        return self.display or self.hanzi

    @property
    def other_form(self) -> str:
        """The headword in the other script, shown small ("" when the scripts agree)."""
        if self.secondary is not None:
            return self.secondary if self.secondary != self.headword else ""
        return self.traditional if self.traditional and self.traditional != self.headword else ""

    def to_json(self) -> dict[str, Any]:
        """The ``vocab`` JSON contract (extra keys are additive)."""
        # A shallow copy: dataclasses.asdict deep-copies every string (a tenth of a second per list).
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["display"], data["secondary"] = self.headword, self.other_form
        data["meanings"] = list(self.meanings)
        data["measure_words"] = list(self.measure_words)
        data["examples"] = [e.to_json() for e in self.examples]
        data["related"] = list(self.related)
        return data


@dataclass(frozen=True)
class Gloss:
    """A harder word of a sentence with its reading and short meaning (cloze backs)."""

    hanzi: str
    pinyin: str
    meaning: str
    display: str = ""  # as shown; "" when the same as ``hanzi``

    @property
    def shown(self) -> str:
        """The word as the outputs show it."""
        return self.display or self.hanzi


@dataclass
class ClozeItem:
    """One cloze sentence: a real sentence of the transcript with terms deleted."""

    id: str  # stable: derived from the sentence text and the answers only
    sentence: str  # the full sentence (shown on the back)
    cloze: str  # the (possibly trimmed) clause in Anki syntax: "…{{c1::多边主义::multilateralism}}…"
    answers: list[str]  # deleted terms in order (c1, c2, …)
    hint: str  # hint of the first deletion ("" when hints are off)
    choices: list[str]  # four distinct options, answers[0] among them (multiple choice for c1)
    speaker: Optional[str]
    section: Optional[str]
    sentence_index: int = -1
    sentence_pinyin: str = ""  # full sentence in tone-marked pinyin, words separated by spaces
    sentence_pinyin_numbered: str = ""  # same, numbered syllables (for tone colouring)
    hints: list[str] = field(default_factory=list)  # one per answer
    glosses: list[Gloss] = field(default_factory=list)
    score: float = 0.0  # rank of the best term asked
    # As shown (the text's own script); empty when the same as the analysis forms above.
    sentence_display: str = ""
    cloze_display: str = ""  # the same deletions, hints and offsets as ``cloze``
    answers_display: list[str] = field(default_factory=list)
    choices_display: list[str] = field(default_factory=list)

    @property
    def shown_sentence(self) -> str:
        """The full sentence as shown."""
        return self.sentence_display or self.sentence

    @property
    def shown_cloze(self) -> str:
        """The cloze text as shown."""
        return self.cloze_display or self.cloze

    @property
    def shown_answers(self) -> list[str]:
        """The deleted words as shown, in the order of ``answers``."""
        return self.answers_display or self.answers

    @property
    def shown_choices(self) -> list[str]:
        """The multiple-choice options as shown, in the order of ``choices``."""
        return self.choices_display or self.choices

    def to_json(self) -> dict[str, Any]:
        """The cloze JSON contract (extra keys are additive; the ``*_display`` keys are always filled)."""
        data = asdict(self)
        data["sentence_display"], data["cloze_display"] = self.shown_sentence, self.shown_cloze
        data["answers_display"], data["choices_display"] = self.shown_answers, self.shown_choices
        for gloss, shown in zip(data["glosses"], self.glosses):
            gloss["display"] = shown.shown
        return data


@dataclass(frozen=True)
class SourceUse:
    """What one transcript contributed to a word: for notes that gather every transcript a word occurs in."""

    slug: str  # the transcript's identifier (its source:: tag)
    title: str
    added: str  # ISO date-time the transcript was first recorded: most recent first
    count: int  # occurrences of the word in that transcript
    examples: tuple[Example, ...] = ()  # best first


@dataclass
class Analysis:
    """A transcript taken through the pipeline: what every renderer starts from."""

    transcript: Transcript  # sentences carry their tokens and readings
    vocab: list[VocabItem] = field(default_factory=list)
    selection: str = ""  # what the list leaves out by default ("HSK 1–2 words … left out"), for summaries
