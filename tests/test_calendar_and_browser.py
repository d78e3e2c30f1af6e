"""Calendar titles that fit, with SEQUENCE and LAST-MODIFIED from the rules;
Datasette label columns so findings read as school and requirement names."""

from __future__ import annotations

import icalendar

from xinli.core.records.browse import LABEL_COLUMNS, datasette_metadata
from xinli.core.render.ics import TITLE_LIMIT, short_title


def events(text: str) -> list:
    return [c for c in icalendar.Calendar.from_ical(text).walk() if c.name == "VEVENT"]


def test_titles_fit_and_the_full_text_opens_the_description(run):
    args = ("schedule", "-r", "nanchang", "--school-year", "2026-2027", "--format", "ics")
    found = events(run(*args).output)
    assert found
    for event in found:
        title = str(event.get("summary"))
        assert len(title) <= TITLE_LIMIT
        full = str(event.get("description")).split("\n", 1)[0]
        assert full.startswith(title.rstrip("…"))
        assert event.get("last-modified") is not None and int(event.get("sequence")) >= 0
    assert any(len(str(e.get("description")).split("\n", 1)[0]) > TITLE_LIMIT for e in found)


def test_sequence_is_stable_for_the_same_rules_and_moves_when_they_change(run):
    args = ("schedule", "-r", "nanchang", "--school-year", "2026-2027", "--format", "ics")
    first = {str(e.get("uid")): int(e.get("sequence")) for e in events(run(*args).output)}
    again = {str(e.get("uid")): int(e.get("sequence")) for e in events(run(*args).output)}
    assert first == again
    english = {str(e.get("uid")): int(e.get("sequence")) for e in events(run(*args, "--lang", "en").output)}
    assert english.keys() == first.keys() and english != first  # other content, other sequence
    modified = {e.get("last-modified").dt.date().isoformat() for e in events(run(*args).output)}
    assert modified == {"2019-01-01"}  # 洪教健字〔2019〕1号 in force from 2019


def test_short_title():
    assert short_title("短") == "短"
    assert len(short_title("长" * 100)) == TITLE_LIMIT and short_title("长" * 100).endswith("…")


def test_datasette_label_columns():
    tables = datasette_metadata("records")["databases"]["records"]["tables"]
    assert tables["schools"]["label_column"] == "school_name"
    assert tables["requirements"]["label_column"] == "text_zh"
    assert all(tables[t]["label_column"] == c for t, c in LABEL_COLUMNS.items())
