"""The theme (validated like the outline), the fonts it names, and where bundled resources live."""
