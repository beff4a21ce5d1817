"""What ``duopress export`` and ``duopress import`` print: the command line's side of the exchange."""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError
from .export import export
from .importer import import_file


def run_export(outline: Path, args) -> int:
    for where, count in export(outline, args.to, args.lang, args.only_stale, args.out):
        print(f"wrote {where}: {count} unit{'' if count == 1 else 's'}", file=_stream(where))
    return 0


def split_import_paths(paths: list[Path]) -> tuple[Path | None, Path]:
    """``import FILE`` or ``import OUTLINE FILE``."""
    if len(paths) == 1:
        return None, paths[0]
    if len(paths) == 2:
        return paths[0], paths[1]
    raise UsageError("give the translation file, and before it the outline if it is not ./outline.yaml")


def run_import(outline: Path, file: Path, args, print_problems) -> int:
    report = import_file(outline, file, out=args.out, accept=args.accept, theme=args.theme)
    print_problems(report.warnings)
    where = report.written or outline
    print(f"imported {len(report.changed)} changed {report.target} translation"
          f"{'' if len(report.changed) == 1 else 's'} into {where}"
          + (f"; {report.unchanged} unchanged" if report.unchanged else "")
          + (f"; {report.untranslated} still untranslated" if report.untranslated else "")
          + (f"; {report.accepted} accepted in the lock" if args.accept else ""))
    return 0


def _stream(where: str):
    import sys

    return sys.stderr if where == "standard output" else sys.stdout
