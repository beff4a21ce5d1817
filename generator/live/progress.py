"""What a build prints: one line per artifact as it finishes, or one JSON object at the end."""

from __future__ import annotations

import json
import sys

from ..errors import Problem, sorted_problems

_VERB = {"built": "built", "unchanged": "unchanged", "failed": "FAILED"}


class Progress:
    def __init__(self, *, quiet: bool = False, as_json: bool = False, stream=None):
        self.quiet, self.as_json = quiet, as_json
        self.stream = stream or sys.stdout
        self.lines: list[dict] = []

    def artifact(self, result) -> None:
        record = {"path": str(result.path), "lang": result.lang, "format": result.fmt, "status": result.status,
                  "reason": result.reason, "seconds": round(result.seconds, 3)}
        self.lines.append(record)
        if self.as_json or (self.quiet and result.status != "failed"):
            return
        timing = f"{result.seconds:5.2f} s" if result.status != "unchanged" else "       "
        print(f"{_VERB[result.status]:<9} {result.path}  {timing}  {result.reason}", file=self.stream)

    def finish(self, result, problems: list[Problem]) -> None:
        if not self.as_json:
            for problem in sorted_problems(problems):
                print(problem, file=sys.stderr)
            return
        data = {
            "ok": result is not None and not result.failed and not any(p.is_error for p in problems),
            "artifacts": self.lines,
            "problems": [problem_record(p) for p in sorted_problems(problems)],
        }
        print(json.dumps(data, ensure_ascii=False, indent=1), file=self.stream)


def problem_record(problem: Problem) -> dict:
    return {"file": problem.span.file, "line": problem.span.line, "column": problem.span.column,
            "level": problem.level.value, "code": problem.code, "path": problem.path,
            "message": problem.message}
