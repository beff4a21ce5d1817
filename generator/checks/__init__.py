"""Whole-outline checks: facts, glyphs, images, parity, glossary, stale translations → [Problem]."""
