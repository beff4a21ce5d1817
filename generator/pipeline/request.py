"""What a build is asked for, and what it answers: frozen requests in, results out."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem, UsageError, once
from ..render.renderer import PageDraft, RenderOptions


@dataclass(frozen=True)
class BuildRequest:
    """One build: which outline, into which folder, which languages and formats, with which options."""

    outline: Path
    out: Path = Path("output")
    langs: tuple[str, ...] = ()  # empty: every language the outline declares
    formats: tuple[str, ...] = ()  # empty: every renderer built by default
    theme: Path | None = None  # None: the bundled theme
    options: RenderOptions = field(default_factory=RenderOptions)
    force: bool = False  # rebuild every artifact, changed or not
    first: tuple[str, ...] = ()  # formats rendered before the others (serve: those its page shows)

    def __post_init__(self) -> None:
        problems = self.options.problems()
        if problems:
            raise UsageError("; ".join(problems))


def names(requested, what: str) -> tuple[str, ...]:
    """A comma-separated string or a list of names, as a tuple; an empty string is a usage error, not
    "everything" (``--lang ""`` is a slip, not a wish)."""
    if requested is None:
        return ()
    if isinstance(requested, str):
        requested = requested.split(",")
    parts = tuple(dict.fromkeys(str(part).strip() for part in requested if str(part).strip()))
    if not parts:
        option = {"language": "--lang", "format": "--format"}.get(what, what)
        raise UsageError(f"{option} names no {what}; name one or more, comma-separated, or leave {option} out "
                         f"for every {what}")
    return parts


def select(requested: tuple[str, ...], available, what: str) -> tuple[str, ...]:
    """``requested`` checked against ``available`` (all of them when nothing was requested)."""
    if not requested:
        return tuple(available)
    unknown = [r for r in requested if r not in available]
    if unknown:
        raise UsageError(f"unknown {what} {', '.join(map(repr, unknown))}; choose from {', '.join(available)}")
    return requested


class RenderFailure(Exception):
    """A renderer's bug, reduced to what survives a worker process: the message and the traceback."""

    def __init__(self, message: str, details: str = ""):
        super().__init__(message, details)
        self.message, self.details = message, details

    def __str__(self) -> str:
        return self.message


@dataclass
class ArtifactResult:
    path: Path
    lang: str
    fmt: str
    status: str  # "built", "unchanged" or "failed"
    reason: str  # why: "new", "outline changed", "edited by hand", "forced", "up to date", or the error
    seconds: float = 0.0
    error: BaseException | None = None  # a bug (a RenderFailure with its traceback); None otherwise
    problems: tuple[Problem, ...] = ()  # what the renderer found: warnings, or the error that failed it


@dataclass(frozen=True)
class Draft:
    """A page of an artifact, drawn ahead of the artifact (``PageDraft``: a slide an edit changed, before
    the slides PDF is finished), and which artifact it belongs to. Handed on as soon as it is drawn, while
    the outline is still being checked: an outline with errors never gets its artifacts written, so a
    draft stands until the build ends, and no longer."""

    path: Path
    lang: str
    fmt: str
    page: PageDraft


@dataclass
class BuildResult:
    """What a build wrote, skipped and why, and the problems it met on the way."""

    outline: Path
    artifacts: list[ArtifactResult] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # the outline's own (checks), before rendering

    @property
    def written(self) -> list[Path]:
        return [a.path for a in self.artifacts if a.status == "built"]

    @property
    def skipped(self) -> list[Path]:
        return [a.path for a in self.artifacts if a.status == "unchanged"]

    @property
    def failed(self) -> list[ArtifactResult]:
        return [a for a in self.artifacts if a.status == "failed"]

    @property
    def problems(self) -> list[Problem]:
        """The outline's warnings and every problem a renderer met, each once."""
        return once(list(self.warnings) + [p for artifact in self.artifacts for p in artifact.problems])
