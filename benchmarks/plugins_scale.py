"""Command times with many county plugins installed.

Run on demand (not part of the test suite)::

    python benchmarks/plugins_scale.py [--counts 0,300,3000] [--runs 5]

Makes a temporary virtual environment with xinli installed in it (a regular
install, whatever this one has) and its dependencies seen in this one's
site-packages through a ``.pth`` file, then for each N generates a
package of N TOML county plugins -- each a copy of Henan's ``rules.toml``
under ``parent = "henan"`` with its own code and ids -- installs it there
with pip, and times, in the same run:

- ``python -c "import click"`` (the baseline),
- ``xinli --help``,
- ``xinli checklist --region henan`` and ``--region <a county>``,
- ``xinli regions --format json``: once with an empty identity cache
  (``cold``: every packaged rules file's ``[jurisdiction]`` read), then the
  median of the runs after it (``warm``: the cache in use), and a search
  (``xinli regions 渠县``, warm).

Targets (2-core machine): checklist with 300 counties at most 1.3x the same
with none, with 3,000 at most 2x; ``--help`` at most 1.5x the baseline at
any N; ``regions`` with 3,000 counties at most 2 s and at most 2x
``checklist --region henan`` (issue 24).  The identity cache lives in a
temporary folder of the benchmark (``XINLI_CACHE_DIR``).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import site
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from startup import median_seconds  # benchmarks/ is the script's directory

HERE = Path(__file__).resolve().parent.parent
PACKAGE = "xinli_bench_counties"


def county_code(n: int) -> str:
    """The code of the n-th invented county."""
    return f"bench_county_{n:04}"


def county_rules(henan: str, code: str) -> str:
    """Henan's rules as a county's: its own code, ids and citations, with
    Henan as parent."""
    text = henan.replace('"henan.', f'"{code}.')
    text = re.sub(r'(?m)^jurisdiction = "henan"$', f'jurisdiction = "{code}"', text)
    text = re.sub(r'(?m)^code = "henan"$', f'code = "{code}"', text)
    text = re.sub(r'(?m)^level = "province"$', 'level = "county"', text, count=1)
    text = re.sub(r'(?m)^parent = "national"$', 'parent = "henan"', text, count=1)
    return text


def generate(root: Path, count: int) -> Path:
    """Write an installable package of ``count`` county plugins under
    ``root`` and return its directory."""
    project = root / f"counties-{count}"
    package = project / PACKAGE
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    henan = (HERE / "plugins" / "henan" / "rules.toml").read_text(encoding="utf-8")
    source = (HERE / "plugins" / "henan" / "source.txt").read_text(encoding="utf-8")
    entry_points = []
    for n in range(count):
        code = county_code(n)
        sub = package / code
        sub.mkdir()
        (sub / "__init__.py").write_text("")
        (sub / "plugin.py").write_text(
            "from xinli.core.rules.toml_plugin import TomlPlugin\n\nplugin = TomlPlugin.from_package(__package__)\n"
        )
        (sub / "rules.toml").write_text(county_rules(henan, code), encoding="utf-8")
        (sub / "source.txt").write_text(source, encoding="utf-8")
        entry_points.append(f'{code} = "{PACKAGE}.{code}.plugin:plugin"')
    (project / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools>=64"]\nbuild-backend = "setuptools.build_meta"\n\n'
        f'[project]\nname = "xinli-bench-counties"\nversion = "{count}.0"\n\n'
        "[project.entry-points.xinli]\n" + "\n".join(entry_points) + "\n\n"
        f'[tool.setuptools.packages.find]\ninclude = ["{PACKAGE}*"]\n\n'
        '[tool.setuptools.package-data]\n"*" = ["rules.toml", "source.txt"]\n',
        encoding="utf-8",
    )
    return project


def make_venv(root: Path) -> Path:
    """A fresh venv with xinli installed regularly (not editable: an
    editable install's import finder costs every start-up), its
    dependencies seen in this interpreter's site-packages."""
    venv = root / "venv"
    # without pip and setuptools of its own: the parent's (newer) ones are used through the .pth file
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    target = subprocess.run([str(python), "-c", "import site; print(site.getsitepackages()[0])"],
                            capture_output=True, text=True, check=True).stdout.strip()
    # plain path lines: the parent's own .pth files (an editable xinli's finder) are not run
    Path(target, "xinli-parent.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "--no-index",
                    str(HERE)], check=True, capture_output=True)
    # the console script, pointing at this venv's interpreter
    (venv / "bin" / "xinli").write_text(f"#!{python}\nfrom xinli.cli.main import cli\ncli()\n")
    (venv / "bin" / "xinli").chmod(0o755)
    check = subprocess.run([str(python), "-c", "import xinli.core, sys; print(xinli.core.__file__)"],
                           capture_output=True, text=True, check=True).stdout
    assert check.startswith(target), f"xinli should come from the benchmark's venv, not {check}"
    return venv


def main() -> int:
    """Generate, install, time, print; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--counts", default="0,300,3000", help="comma-separated numbers of county plugins")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    counts = [int(c) for c in args.counts.split(",")]
    root = Path(tempfile.mkdtemp(prefix="xinli-scale-"))
    ok = True
    try:
        venv = make_venv(root)
        python, xinli = str(venv / "bin" / "python"), str(venv / "bin" / "xinli")
        results: dict[int, dict[str, float]] = {}
        for count in counts:
            if count:
                started = time.perf_counter()
                project = generate(root, count)
                subprocess.run([python, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "--no-index",
                                str(project)], check=True, capture_output=True)
                print(f"N={count}: generated and installed in {time.perf_counter() - started:.1f} s")
            row = {
                "import click": median_seconds([python, "-c", "import click"], args.runs),
                "--help": median_seconds([xinli, "--help"], args.runs),
                "checklist henan": median_seconds([xinli, "checklist", "--region", "henan", "--format", "json"], args.runs),
            }
            if count:
                row["checklist county"] = median_seconds(
                    [xinli, "checklist", "--region", county_code(count - 1), "--format", "json"], args.runs)
            cache = root / f"cache-{count}"
            os.environ["XINLI_CACHE_DIR"] = str(cache)
            shutil.rmtree(cache, ignore_errors=True)
            row["regions cold"] = median_seconds([xinli, "regions", "--format", "json"], 1, warm_up=False)
            row["regions"] = median_seconds([xinli, "regions", "--format", "json"], args.runs, warm_up=False)
            row["regions search"] = median_seconds([xinli, "regions", "渠县", "--format", "json"], args.runs, warm_up=False)
            results[count] = row
            if count:
                subprocess.run([python, "-m", "pip", "uninstall", "-q", "-y", "xinli-bench-counties"],
                               check=True, capture_output=True)
                shutil.rmtree(project)
        base = results[counts[0]]["checklist henan"]
        print(f"{'N':>6}  {'import click':>12}  {'--help':>14}  {'checklist henan':>22}  {'checklist county':>16}  "
              f"{'regions cold':>12}  {'regions warm':>20}  {'search':>8}")
        for count, row in results.items():
            help_ratio = row["--help"] / row["import click"]
            ratio = row["checklist henan"] / base
            regions_ratio = row["regions"] / row["checklist henan"]
            county = f"{row['checklist county'] * 1000:10.0f} ms" if "checklist county" in row else f"{'-':>13}"
            print(f"{count:>6}  {row['import click'] * 1000:9.0f} ms  {row['--help'] * 1000:6.0f} ms {help_ratio:4.2f}x  "
                  f"{row['checklist henan'] * 1000:8.0f} ms ({ratio:4.2f}x N=0)  {county}  "
                  f"{row['regions cold']:10.2f} s  {row['regions']:8.2f} s ({regions_ratio:4.2f}x)  "
                  f"{row['regions search']:6.2f} s")
            target = 1.0 if count == 0 else 1.3 if count <= 300 else 2.0
            ok = ok and help_ratio <= 1.5 and ratio <= target
            if count >= 3000:
                ok = ok and row["regions cold"] <= 2.0 and row["regions"] <= 2.0 and regions_ratio <= 2.0
        print("targets met" if ok else "targets MISSED")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
