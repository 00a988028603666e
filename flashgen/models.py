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

    def to_json(self) -> dict[str, Any]:
        """The ``sentences`` JSON contract."""
        return {
            "index": self.index,
            "paragraph": self.paragraph,
            "section": self.section,
            "speaker": self.speaker,
            "kind": self.kind,
            "text": self.text,
            "tokens": [
                {
                    "text": t.text,
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


@dataclass(frozen=True)
class Example:
    """A sentence of the transcript in which a vocabulary item occurs."""

    text: str
    speaker: Optional[str]
    section: Optional[str]
    sentence_index: int = -1
    pinyin: str = ""  # the whole sentence in tone-marked pinyin, words separated by spaces
    pinyin_numbered: str = ""  # the same with numbered syllables (for tone colours)

    def to_json(self) -> dict[str, Any]:
        """The example object of the ``vocab`` JSON contract."""
        return {"text": self.text, "speaker": self.speaker, "section": self.section}


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

    def to_json(self) -> dict[str, Any]:
        """The ``vocab`` JSON contract (extra keys are additive)."""
        # A shallow copy: dataclasses.asdict deep-copies every string (a tenth of a second per list).
        data = {f.name: getattr(self, f.name) for f in fields(self)}
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

    def to_json(self) -> dict[str, Any]:
        """The cloze JSON contract (extra keys are additive)."""
        return asdict(self)


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
