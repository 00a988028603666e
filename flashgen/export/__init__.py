"""Renderer: file exports (CSV, TSV, Pleco, Markdown) and the terminal table."""
