"""Cases a policy reader can check against the documents.

Each ``tests/cases/<region>.toml`` lists, for one region, the quantified
requirements with the values the document states and the words it states
them in (``reference``).  This test finds each requirement in the region's
checklist and compares every expected field, in the manner of OpenFisca's
YAML tests: input, expected output, legal reference.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

CASES_DIR = Path(__file__).parent / "cases"
CHECK_FIELDS = ("metric", "op", "value", "unit", "per", "count_per", "event", "grades_mode", "binds")


def _load_cases() -> list:
    cases = []
    for path in sorted(CASES_DIR.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for case in data.get("case", []):
            cases.append(pytest.param(path.stem, case, id=f"{path.stem}:{case['id']}"))
    return cases


def _actual(item: dict, key: str):
    if key in CHECK_FIELDS:
        return (item["check"] or {}).get(key)
    if key == "check_grades":
        return (item["check"] or {}).get("grades")
    if key == "check":
        return item["check"] is not None
    if key == "clause":
        return item["citation"]["clause"]
    if key == "applies_if":
        return item["applies_if"]
    return item[key]


@pytest.mark.parametrize(("region", "case"), _load_cases())
def test_case(checklists, region, case):
    items = {item["id"]: item for item in checklists[region]["items"]}
    assert case["id"] in items, f"{case['id']} is missing from the {region} checklist"
    item = items[case["id"]]
    assert case.get("reference"), "every case states the document's words it checks"
    for key, expected in case["expect"].items():
        assert _actual(item, key) == expected, f"{case['id']}: {key}"


def test_every_region_has_cases():
    regions = {path.stem for path in CASES_DIR.glob("*.toml")}
    assert regions == {"chongqing_dadukou", "chongqing_qijiang", "henan", "nanchang", "sichuan_quxian"}
