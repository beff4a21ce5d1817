"""``python -m generator`` is the ``duopress`` command; ``run`` is also the installed script's entry."""

from __future__ import annotations

import sys


def run() -> int:
    """The command line, with Ctrl-C while duopress is still importing ended quietly (exit 130), as
    README's exit codes say, instead of a traceback from the middle of an import."""
    try:
        from .cli import main
    except KeyboardInterrupt:
        print("duopress: interrupted (SIGINT) while starting", file=sys.stderr)
        return 130
    return main()


if __name__ == "__main__":
    raise SystemExit(run())
