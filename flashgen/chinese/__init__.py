"""Stage 2, Chinese-text knowledge: characters, punctuation, tones, the lexicon and glossary, segmentation, readings, meanings, levels."""
