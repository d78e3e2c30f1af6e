"""A fresh virtual environment where xinli is installed from a wheel built
from this checkout, as a colleague would install it: the setting of the
tested walkthrough (docs/adding-a-district.md).

Building wheels of xinli's dependencies would need the network, so they
are taken from the environment running the tests: a ``.pth`` file in the
fresh venv points at a folder of links to exactly those distributions
(xinli itself excluded), so pip in the fresh venv sees them installed.
pip runs offline there (``PIP_NO_INDEX``, ``PIP_FIND_LINKS`` = the folder
holding xinli's wheel) and without build isolation, so a scaffolded
package's ``pip install ./xinli-CODE`` resolves its ``xinli`` dependency
from the fresh venv, exactly as it would for a colleague.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: What the walkthrough needs besides xinli: xinli's own dependencies, the
#: scaffold's test extra, and the tools that build and install a package.
NEEDED = ("xinli", "pytest", "jsonschema", "setuptools", "pip")
CHECKOUT = ("pyproject.toml", "README.md", "core", "cli", "plugins", "testing")


def _name(requirement: str) -> str:
    return re.split(r"[\s;<>=!~\[(]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _closure(roots: tuple[str, ...]) -> list[metadata.Distribution]:
    """The installed distributions ``roots`` need, transitively (extras and
    markers for other platforms or Python versions left out)."""
    from packaging.requirements import Requirement

    found: dict[str, metadata.Distribution] = {}
    todo = list(roots)
    while todo:
        name = _name(todo.pop())
        if name in found:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        found[name] = dist
        for text in dist.requires or []:
            req = Requirement(text)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(req.name)
    return [dist for name, dist in found.items() if name != "xinli"]


def _link_distributions(target: Path) -> None:
    """Link each needed distribution's top-level files and its metadata
    folder into ``target``."""
    target.mkdir()
    for dist in _closure(NEEDED):
        base = Path(dist.locate_file(""))
        tops = {Path(str(f)).parts[0] for f in dist.files or () if not str(f).startswith("..")}
        for top in tops:
            source = base / top
            if source.exists() and not (target / top).exists() and top != "__pycache__" and not top.endswith(".pth"):
                (target / top).symlink_to(source)


def build_xinli_wheel(folder: Path) -> Path:
    """A wheel of this checkout, built from a copy so the checkout gets no
    build/ or egg-info folders."""
    source = folder / "src"
    source.mkdir(parents=True)
    for name in CHECKOUT:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(path, source / name)
    wheels = folder / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
                    "-w", str(wheels), str(source)], check=True, capture_output=True, text=True, timeout=300)
    return next(wheels.glob("xinli-*.whl"))


def make(folder: Path) -> dict[str, str]:
    """Create the fresh venv in ``folder/venv`` with xinli installed from a
    wheel of this checkout; return the environment to run commands in."""
    wheel = build_xinli_wheel(folder)
    venv = folder / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    deps = folder / "deps"
    _link_distributions(deps)
    python = venv / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    (site / "_walkthrough_deps.pth").write_text(str(deps) + "\n", encoding="utf-8")
    pip = venv / "bin" / "pip"
    pip.write_text(f'#!/bin/sh\nexec "{python}" -m pip "$@"\n', encoding="utf-8")
    pip.chmod(0o755)
    env = {k: v for k, v in os.environ.items()
           if k not in ("XINLI_PLUGINS", "XINLI_RULES_PATH", "PYTHONPATH", "PYTHONHOME") and not k.startswith("PIP_")}
    env.update({
        "VIRTUAL_ENV": str(venv),
        "PATH": str(venv / "bin") + os.pathsep + env.get("PATH", ""),
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(wheel.parent),
        "PIP_NO_BUILD_ISOLATION": "0",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PIP_QUIET": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
    })
    subprocess.run([str(python), "-m", "pip", "install", str(wheel)], check=True, env=env, capture_output=True, text=True,
                   timeout=300)
    return env
