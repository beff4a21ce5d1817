"""Long-running and interactive commands: watch, preview, and the per-artifact progress lines."""
