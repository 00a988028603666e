"""Sound for the cards: each headword and example sentence spoken, as small cached MP3 clips.

A renderer-side stage: it takes the text and the reading flashgen decided
(:mod:`flashgen.audio.speech`) and returns clip files
(:func:`flashgen.audio.synth.synthesise`) that the Anki renderer puts in the
package. Engines (:mod:`flashgen.audio.engines`): ``espeak`` (espeak-ng,
offline), ``command`` (any local program from a template), ``edge``
(Microsoft's online neural voices through edge-tts). Clips are encoded by
:mod:`flashgen.audio.encode` (SoX).
"""

from __future__ import annotations

from flashgen.audio.engines import ENGINES
from flashgen.audio.speech import Speech, cloze_speech, example_speech, speeches, word_speech
from flashgen.audio.synth import AudioMedia, AudioOptions, synthesise

__all__ = ["ENGINES", "AudioMedia", "AudioOptions", "Speech", "cloze_speech", "example_speech", "speeches",
           "synthesise", "word_speech"]
