"""Which artifacts a build must write, and why: digests of what each one shows, against the manifest.

Two levels (see fingerprint.py). The fast path compares the digest of every raw input with the manifest
before anything is parsed; otherwise each artifact is planned on its own digest, so an edit rebuilds only
the artifacts that show it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import Level, Problem, Span, UsageError
from ..render.registry import RENDERERS
from ..render.renderer import Renderer
from ..style import resources
from ..style.theme import font_files
from ..version import __version__
from .fingerprint import FileHashes, artifact_digest, input_digest, sha256_file
from .manifest import Entry, Manifest
from .request import ArtifactResult, BuildRequest, BuildResult, select


@dataclass(frozen=True)
class Job:
    """One artifact of the build: its language and renderer, where it goes, and why it is (re)built."""

    lang: str
    renderer: Renderer
    path: Path
    reason: str | None  # None: up to date
    content: str  # its artifact digest
    environment: str = ""  # the digest of what it reads besides the outline (theme, fonts, options, version)

    @property
    def fmt(self) -> str:
        return self.renderer.name


@dataclass
class Inputs:
    """What a build reads, opened once: the manifest, the file-hash cache and the digest of every input."""

    request: BuildRequest
    theme_path: Path
    manifest: Manifest
    hashes: FileHashes
    digest: str  # of the raw bytes of outline, theme, fonts, the formats' option files, options, version

    @classmethod
    def read(cls, request: BuildRequest, formats: tuple[str, ...]) -> Inputs:
        theme_path = request.theme or resources.theme_path()
        manifest = Manifest.load(request.out)
        hashes = FileHashes(manifest.files)
        if not request.outline.is_file():
            raise UsageError(f"no outline file '{request.outline}'")
        names = _option_names(formats)
        files = [request.outline, *_environment_files(theme_path, request.options.files(names))]
        digest = _reading(lambda: input_digest(files, hashes, request.options.subset(names), __version__))
        return cls(request, theme_path, manifest, hashes, digest)


def _reading(digest: Callable[[], str]) -> str:
    """A digest of input files; a file that cannot be read is a usage error with its reason (exit 2), not
    a failure to write output."""
    try:
        return digest()
    except OSError as error:
        raise UsageError(f"cannot read '{error.filename}': {error.strerror or error}") from None


def fast_path(inputs: Inputs, formats: tuple[str, ...]) -> BuildResult | None:
    """Nothing read has changed and every artifact is the file duopress wrote: the result, touching nothing."""
    request, manifest = inputs.request, inputs.manifest
    seen = manifest.languages.get(inputs.digest)
    if not seen or not _same_files(seen.get("images", {}), inputs.hashes):
        return None
    result = BuildResult(request.outline, warnings=[problem_of(w) for w in seen.get("warnings", [])])
    for lang in select(request.langs, seen["languages"], "language"):
        for fmt in formats:
            path = target(request, lang, RENDERERS[fmt])
            entry = manifest.artifacts.get(path.name)
            if entry is None or entry.inputs != inputs.digest or not _is_ours(path, entry):
                return None
            result.artifacts.append(unchanged(path, lang, fmt, entry))
    return result


def plan(model, inputs: Inputs, langs: tuple[str, ...], formats: tuple[str, ...]) -> list[Job]:
    """Every requested artifact, each with the digest of what it shows and why it must be built (or not)."""
    images = image_files(model)
    jobs = []
    memo: dict = {}  # the model's nodes as plain data, per language: shared by the formats' digests
    for lang in langs:
        for fmt in formats:
            renderer = RENDERERS[fmt]
            options = inputs.request.options
            environment = environment_digest(renderer, options, inputs.theme_path, inputs.hashes, images)
            content = artifact_digest(model, lang, renderer, options, environment, memo)
            path = target(inputs.request, lang, renderer)
            reason = _why_build(path, inputs.manifest.artifacts.get(path.name), content, inputs.request.force)
            jobs.append(Job(lang, renderer, path, reason, content, environment))
    return jobs


def content_digest(model, lang: str, renderer: Renderer, options, theme_path: Path, hashes: FileHashes,
                   images: list[Path] | None = None) -> str:
    """The digest of what ``renderer``'s artifact in ``lang`` shows, and of every file and option it reads:
    equal digests, equal bytes (tests/test_digest_property.py)."""
    images = image_files(model) if images is None else images
    environment = environment_digest(renderer, options, theme_path, hashes, images)
    return artifact_digest(model, lang, renderer, options, environment)


def environment_digest(renderer: Renderer, options, theme_path: Path, hashes: FileHashes,
                       images: list[Path]) -> str:
    """The digest of every file and option ``renderer`` reads besides the outline, and of duopress's version."""
    files = _environment_files(theme_path, options.files(renderer.options)) + images
    return _reading(lambda: input_digest(files, hashes, options.subset(renderer.options), __version__))


def image_files(model) -> list[Path]:
    """The image files the outline's figures name (those that exist: a missing one is a check's error)."""
    root = Path(model.path).resolve().parent
    found = [root / figure.path for item in model.items()
             if (figure := item.figure) is not None and getattr(figure, "kind", "") == "image"]
    return sorted({path for path in found if _readable(path)})


def _readable(path: Path) -> bool:
    """A file; a path the OS refuses outright (a symlink loop, a name too long) is a check's error instead."""
    try:
        return path.is_file()
    except OSError:
        return False


def record_images(images: list[Path], hashes: FileHashes) -> dict[str, str]:
    """The images' digests, kept in the manifest so the fast path notices an edited image."""
    return {str(path): hashes.digest(path) for path in images}


def target(request: BuildRequest, lang: str, renderer: Renderer) -> Path:
    return request.out / f"{request.outline.stem}.{lang}.{renderer.suffix}"


def unchanged(path: Path, lang: str, fmt: str, entry: Entry) -> ArtifactResult:
    problems = tuple(problem_of(record) for record in entry.warnings)
    return ArtifactResult(path, lang, fmt, "unchanged", "up to date", problems=problems)


def _option_names(formats: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(name for fmt in formats for name in RENDERERS[fmt].options))


def _environment_files(theme_path: Path, option_files: list[Path]) -> list[Path]:
    """The theme, every font it may name and the formats' option files (a template): read besides the outline."""
    if not theme_path.is_file():
        raise UsageError(f"no theme file '{theme_path}'")
    for path in option_files:
        if not path.is_file():
            raise UsageError(f"no template file '{path}'")
    return [theme_path, *font_files(theme_path), *option_files]


def _same_files(recorded: dict[str, str], hashes: FileHashes) -> bool:
    try:
        return all(hashes.digest(Path(path)) == digest for path, digest in recorded.items())
    except OSError:
        return False


def _why_build(path: Path, entry: Entry | None, content: str, force: bool) -> str | None:
    if force:
        return "forced"
    if entry is None:
        return "new"
    if not path.is_file():
        return "missing"
    if sha256_file(path) != entry.sha256:
        return "edited by hand"
    if entry.content != content:
        return "outline changed"
    return None


def _is_ours(path: Path, entry: Entry) -> bool:
    try:
        return sha256_file(path) == entry.sha256
    except OSError:
        return False


def record_of(problem: Problem) -> dict:
    return {"file": problem.span.file, "line": problem.span.line, "column": problem.span.column,
            "code": problem.code, "message": problem.message, "path": problem.path}


def problem_of(record: dict) -> Problem:
    span = Span(record["file"], record["line"], record["column"])
    return Problem(span, Level.WARNING, record["code"], record["message"], record["path"])
