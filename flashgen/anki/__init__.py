"""Renderer: the Anki package (note types, card HTML, the .apkg writer)."""
