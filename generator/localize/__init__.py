"""One language of an outline → a Document (plain data for renderers); the only place babel is imported."""
