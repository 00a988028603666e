"""Stage 3, study items: annotated sentences, the ranked vocabulary, cloze items, lookups."""
