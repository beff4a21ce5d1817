"""The wheel carries the fonts, the theme, the essay and the starter files: installed anywhere, `duopress init`
then `duopress build` just works."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    run = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                          "-w", str(out), str(ROOT)], capture_output=True, text=True, timeout=300)
    if run.returncode != 0 and "hatchling" in run.stderr:
        pytest.skip("hatchling is not installed for a no-isolation build: pip install hatchling")
    assert run.returncode == 0, run.stderr
    return next(out.glob("duopress-*.whl"))


def test_wheel_maps_assets_and_essay_into_the_package(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("generator/assets/fonts/NanumGothic.ttf", "generator/assets/fonts/NanumGothicBold.ttf",
                 "generator/assets/fonts/LICENSE-Nanum.txt", "generator/assets/themes/default.yaml",
                 "generator/assets/themes/portable.yaml",
                 "generator/data/outline.yaml", "generator/render/pptx/__init__.py",
                 "generator/project/starter.yaml", "generator/project/starter.toml"):
        assert name in names, name
    assert not any(name.startswith(("tests/", "assets/")) for name in names)


def _borrow_dependencies(python: Path) -> None:
    """Let a new venv import the dependencies the tests run with, without a download.

    ``system_site_packages`` would reach only the base interpreter's packages, not those of the venv the
    tests run in. A .pth file of plain paths adds this interpreter's site-packages after the new venv's
    own, so the wheel installed there wins; .pth files inside the borrowed folders (an editable install
    of the checkout) are not processed, so the checkout cannot sneak in.
    """
    own = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                         capture_output=True, text=True, check=True).stdout.strip()
    borrowed = dict.fromkeys(sysconfig.get_paths()[key] for key in ("purelib", "platlib"))
    (Path(own) / "zz_borrowed_dependencies.pth").write_text("\n".join(borrowed) + "\n", encoding="utf-8")


def test_installed_wheel_writes_and_builds_the_bundled_essay_in_any_folder(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    _borrow_dependencies(python)
    subprocess.run([python, "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True, timeout=300)
    work = tmp_path / "elsewhere"
    work.mkdir()
    init = subprocess.run([env_dir / "bin" / "duopress", "init", "--from-essay"], cwd=work, capture_output=True,
                          text=True, timeout=300)
    assert init.returncode == 0, init.stderr
    run = subprocess.run([env_dir / "bin" / "duopress", "build"], cwd=work, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr
    built = sorted(p.name for p in (work / "output").glob("outline.*"))
    assert built == ["outline.en.pdf", "outline.en.pptx", "outline.ko.pdf", "outline.ko.pptx"]
    where = subprocess.run([python, "-c", "import generator; print(generator.__file__)"], cwd=work,
                           capture_output=True, text=True, check=True).stdout
    assert str(env_dir) in where  # the installed copy ran, not the checkout
