"""The command line: every command, its options and their help (argparse)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..options import CHOICES
from ..version import __version__
from .commands import (
    run_accept,
    run_build,
    run_check,
    run_config,
    run_export,
    run_import,
    run_init,
    run_preview,
    run_review,
    run_schema,
    run_serve,
    run_theme,
    run_watch,
)


def make_parser() -> argparse.ArgumentParser:
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
    build.set_defaults(run=run_build)

    watch = commands.add_parser("watch", help="rebuild whenever the outline, theme or template is saved")
    _build_options(watch)
    watch.set_defaults(run=run_watch, json=False)

    serve = commands.add_parser("serve", help="build, then show every slide and page in the browser, live",
                                description=(
        "Build OUTLINE and serve a page on http://127.0.0.1:PORT/ showing every slide and page as duopress draws "
        "them, the languages side by side, with the problems linked to their pages; rebuild and update the "
        "page on every save. Ctrl-C stops."))
    _build_options(serve)
    serve.add_argument("--port", type=int, default=8000, help="the port on 127.0.0.1 (default: 8000; 0: any free)")
    serve.add_argument("--open", action="store_true", help="open the page in the default browser")
    serve.set_defaults(run=run_serve, json=False)

    preview = commands.add_parser("preview", help="build, then PNG thumbnails and contact sheets", description=(
        "Build OUTLINE, then render every slide and page to PNG, with one contact sheet per artifact, "
        "into <out>/preview/."))
    _build_options(preview)
    preview.add_argument("--without-fonts", action="store_true",
                         help="draw the decks without duopress's fonts, as a colleague who lacks them sees them "
                              "(LibreOffice substitutes, e.g. Liberation Sans and UnDotum)")
    preview.set_defaults(run=run_preview, json=False)

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
    check.set_defaults(run=run_check)

    accept = commands.add_parser("accept", help="record the current translations as reviewed", description=(
        "Record fingerprints of every text in OUTLINE's lock file (<stem>.lock.json next to it), so that "
        "`duopress check` reports a translation as stale once its source text changes. The YAML is never "
        "rewritten."))
    _outline_argument(accept)
    accept.add_argument("--only", nargs="+", metavar="NODE-PATH",
                        help="accept only these nodes, e.g. sections[2] or sections[2].items[0].title")
    accept.set_defaults(run=run_accept)

    _exchange_parsers(commands)

    schema = commands.add_parser("schema", help="print the outline's JSON Schema (for editors)")
    schema.set_defaults(run=run_schema)

    review = commands.add_parser("review", help="a side-by-side PDF of every text for translators", description=(
        "Write <out>/<stem>.review.pdf: every text item by item, one column per language, facts resolved, "
        "stale and warned texts highlighted."))
    _outline_argument(review)
    review.add_argument("--out", type=Path, help="output folder (default: ./output)")
    review.add_argument("--theme", type=_theme_file, help=_theme_help())
    review.set_defaults(run=run_review)

    theme = commands.add_parser("theme", help="write a bundled theme to a file, to customise", description=(
        "Write one of duopress's themes to FILE (installed, they live inside the package); edit it and build "
        "with --theme FILE."))
    theme.add_argument("name", nargs="?", default="default", choices=bundled_themes(), metavar="NAME",
                       help=f"which theme: {', '.join(bundled_themes())} (default: default)")
    theme.add_argument("--out", type=Path, default=Path("theme.yaml"), metavar="FILE",
                       help="where to write it (default: ./theme.yaml)")
    theme.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    theme.set_defaults(run=run_theme)

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
    init.set_defaults(run=run_init)

    config = commands.add_parser("config", help="show the settings a build would use, and where each came from",
                                 description=(
        "Print every setting — the command line over duopress.toml (beside OUTLINE, else here) over duopress's "
        "defaults — with where it came from."))
    _build_options(config)
    check_like = config.add_argument_group("check")
    check_like.add_argument("--strict", action="store_true", default=None, help="treat warnings as errors")
    config.set_defaults(run=run_config)
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
    from ..render.registry import RENDERERS, default_formats

    listed = "; ".join(f"{name}: {renderer.description}" for name, renderer in RENDERERS.items())
    return f"comma-separated formats ({listed}; default: {','.join(default_formats())})"


def bundled_themes() -> list[str]:
    from ..style.resources import bundled_themes

    return bundled_themes()


def _theme_help() -> str:
    return f"a theme YAML file, or a bundled theme by name ({', '.join(bundled_themes())}; default: default)"


def _theme_file(value: str) -> Path:
    """--theme: a file; a bare name with no such file is a bundled theme (``--theme portable``, ``Portable``)."""
    from ..style.resources import theme_path

    path = Path(value)
    if not path.exists() and value.lower() in bundled_themes():
        return theme_path(value.lower())
    return path


def _exchange_parsers(commands) -> None:
    """duopress export / import: the translators' round trip (generator/exchange/, docs/translators.md)."""
    export = commands.add_parser("export", help="the texts for translators: XLIFF, PO, or TMX and TBX", description=(
        "Write every text of OUTLINE's source language with its current translation, for a CAT tool: "
        "<stem>.<lang>.xlf (XLIFF 1.2, or 2.0), <stem>.<lang>.po, or <stem>.tmx with the glossary as <stem>.tbx."))
    _outline_argument(export)
    export.add_argument("--to", choices=("xliff", "xliff2", "po", "tmx"), default="xliff", type=str.lower,
                        help="xliff (1.2, read by every CAT tool; the default), xliff2, po, or tmx (every "
                             "translated pair, a translation memory)")
    export.add_argument("--lang", help="the language(s) to translate into, comma-separated (default: every one "
                                       "but the source, a file each)")
    export.add_argument("--only-stale", action="store_true",
                        help="only the texts with no translation, or whose source changed since it was accepted")
    export.add_argument("--out", type=Path, metavar="FILE", help="where to write (- for standard output)")
    export.set_defaults(run=run_export)

    imp = commands.add_parser("import", help="translations from an XLIFF or PO file back into the outline",
                              description=(
        "Write the translations of FILE (XLIFF 1.2, XLIFF 2.0 or PO, as `duopress export` wrote it) into OUTLINE, "
        "keeping every other byte of it. Nothing is written if any unit is refused or the result fails its checks."))
    imp.add_argument("paths", nargs="+", type=Path, metavar="[OUTLINE] FILE")
    imp.add_argument("--out", type=Path, metavar="NEW.yaml", help="write the result here instead of over OUTLINE")
    imp.add_argument("--accept", action="store_true",
                     help="record the translations the translator saw to as reviewed in the lock file")
    imp.add_argument("--theme", type=_theme_file, help=_theme_help())
    imp.set_defaults(run=run_import)


def _outline_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("outline", nargs="?", type=Path, metavar="OUTLINE",
                        help="the outline YAML (default: duopress.toml's outline, else ./outline.yaml)")
