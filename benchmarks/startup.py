"""Start-up time of the ``xinli`` command, beside the cost of importing click.

Run on demand (not part of the test suite): ``python benchmarks/startup.py
[--runs N]``.  Prints the median wall time of ``xinli --help`` and
``xinli regions --format json`` and, measured in the same run, the baseline
``python -c "import click"``.  Target: ``xinli --help`` at most 1.5x the
baseline.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def median_seconds(command: list[str], runs: int, warm_up: bool = True) -> float:
    """Median wall time of ``command`` over ``runs`` runs (after one warm-up
    unless ``warm_up`` is false)."""
    if warm_up:
        subprocess.run(command, capture_output=True, check=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    """Measure and print the figures; exit 1 when the target is missed."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    script = Path(sys.executable).with_name("xinli")
    xinli = [str(script)] if script.exists() else [shutil.which("xinli") or "xinli"]
    baseline = median_seconds([sys.executable, "-c", "import click"], args.runs)
    help_time = median_seconds(xinli + ["--help"], args.runs)
    regions_time = median_seconds(xinli + ["regions", "--format", "json"], args.runs)
    ratio = help_time / baseline
    print(f"python -c 'import click'        {baseline * 1000:8.1f} ms (baseline)")
    print(f"xinli --help                    {help_time * 1000:8.1f} ms ({ratio:.2f}x baseline, target <= 1.5x)")
    print(f"xinli regions --format json     {regions_time * 1000:8.1f} ms ({regions_time / baseline:.2f}x baseline)")
    return 0 if ratio <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
