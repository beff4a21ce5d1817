"""The slide builders: what each kind of slide holds (structure, content, stat/cards/comparison, tables, charts,
timelines, figures, back matter, speaker notes). They use typeset/ and oxml/; deck.py calls them in plan order."""
