"""Every bundled region's checklist validates against the shipped schema."""

from __future__ import annotations

import jsonschema
import pytest
from conftest import BUNDLED

from xinli.core.views.checklist import checklist_schema


@pytest.fixture(scope="module")
def validator():
    schema = checklist_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("code", BUNDLED)
def test_checklist_validates(validator, checklists, code):
    errors = sorted(validator.iter_errors(checklists[code]), key=lambda e: list(e.path))
    assert [f"{list(e.path)}: {e.message}" for e in errors] == []


@pytest.mark.parametrize("code", BUNDLED)
def test_item_ids_are_unique_and_every_item_is_bilingual_and_cited(checklists, code):
    items = checklists[code]["items"]
    ids = [i["id"] for i in items]
    assert len(ids) == len(set(ids))
    for item in items:
        assert item["text"]["zh"] and item["text"]["en"] and item["text"]["zh"] != item["text"]["en"]
        assert item["citation"]["clause"] and item["citation"]["quote"]


def test_schema_rejects_a_renamed_field(validator, checklists):
    broken = dict(checklists["henan"])
    broken["requirements"] = broken.pop("items")
    assert not validator.is_valid(broken)


def test_every_region_has_documents_and_domain_counts(checklists):
    for checklist in checklists.values():
        assert checklist["schema"] == "xinli.checklist/2"
        assert any(doc["encoded"] for doc in checklist["documents"])
        assert set(checklist["domains"]) == {"screening", "escalation", "staffing", "referral", "curriculum", "other"}


def test_nanchang_has_at_least_twenty_distinct_items(checklists):
    items = checklists["nanchang"]["items"]
    assert len({i["id"] for i in items}) >= 20
    assert len({i["text"]["zh"] for i in items}) >= 20


def test_documented_example_item_is_what_the_checklist_prints(checklists):
    import json
    import re
    from pathlib import Path

    doc = (Path(__file__).resolve().parent.parent / "docs" / "checklist-format.md").read_text(encoding="utf-8")
    block = re.search(r"## Example item\n.*?```json\n(.*?)```", doc, re.DOTALL).group(1)
    example = json.loads(block)
    item = next(i for i in checklists["henan"]["items"] if i["id"] == example["id"])
    assert example == item
