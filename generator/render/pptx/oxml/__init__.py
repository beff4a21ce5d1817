"""Below python-pptx's API, in one place: raw XML it cannot write (East Asian fonts, autofit, chart details),
its faster queries, constant-time slide adding, deterministic package bytes, and how the deck names its fonts."""
