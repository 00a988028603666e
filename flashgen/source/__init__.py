"""Stage 1, the source: read a transcript file, convert its script, find its structure (title, headings, speakers, sentences)."""
