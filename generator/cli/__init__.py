"""The ``duopress`` command, a thin dispatcher: parse the arguments (parser.py), settle them with duopress.toml,
run the command (commands.py: each a few calls into the packages), map what went wrong to an exit code.

Exit codes:
  0  success (warnings may have been printed)
  1  the outline or the theme has problems (every one is printed, located)
  2  usage: a bad option, an unknown language or format, a missing file, no outline here, a problem in
     duopress.toml, a file `duopress init` or `duopress theme` would overwrite
  3  an internal error: a bug in duopress (the traceback is saved to a file, its path printed)
  4  the output could not be written (permissions, a full disk); earlier artifacts are untouched
  130, 143  interrupted by Ctrl-C (SIGINT) or SIGTERM; finished artifacts are kept, workers ended
"""

from __future__ import annotations

import sys

from ..errors import DuopressError, UsageError
from ..pipeline.interrupt import Interrupted, stop_on_signals
from ..project.settings import SETTLED as _SETTLED
from ..project.settings import ConfigProblems
from .commands import policy
from .exits import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, EXIT_OUTPUT, EXIT_PROBLEMS, EXIT_USAGE
from .parser import bundled_themes, make_parser
from .report import internal_error, print_problems

__all__ = ["main", "EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "EXIT_INTERNAL", "EXIT_OUTPUT", "EXIT_INTERRUPTED"]


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        if args.command in _SETTLED:
            _settle(args)
        _check_up_front(args)
        with stop_on_signals():
            return args.run(args)
    except ConfigProblems as exc:  # before DuopressError, which it is
        print_problems(exc.problems, args)
        print(f"duopress: error: {exc.path} has problems; fix them or move it aside", file=sys.stderr)
        return EXIT_USAGE
    except DuopressError as exc:
        print_problems(policy(args).apply(exc.problems), args)
        return EXIT_PROBLEMS
    except UsageError as exc:
        print(f"duopress: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"duopress: error: cannot write output: {exc}", file=sys.stderr)
        return EXIT_OUTPUT
    except KeyboardInterrupt as exc:
        name = exc.name if isinstance(exc, Interrupted) else "SIGINT"
        print(f"duopress: interrupted ({name}); finished artifacts were kept, unfinished ones discarded",
              file=sys.stderr)
        return exc.exit_code if isinstance(exc, Interrupted) else EXIT_INTERRUPTED
    except Exception:  # a bug: say so briefly, keep the details for the report
        return internal_error()


def _settle(args) -> None:
    """Fill every option not given on the command line from duopress.toml, then the defaults."""
    from ..project.settings import settle

    settle(args, bundled_themes())


def _check_up_front(args) -> None:
    """What is refused before any work: a SOURCE_DATE_EPOCH the commands that stamp (or lay out with) a
    build clock cannot use, and a --lang or --format that names nothing."""
    from ..clock import source_date_epoch
    from ..pipeline.request import names as requested

    if args.command in ("build", "watch", "serve", "preview", "review", "check"):
        source_date_epoch()
    if args.command in ("build", "watch", "serve", "preview"):
        requested(args.lang, "language")
        requested(args.format, "format")
