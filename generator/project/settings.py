"""The settings a command runs with — the command line over duopress.toml over the built-in defaults — where
each came from, and which problems are shown at which level."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import DuopressError, Level, Problem, visible
from ..options import NOTES
from .config import Config

COMMAND_LINE, DEFAULT = "command line", "default"
# Every setting with its built-in default (None: decided later — the outline's languages, the registry's
# default formats, the bundled theme, ./outline.yaml).
DEFAULTS: Mapping[str, Any] = {
    "outline": None, "lang": None, "format": None, "out": "output", "notes": NOTES.default, "paper": None,
    "handout": "auto",
    "theme": None, "template": None, "quiet": False, "strict": False, "ignore": (), "severity": {},
}
# Written relative to the folder of the duopress.toml that names them, so a build started from anywhere
# finds them (a bare bundled theme name, such as "portable", stays a name).
PATHS = ("outline", "out", "theme", "template")


# The settings each command takes from duopress.toml (init, schema and theme make files and read none).
_BUILD = ("outline", "lang", "format", "out", "notes", "paper", "handout", "theme", "template", "quiet", "ignore")
SETTLED: Mapping[str, tuple[str, ...]] = {
    "build": _BUILD, "watch": _BUILD, "serve": _BUILD, "preview": _BUILD, "config": (*_BUILD, "strict"),
    "check": ("outline", "theme", "template", "strict", "ignore"), "accept": ("outline",),
    "review": ("outline", "theme", "out")}


class ConfigProblems(DuopressError):
    """duopress.toml cannot be used: a usage error (exit 2), reported located like an outline's problems."""

    def __init__(self, problems: list[Problem], path: Path):
        super().__init__(problems)
        self.path = path


def settle(args, bundled_themes=()) -> None:
    """Set each option of the parsed command line ``args`` that was not given (None) from duopress.toml
    (beside the outline, else here), else the default; keep them all, with origins, as ``args.settings``."""
    from ..style.resources import theme_path
    from .config import find_config, read_config

    config_path = find_config(args.outline)
    config = None
    if config_path is not None:
        config, problems = read_config(config_path)
        if problems:
            raise ConfigProblems(problems, config_path)
    taken = SETTLED[args.command]
    given = {name: getattr(args, name, None) for name in taken}
    given["ignore"] = tuple(getattr(args, "ignore", None) or ())
    settings = settings_for(given, config, bundled_themes)
    settings.values = {name: s for name, s in settings.values.items() if name in taken or name == "severity"}
    args.settings = settings
    for name in taken:
        if name != "ignore":
            setattr(args, name, settings[name])
    if isinstance(getattr(args, "theme", None), str):  # a bundled theme named in duopress.toml
        args.theme = theme_path(args.theme)
    for name in ("out", "template"):
        if isinstance(getattr(args, name, None), str):
            setattr(args, name, Path(getattr(args, name)))


@dataclass(frozen=True)
class Setting:
    value: Any
    origin: str  # "default", "duopress.toml:7", "command line"


@dataclass
class Settings:
    config: Path | None
    values: dict[str, Setting] = field(default_factory=dict)
    severity_origins: dict[str, str] = field(default_factory=dict)  # code → "duopress.toml:12"

    def __getitem__(self, name: str) -> Any:
        return self.values[name].value

    def policy(self) -> ProblemPolicy:
        ignore, severity = self.values.get("ignore"), self.values.get("severity")
        return ProblemPolicy(tuple(ignore.value) if ignore else (), dict(severity.value) if severity else {})


def settings_for(given: Mapping[str, Any], config: Config | None, bundled_themes=()) -> Settings:
    """``given``: the command line's values, None where an option was not given."""
    settings = Settings(config.path if config else None)
    for name, default in DEFAULTS.items():
        cli = given.get(name)
        if name == "ignore":  # silencing adds up: the file's list and every --ignore
            settings.values[name] = _ignores(cli or (), config)
        elif cli is not None:
            settings.values[name] = Setting(cli, COMMAND_LINE)
        elif config is not None and name in config.values:
            value = config.values[name]
            if name in PATHS and not (name == "theme" and _bundled(value, config.folder, bundled_themes)):
                value = config.folder / value
            settings.values[name] = Setting(value, config.origin(name))
        else:
            settings.values[name] = Setting(default, DEFAULT)
    if config is not None:
        settings.severity_origins = {code: config.origin(f"severity:{code}") for code in config.values.get(
            "severity", {})}
    return settings


def _bundled(theme: str, folder: Path, bundled_themes) -> bool:
    return theme in bundled_themes and not (folder / theme).exists()


def _ignores(cli, config: Config | None) -> Setting:
    written = tuple(config.values.get("ignore", ())) if config else ()
    origins = ([config.origin("ignore")] if written and config else []) + ([COMMAND_LINE] if cli else [])
    return Setting(tuple(dict.fromkeys((*written, *cli))), " + ".join(origins) or DEFAULT)


def matches(code: str, pattern: str) -> bool:
    """A code, or every code under a prefix: ``parity`` covers ``parity.numbers``."""
    return code == pattern or code.startswith(pattern.rstrip(".") + ".")


@dataclass(frozen=True)
class ProblemPolicy:
    """Which warnings are silenced and which count as errors. Errors stay errors whatever the settings say:
    duopress cannot build past them, and hiding one would make a failed build silent."""

    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)  # code or prefix → error | warning | ignore

    def level_of(self, code: str) -> str:
        if any(matches(code, pattern) for pattern in self.ignore):
            return "ignore"
        chosen = [(len(pattern), level) for pattern, level in self.severity.items() if matches(code, pattern)]
        return max(chosen)[1] if chosen else "warning"  # the most specific code wins

    def apply(self, problems: list[Problem]) -> list[Problem]:
        shown = []
        for problem in problems:
            level = "error" if problem.is_error else self.level_of(problem.code)
            if level == "ignore":
                continue
            shown.append(replace(problem, level=Level.ERROR) if level == "error" else problem)
        return shown

    def promoted(self, problems: list[Problem]) -> int:
        """How many of ``problems`` (warnings as found) count as errors here."""
        return sum(1 for p in problems if not p.is_error and self.level_of(p.code) == "error")


def describe(settings: Settings) -> list[str]:
    """``duopress config``: every setting, its value and where it came from, one line each."""
    lines = [f"config file: {settings.config or 'none (no duopress.toml beside the outline or here)'}"]
    width = max(len(name) for name in settings.values)
    for name, setting in settings.values.items():
        if name == "severity":
            continue
        lines.append(f"{name:<{width}}  {_shown(name, setting.value):<28}  {setting.origin}")
    severity = settings["severity"]
    for code, level in severity.items():
        origin = settings.severity_origins.get(code, DEFAULT)
        lines.append(f"{'severity':<{width}}  {code + ' = ' + level:<28}  {origin}")
    return [visible(line) for line in lines]  # a value from duopress.toml may hold escape sequences


def _shown(name: str, value: Any) -> str:
    if value is None:
        return {"outline": "./outline.yaml", "lang": "every declared language", "format": "the default formats",
                "theme": "default (bundled)", "template": "none", "paper": "the theme's brief.paper"}.get(name, "none")
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, tuple):
        return ", ".join(value) or "none"
    return str(value)
