"""The ``duopress`` command: parse arguments, call build or check, print problems, map them to exit codes.

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

import argparse
import os
import sys
import tempfile
import traceback
from pathlib import Path

from .errors import DuopressError, Problem, UsageError, sorted_problems
from .options import CHOICES
from .pipeline.interrupt import Interrupted, stop_on_signals
from .project.settings import SETTLED as _SETTLED
from .project.settings import ConfigProblems
from .version import __version__

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL, EXIT_OUTPUT = 0, 1, 2, 3, 4
EXIT_INTERRUPTED = 130  # 128 + the signal: 130 for Ctrl-C (SIGINT), 143 for SIGTERM


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
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
        _print_problems(exc.problems, args)
        print(f"duopress: error: {exc.path} has problems; fix them or move it aside", file=sys.stderr)
        return EXIT_USAGE
    except DuopressError as exc:
        _print_problems(_policy(args).apply(exc.problems), args)
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
        return _internal_error()


def _settle(args) -> None:
    """Fill every option not given on the command line from duopress.toml, then the defaults."""
    from .project.settings import settle

    settle(args, _bundled_themes())


def _policy(args):
    from .project.settings import ProblemPolicy

    settings = getattr(args, "settings", None)
    return settings.policy() if settings is not None else ProblemPolicy()


def _check_up_front(args) -> None:
    """What is refused before any work: a SOURCE_DATE_EPOCH the commands that stamp (or lay out with) a
    build clock cannot use, and a --lang or --format that names nothing."""
    from .clock import source_date_epoch
    from .pipeline.request import names as requested

    if args.command in ("build", "watch", "preview", "review", "check"):
        source_date_epoch()
    if args.command in ("build", "watch", "preview"):
        requested(args.lang, "language")
        requested(args.format, "format")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="duopress",
        description="One bilingual outline → a deck (.pptx) and a brief (.pdf) in every language.",
        epilog="Exit codes: 0 ok, 1 problems in the outline or theme, 2 usage, 3 internal error, "
               "4 output not writable, 130/143 interrupted.",
    )
    parser.add_argument("--version", action="version", version=f"duopress {__version__}")
    parser.add_argument("--no-color", action="store_true", help="no colour, even on a terminal (as NO_COLOR=1)")
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: a subcommand's own default must not undo `duopress --no-color build`
    common.add_argument("--no-color", action="store_true", default=argparse.SUPPRESS,
                        help="no colour, even on a terminal (as NO_COLOR=1)")
    commands = _Commands(parser.add_subparsers(dest="command", metavar="COMMAND"), common)

    build = commands.add_parser("build", help="build decks and briefs (only what changed)", description=(
        "Build OUTLINE (default: ./outline.yaml, else the bundled essay) into output/<stem>.<lang>.<pptx|pdf>. "
        "Only artifacts whose inputs changed are rewritten."))
    _build_options(build)
    build.add_argument("--json", action="store_true", help="print one JSON object: artifacts and problems")
    build.set_defaults(run=_run_build)

    watch = commands.add_parser("watch", help="rebuild whenever the outline, theme or template is saved")
    _build_options(watch)
    watch.set_defaults(run=_run_watch, json=False)

    preview = commands.add_parser("preview", help="build, then PNG thumbnails and contact sheets", description=(
        "Build OUTLINE, then render every slide and page to PNG, with one contact sheet per artifact, "
        "into <out>/preview/."))
    _build_options(preview)
    preview.add_argument("--without-fonts", action="store_true",
                         help="draw the decks without duopress's fonts, as a colleague who lacks them sees them "
                              "(LibreOffice substitutes, e.g. Liberation Sans and UnDotum)")
    preview.set_defaults(run=_run_preview, json=False)

    check = commands.add_parser("check", help="report every problem in an outline", description=(
        "Check OUTLINE and print every problem, located as FILE:LINE:COL."))
    _outline_argument(check)
    check.add_argument("--strict", action="store_true", default=None, help="treat warnings as errors")
    _ignore_option(check)
    check.add_argument("--format", choices=("text", "json"), default="text", type=str.lower,
                       help="json: one object for CI")
    check.add_argument("--theme", type=_theme_file, help=_theme_help())
    check.add_argument("--template", type=Path, help="check the deck's fit on this .pptx template")
    check.add_argument("--fit", action="store_true", help="list the fit of every text frame of every deck")
    check.add_argument("--no-fit", action="store_true", help="skip laying out the decks (faster)")
    check.set_defaults(run=_run_check)

    accept = commands.add_parser("accept", help="record the current translations as reviewed", description=(
        "Record fingerprints of every text in OUTLINE's lock file (<stem>.lock.json next to it), so that "
        "`duopress check` reports a translation as stale once its source text changes. The YAML is never "
        "rewritten."))
    _outline_argument(accept)
    accept.add_argument("--only", nargs="+", metavar="NODE-PATH",
                        help="accept only these nodes, e.g. sections[2] or sections[2].items[0].title")
    accept.set_defaults(run=_run_accept)

    schema = commands.add_parser("schema", help="print the outline's JSON Schema (for editors)")
    schema.set_defaults(run=_run_schema)

    review = commands.add_parser("review", help="a side-by-side PDF of every text for translators", description=(
        "Write <out>/<stem>.review.pdf: every text item by item, one column per language, facts resolved, "
        "stale and warned texts highlighted."))
    _outline_argument(review)
    review.add_argument("--out", type=Path, help="output folder (default: ./output)")
    review.add_argument("--theme", type=_theme_file, help=_theme_help())
    review.set_defaults(run=_run_review)

    theme = commands.add_parser("theme", help="write a bundled theme to a file, to customise", description=(
        "Write one of duopress's themes to FILE (installed, they live inside the package); edit it and build "
        "with --theme FILE."))
    theme.add_argument("name", nargs="?", default="default", choices=_bundled_themes(), metavar="NAME",
                       help=f"which theme: {', '.join(_bundled_themes())} (default: default)")
    theme.add_argument("--out", type=Path, default=Path("theme.yaml"), metavar="FILE",
                       help="where to write it (default: ./theme.yaml)")
    theme.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    theme.set_defaults(run=_run_theme)

    init = commands.add_parser("init", help="start a project: a small bilingual outline and duopress.toml",
                               description=(
        "Write a small commented bilingual outline (outline.yaml) and duopress.toml into DIR (default: here), "
        "ready to check and build. Existing files are never overwritten (exit 2)."))
    init.add_argument("dir", nargs="?", type=Path, default=Path("."), metavar="DIR")
    init.add_argument("--from-essay", action="store_true",
                      help="start from the bundled essay (every construct, a long talk) instead of the small outline")
    init.add_argument("--theme", nargs="?", const="default", metavar="NAME",
                      help="also write an editable copy of a bundled theme (theme.yaml) and use it")
    init.add_argument("--no-config", action="store_true", help="write the outline only, no duopress.toml")
    init.set_defaults(run=_run_init)

    config = commands.add_parser("config", help="show the settings a build would use, and where each came from",
                                 description=(
        "Print every setting — the command line over duopress.toml (beside OUTLINE, else here) over duopress's "
        "defaults — with where it came from."))
    _build_options(config)
    check_like = config.add_argument_group("check")
    check_like.add_argument("--strict", action="store_true", default=None, help="treat warnings as errors")
    config.set_defaults(run=_run_config)
    return parser


class _Commands:
    """``add_parser`` with the options every command shares (``--no-color``)."""

    def __init__(self, subparsers, common: argparse.ArgumentParser):
        self.subparsers, self.common = subparsers, common

    def add_parser(self, name: str, **kwargs) -> argparse.ArgumentParser:
        return self.subparsers.add_parser(name, parents=[self.common], **kwargs)


def _ignore_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ignore", action="append", metavar="CODE",
                        help="silence warnings with this code, or every code under a prefix (repeatable, added to "
                             "duopress.toml's): --ignore parity.numbers --ignore glossary")


def _folded(*choices: str):
    """A choice matched without regard to case (``--paper a4``), where case never changes the meaning."""
    def read(value: str) -> str:
        return {c.casefold(): c for c in choices}.get(value.casefold(), value)
    return read


def _build_options(parser: argparse.ArgumentParser) -> None:
    _outline_argument(parser)
    parser.add_argument("--lang", help="comma-separated languages to build (default: all declared)")
    parser.add_argument("--format", type=str.lower, help=_formats_help())
    parser.add_argument("--out", type=Path, help="output folder (default: ./output)")
    for choice in CHOICES.values():
        parser.add_argument(f"--{choice.name}", choices=choice.values, type=_folded(*choice.values),
                            help=choice.help)
    parser.add_argument("--theme", type=_theme_file, help=_theme_help())
    parser.add_argument("--template", type=Path, help="a .pptx whose masters and layouts the decks build on")
    parser.add_argument("--force", action="store_true", help="rebuild every artifact, changed or not")
    parser.add_argument("-q", "--quiet", action="store_true", default=None, help="print problems and failures only")
    _ignore_option(parser)


def _formats_help() -> str:
    """The formats the renderer registry knows, each with what it makes (the registry imports nothing heavy)."""
    from .render.registry import RENDERERS, default_formats

    listed = "; ".join(f"{name}: {renderer.description}" for name, renderer in RENDERERS.items())
    return f"comma-separated formats ({listed}; default: {','.join(default_formats())})"


def _bundled_themes() -> list[str]:
    from .style.resources import bundled_themes

    return bundled_themes()


def _theme_help() -> str:
    return f"a theme YAML file, or a bundled theme by name ({', '.join(_bundled_themes())}; default: default)"


def _theme_file(value: str) -> Path:
    """--theme: a file; a bare name with no such file is a bundled theme (``--theme portable``, ``Portable``)."""
    from .style.resources import theme_path

    path = Path(value)
    if not path.exists() and value.lower() in _bundled_themes():
        return theme_path(value.lower())
    return path


def _outline_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("outline", nargs="?", type=Path, metavar="OUTLINE",
                        help="the outline YAML (default: duopress.toml's outline, else ./outline.yaml)")


def _resolve_outline(given: Path | None, origin: str = "") -> Path:
    """The outline named (on the command line or in duopress.toml), else ./outline.yaml. With none, say how to
    start rather than build the essay hidden inside the installed package: its outputs would be a surprise and
    its source hard to find."""
    if given is not None:
        if not given.is_file():
            named = f" (named by {origin})" if origin.endswith(tuple("0123456789")) else ""
            raise UsageError(f"no outline file '{given}'{named}")
        return given
    local = Path("outline.yaml")
    if local.is_file():
        return local
    raise UsageError("no outline.yaml here. Start one with `duopress init` (a small bilingual outline to edit) "
                     "or `duopress init --from-essay` (the bundled essay), or name one: duopress build talk.yaml")


def _build_once(args, outline: Path, progress):
    from .api import build

    return build(outline, langs=args.lang, formats=args.format, out=args.out, notes=args.notes,
                 paper=args.paper, theme=args.theme, template=args.template, force=args.force, handout=args.handout,
                 on_artifact=progress.artifact)


def _run_build(args) -> int:
    from .live.progress import Progress

    outline = _resolve_outline(args.outline, _origin(args, "outline"))
    policy = _policy(args)
    progress = Progress(quiet=args.quiet, as_json=args.json, no_color=_no_color(args))
    try:
        result = _build_once(args, outline, progress)
    except DuopressError as exc:
        if not args.json:
            raise
        progress.finish(None, policy.apply(exc.problems))
        return EXIT_PROBLEMS
    progress.finish(result, policy.apply(result.problems))
    return _exit_for_failures(result.failed) or _exit_for_promoted(args, result.problems)


def _exit_for_promoted(args, problems: list[Problem]) -> int:
    """Warnings duopress.toml's [problems.severity] makes errors fail the build once it is written (as
    mkdocs --strict does): the artifacts are there to look at, and the exit code tells CI."""
    promoted = _policy(args).promoted(problems)
    if not promoted:
        return EXIT_OK
    print(f"duopress: {promoted} warning(s) count as errors by {args.settings.config}", file=sys.stderr)
    return EXIT_PROBLEMS


def _run_watch(args) -> int:
    from .live.progress import Progress
    from .live.watch import watch

    outline = _resolve_outline(args.outline, _origin(args, "outline"))

    def run_build():
        progress = Progress(quiet=args.quiet, no_color=_no_color(args))
        result = _build_once(args, outline, progress)
        progress.finish(result, _policy(args).apply(result.problems))

    def prepare():
        from .api import preload

        preload(args.format, args.theme)

    watch(outline, run_build, theme=args.theme, template=args.template, out=args.out, prepare=prepare)
    return EXIT_OK


def _run_preview(args) -> int:
    from .live.preview import preview, with_drawn_decks
    from .live.progress import Progress

    outline = _resolve_outline(args.outline, _origin(args, "outline"))
    args.format = with_drawn_decks(args.format)  # without LibreOffice, decks are shown as duopress draws them
    progress = Progress(quiet=args.quiet, no_color=_no_color(args))
    result = _build_once(args, outline, progress)
    progress.finish(result, _policy(args).apply(result.problems))
    if result.failed:
        return _exit_for_failures(result.failed)
    shown = preview([a.path for a in result.artifacts], Path(args.out), hide_fonts=args.without_fonts)
    for artifact, why in shown.skipped:
        print(f"duopress: no preview of {_display(artifact)}: {why}", file=sys.stderr)
    if not args.quiet:
        for note in shown.notes:
            print(note)
    sheets = [p for p in shown.written if p.name.endswith(".sheet.png")]
    if not args.quiet:
        for sheet in sheets:
            print(f"preview   {_display(sheet)}")
    return EXIT_OK


def _exit_for_failures(failed) -> int:
    """A content problem a renderer found (text that cannot fit) is 1; anything else is a bug."""
    if not failed:
        return EXIT_OK
    if all(f.error is None for f in failed):  # each failed on a located problem, printed with the others
        return EXIT_PROBLEMS
    bug = next(f.error for f in failed if f.error is not None)
    return _internal_error(getattr(bug, "details", "") or repr(bug))


def _run_check(args) -> int:
    from .api import checked, fit_problems, fits_of

    outline = _resolve_outline(args.outline, _origin(args, "outline"))
    model = the_theme = None
    try:
        model, the_theme, problems = checked(outline, theme=args.theme)
    except DuopressError as exc:
        problems = exc.problems
    fits = {}
    if not args.no_fit and model is not None and not any(p.is_error for p in problems):
        fits = fits_of(model, the_theme, theme=args.theme, template=args.template)
        problems += fit_problems(fits)
    problems = _policy(args).apply(problems)
    failing = [p for p in problems if p.is_error or args.strict]
    if args.format == "json":
        _print_json_check(outline, problems, fits, ok=not failing)
    else:
        if fits:
            _print_fit(fits, every_frame=args.fit)
        _print_problems(problems, args)
        errors = len([p for p in problems if p.is_error])
        print(f"{outline}: {errors} error(s), {len(problems) - errors} warning(s)", file=sys.stderr)
    return EXIT_PROBLEMS if failing else EXIT_OK


def _print_json_check(outline: Path, problems: list[Problem], fits: dict, ok: bool) -> None:
    import json

    from .live.progress import problem_record

    data = {
        "outline": str(outline),
        "ok": ok,
        "errors": sum(1 for p in problems if p.is_error),
        "warnings": sum(1 for p in problems if not p.is_error),
        "problems": [problem_record(p) for p in sorted_problems(problems)],
        "fit": {lang: [vars(e) if hasattr(e, "__dict__") else e._asdict() for e in entries]
                for lang, entries in fits.items()},
    }
    print(json.dumps(data, ensure_ascii=False, indent=1, default=str))


def _run_accept(args) -> int:
    from .checks.stale import accept, lock_path_for
    from .outline.loader import load_outline

    outline = _resolve_outline(args.outline, _origin(args, "outline"))
    lock = lock_path_for(outline)
    changed = accept(load_outline(outline), lock, args.only)
    print(f"accepted: {changed} entr{'y' if changed == 1 else 'ies'} updated in {_display(lock)}")
    return EXIT_OK


def _run_schema(args) -> int:
    from .outline.schema import schema_json

    sys.stdout.write(schema_json())
    return EXIT_OK


def _run_review(args) -> int:
    from .api import check, load_and_check
    from .clock import build_clock
    from .pipeline.output import atomic_write
    from .render.review import render_review
    from .style.theme_file import load_theme

    outline = _resolve_outline(args.outline, _origin(args, "outline"))
    theme = load_theme(args.theme)
    model, _ = load_and_check(outline, theme)
    problems = check(outline, theme=args.theme)
    if model is None or any(p.is_error for p in problems):
        raise DuopressError(problems)
    target = Path(args.out) / f"{outline.stem}.review.pdf"
    clock = build_clock(model.meta.date.first_day())
    atomic_write(target, render_review(model, clock=clock, problems=problems, theme=theme))
    _print_problems(problems, args)
    print(f"wrote {_display(target)}")
    return EXIT_OK


def _run_theme(args) -> int:
    from .pipeline.output import atomic_write
    from .style.resources import theme_path

    target = Path(args.out)
    if target.is_dir() or (target.exists() and not args.force):
        raise UsageError(f"'{target}' exists; choose another --out" + ("" if target.is_dir() else ", or pass --force"))
    atomic_write(target, theme_path(args.name).read_bytes())
    print(f"wrote {_display(target)}: duopress's {args.name} theme, to edit")
    print(f"build with it: duopress build --theme {_display(target)}  (the fonts it names are looked up in a "
          "'fonts' folder beside it, then among duopress's bundled fonts)")
    return EXIT_OK


def _print_fit(fits: dict, every_frame: bool) -> None:
    """One summary line per language (and with --fit, a line per frame): fits, shrunk, continued, overflow."""
    for lang, entries in fits.items():
        if every_frame:
            for e in entries:
                size = f"{e.size_pt:g}pt" if e.status != "overflow" else f"over, even at {e.min_pt:g}pt"
                print(f"{e.where or '-'}: slide {e.slide} ({lang}) {e.frame}: {e.status} {size}")
        counts = {status: sum(1 for e in entries if e.status == status)
                  for status in ("fits", "shrunk", "continued", "overflow")}
        slides = max((e.slide for e in entries), default=0)
        smallest = min((e.size_pt for e in entries if e.status != "overflow"), default=0)
        print(f"deck fit ({lang}): {slides} slides, {len(entries)} text frames: "
              + ", ".join(f"{n} {status}" for status, n in counts.items()) + f"; smallest text {smallest:g}pt"
              + " (fitted for our fonts and the substitutes a recipient may get)", file=sys.stderr)


def _print_problems(problems: list[Problem], args=None) -> None:
    from .live.terminal import Paint, problem_text

    paint = Paint.for_stream(sys.stderr, _no_color(args))
    for problem in sorted_problems(problems):
        print(problem_text(problem, paint), file=sys.stderr)


def _origin(args, name: str) -> str:
    settings = getattr(args, "settings", None)
    return settings.values[name].origin if settings is not None and name in settings.values else ""


def _no_color(args) -> bool:
    return bool(getattr(args, "no_color", False))


def _run_init(args) -> int:
    from .project.starter import start

    for line in start(Path(args.dir), from_essay=args.from_essay, theme=args.theme, config=not args.no_config):
        print(line)
    return EXIT_OK


def _run_config(args) -> int:
    from .project.settings import describe

    for line in describe(args.settings):
        print(line)
    return EXIT_OK


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _internal_error(details: str | None = None) -> int:
    """Say briefly that duopress failed; save the traceback (this one, or a worker's) for the report."""
    fd, report = tempfile.mkstemp(prefix="duopress-crash-", suffix=".txt")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(f"duopress {__version__}, Python {sys.version}\n\n")
        if details:
            handle.write(details)
        else:
            traceback.print_exc(file=handle)
    print(f"duopress: internal error (a bug in duopress, not in your outline); details saved to {report}",
          file=sys.stderr)
    return EXIT_INTERNAL
