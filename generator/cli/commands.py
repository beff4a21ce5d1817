"""What each command does, given its settled arguments: a few calls into the packages, the output they print,
and the exit code."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import DuopressError, Problem, UsageError
from .exits import EXIT_OK, EXIT_PROBLEMS
from .report import display, internal_error, no_color, print_fit, print_json_check, print_problems


def policy(args):
    from ..project.settings import ProblemPolicy

    settings = getattr(args, "settings", None)
    return settings.policy() if settings is not None else ProblemPolicy()


def resolve_outline(given: Path | None, origin: str = "") -> Path:
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


def _build_once(args, outline: Path, progress, also=None, first=None, drafts=None):
    """One build, each artifact reported to ``progress`` (and to ``also``, as it is written); ``first``:
    the formats rendered before the others; ``drafts``: told of pages drawn ahead of their artifacts."""
    from ..api import build

    def report(artifact) -> None:
        progress.artifact(artifact)
        if also is not None:
            also(artifact)

    return build(outline, langs=args.lang, formats=args.format, out=args.out, notes=args.notes,
                 paper=args.paper, theme=args.theme, template=args.template, force=args.force,
                 handout=args.handout, on_artifact=report, first=first, on_draft=drafts)


def run_build(args) -> int:
    from ..live.progress import Progress

    outline = resolve_outline(args.outline, origin(args, "outline"))
    problem_policy = policy(args)
    progress = Progress(quiet=args.quiet, as_json=args.json, no_color=no_color(args))
    try:
        result = _build_once(args, outline, progress)
    except DuopressError as exc:
        if not args.json:
            raise
        progress.finish(None, problem_policy.apply(exc.problems))
        return EXIT_PROBLEMS
    progress.finish(result, problem_policy.apply(result.problems))
    return exit_for_failures(result.failed) or _exit_for_promoted(args, result.problems)


def _exit_for_promoted(args, problems: list[Problem]) -> int:
    """Warnings duopress.toml's [problems.severity] makes errors fail the build once it is written (as
    mkdocs --strict does): the artifacts are there to look at, and the exit code tells CI."""
    promoted = policy(args).promoted(problems)
    if not promoted:
        return EXIT_OK
    print(f"duopress: {promoted} warning(s) count as errors by {args.settings.config}", file=sys.stderr)
    return EXIT_PROBLEMS


def run_watch(args) -> int:
    from ..live.progress import Progress
    from ..live.watch import watch

    outline = resolve_outline(args.outline, origin(args, "outline"))

    def run_build():
        progress = Progress(quiet=args.quiet, no_color=no_color(args))
        result = _build_once(args, outline, progress)
        progress.finish(result, policy(args).apply(result.problems))

    def prepare():
        from ..api import preload

        preload(args.format, args.theme)

    watch(outline, run_build, theme=args.theme, template=args.template, out=args.out, prepare=prepare)
    return EXIT_OK


def run_serve(args) -> int:
    from ..live.progress import Progress
    from ..live.serve import formats_shown, pages_shown, serve

    outline = resolve_outline(args.outline, origin(args, "outline"))
    args.format = formats_shown(args.format)  # with the PDFs that show the others' pages (a deck's slides)
    shown = pages_shown(args.format)  # rendered first: the page updates before the .pptx is rewritten

    def run_build(show, draft):
        progress = Progress(quiet=args.quiet, no_color=no_color(args))
        result = _build_once(args, outline, progress, also=show, first=shown, drafts=draft)
        problems = policy(args).apply(result.problems)
        progress.finish(result, problems)
        return result, problems

    def prepare():
        from ..api import preload

        preload(args.format, args.theme)

    serve(outline, run_build, port=args.port, open_browser=args.open, theme=args.theme, template=args.template,
          out=args.out, prepare=prepare)
    return EXIT_OK


def run_preview(args) -> int:
    from ..live.preview import preview, soffice, with_page_sources
    from ..live.progress import Progress

    outline = resolve_outline(args.outline, origin(args, "outline"))
    # without LibreOffice, a deck is shown as duopress draws it (the PDF its renderer names for its pages)
    args.format = with_page_sources(args.format, office=soffice() is not None)
    progress = Progress(quiet=args.quiet, no_color=no_color(args))
    result = _build_once(args, outline, progress)
    progress.finish(result, policy(args).apply(result.problems))
    if result.failed:
        return exit_for_failures(result.failed)
    shown = preview([a.path for a in result.artifacts], Path(args.out), hide_fonts=args.without_fonts)
    for artifact, why in shown.skipped:
        print(f"duopress: no preview of {display(artifact)}: {why}", file=sys.stderr)
    if not args.quiet:
        for note in shown.notes:
            print(note)
    sheets = [p for p in shown.written if p.name.endswith(".sheet.png")]
    if not args.quiet:
        for sheet in sheets:
            print(f"preview   {display(sheet)}")
    return EXIT_OK


def exit_for_failures(failed) -> int:
    """A content problem a renderer found (text that cannot fit) is 1; anything else is a bug."""
    if not failed:
        return EXIT_OK
    if all(f.error is None for f in failed):  # each failed on a located problem, printed with the others
        return EXIT_PROBLEMS
    bug = next(f.error for f in failed if f.error is not None)
    return internal_error(getattr(bug, "details", "") or repr(bug))


def run_check(args) -> int:
    from ..pipeline.check import check

    outline = resolve_outline(args.outline, origin(args, "outline"))
    fits: dict = {}
    try:
        checked = check(outline, theme=args.theme, template=args.template, fit=not args.no_fit)
        problems, fits = checked.problems, checked.fits
    except DuopressError as exc:
        problems = exc.problems
    problems = policy(args).apply(problems)
    failing = [p for p in problems if p.is_error or args.strict]
    if args.format == "json":
        print_json_check(outline, problems, fits, ok=not failing)
    else:
        if fits:
            print_fit(fits, every_frame=args.fit)
        print_problems(problems, args)
        errors = len([p for p in problems if p.is_error])
        print(f"{outline}: {errors} error(s), {len(problems) - errors} warning(s)", file=sys.stderr)
    return EXIT_PROBLEMS if failing else EXIT_OK


def run_accept(args) -> int:
    from ..checks.stale import lock_path_for
    from ..outline.loader import load_outline
    from ..project.accept import accept

    outline = resolve_outline(args.outline, origin(args, "outline"))
    lock = lock_path_for(outline)
    changed = accept(load_outline(outline), lock, args.only)
    print(f"accepted: {changed} entr{'y' if changed == 1 else 'ies'} updated in {display(lock)}")
    return EXIT_OK


def run_export(args) -> int:
    from ..exchange.command import run_export as export

    return export(resolve_outline(args.outline, origin(args, "outline")), args)


def run_import(args) -> int:
    from ..exchange.command import run_import as take
    from ..exchange.command import split_import_paths

    outline, file = split_import_paths(args.paths)
    return take(resolve_outline(outline, origin(args, "outline")), file, args,
                lambda problems: print_problems(problems, args))


def run_schema(args) -> int:
    from ..outline.schema import schema_json

    sys.stdout.write(schema_json())
    return EXIT_OK


def run_review(args) -> int:
    from ..clock import build_clock
    from ..pipeline.check import check
    from ..pipeline.output import atomic_write
    from ..render.review import render_review

    outline = resolve_outline(args.outline, origin(args, "outline"))
    checked = check(outline, theme=args.theme, fit=False)  # the outline read once, for the checks and the review
    model, theme, problems = checked.model, checked.theme, checked.problems
    if model is None or any(p.is_error for p in problems):
        raise DuopressError(problems)
    target = Path(args.out) / f"{outline.stem}.review.pdf"
    clock = build_clock(model.meta.date.first_day())
    atomic_write(target, render_review(model, clock=clock, problems=problems, theme=theme))
    print_problems(problems, args)
    print(f"wrote {display(target)}")
    return EXIT_OK


def run_theme(args) -> int:
    from ..pipeline.output import atomic_write
    from ..style.resources import theme_path

    target = Path(args.out)
    if target.is_dir() or (target.exists() and not args.force):
        raise UsageError(f"'{target}' exists; choose another --out" + ("" if target.is_dir() else ", or pass --force"))
    atomic_write(target, theme_path(args.name).read_bytes())
    print(f"wrote {display(target)}: duopress's {args.name} theme, to edit")
    print(f"build with it: duopress build --theme {display(target)}  (the fonts it names are looked up in a "
          "'fonts' folder beside it, then among duopress's bundled fonts)")
    return EXIT_OK


def origin(args, name: str) -> str:
    settings = getattr(args, "settings", None)
    return settings.values[name].origin if settings is not None and name in settings.values else ""


def run_init(args) -> int:
    from ..project.starter import start

    for line in start(Path(args.dir), from_essay=args.from_essay, theme=args.theme, config=not args.no_config):
        print(line)
    return EXIT_OK


def run_config(args) -> int:
    from ..project.settings import describe

    for line in describe(args.settings):
        print(line)
    return EXIT_OK
