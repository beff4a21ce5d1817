"""What a build prints: one line per artifact as it finishes, or one JSON object at the end."""

from __future__ import annotations

import json
import sys

from ..errors import Problem, sorted_problems
from .terminal import Paint, problem_text

_VERB = {"built": "built", "unchanged": "unchanged", "failed": "FAILED"}
_COLOUR = {"built": "green", "unchanged": "dim", "failed": "red"}


class Progress:
    def __init__(self, *, quiet: bool = False, as_json: bool = False, stream=None, no_color: bool = False):
        self.quiet, self.as_json = quiet, as_json
        self.stream = stream or sys.stdout
        self.lines: list[dict] = []
        self.paint = Paint.for_stream(self.stream, no_color)
        self.paint_problems = Paint.for_stream(sys.stderr, no_color)

    def artifact(self, result) -> None:
        record = {"path": str(result.path), "lang": result.lang, "format": result.fmt, "status": result.status,
                  "reason": result.reason, "seconds": round(result.seconds, 3)}
        self.lines.append(record)
        if self.as_json or (self.quiet and result.status != "failed"):
            return
        timing = f"{result.seconds:5.2f} s" if result.status != "unchanged" else "       "
        verb = self.paint(f"{_VERB[result.status]:<9}", _COLOUR[result.status])
        print(f"{verb} {self.paint(str(result.path), 'dim')}  {timing}  {result.reason}", file=self.stream)

    def finish(self, result, problems: list[Problem]) -> None:
        if not self.as_json:
            for problem in sorted_problems(problems):
                print(problem_text(problem, self.paint_problems), file=sys.stderr)
            return
        data = {
            "ok": result is not None and not result.failed and not any(p.is_error for p in problems),
            "artifacts": self.lines,
            "problems": [problem_record(p) for p in sorted_problems(problems)],
        }
        print(json.dumps(data, ensure_ascii=False, indent=1), file=self.stream)


def problem_record(problem: Problem) -> dict:
    record = {"file": problem.span.file, "line": problem.span.line, "column": problem.span.column,
              "level": problem.level.value, "code": problem.code, "path": problem.path,
              "message": problem.message}
    return record | ({"excerpt": problem.excerpt} if problem.excerpt else {})
