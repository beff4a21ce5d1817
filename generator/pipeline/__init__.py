"""The build: request → plan → check → localize → render → atomic output, manifest, lock, workers."""
