"""Text on a slide: measured with the real font files, wrapped, fitted to a box and written as runs, on one grid."""
