"""Translators' round trip: the outline's texts out as XLIFF, PO or TMX, translations back into the YAML.

``units`` lists the texts (stable ids, states from the stale-translation lock, context), ``codes`` turns
inline markup into protected codes and back, one module per format writes and reads them, ``importer``
checks a translation file against the outline and writes it back at PyYAML's marks
(``outline/rewrite.py``). docs/translators.md is the user's guide.
"""
