"""Calendar titles that fit, with SEQUENCE and LAST-MODIFIED that only grow;
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


def sequences(text: str) -> dict[str, tuple[int, object, tuple]]:
    return {str(e.get("uid")): (int(e.get("sequence")), e.get("last-modified").dt,
                                (e.get("dtstart").dt, e.get("dtend").dt, str(e.get("description")))) for e in events(text)}


def test_sequence_never_decreases_across_a_change(run, monkeypatch, tmp_path):
    """Moving the autumn start changes events; a calendar made afterwards
    gives every changed event a higher SEQUENCE and a later LAST-MODIFIED,
    with or without the previous calendar, and never a lower one."""
    args = ("schedule", "-r", "nanchang", "--school-year", "2026-2027", "--format", "ics")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    first_text = run(*args).output
    first = sequences(first_text)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790003600")  # an hour later
    moved = sequences(run(*args, "--autumn-start", "2026-09-07").output)
    assert moved.keys() == first.keys()
    changed = [uid for uid in first if first[uid][2] != moved[uid][2]]
    assert len(changed) >= 5
    assert all(moved[uid][0] > first[uid][0] and moved[uid][1] > first[uid][1] for uid in changed)
    assert all(moved[uid][0] >= first[uid][0] for uid in first)
    # with the calendar published before: unchanged events keep their revision, changed ones move on
    previous = tmp_path / "before.ics"
    previous.write_text(first_text, encoding="utf-8")
    kept = sequences(run(*args, "--autumn-start", "2026-09-07", "--previous", str(previous)).output)
    assert all(kept[uid][:2] == first[uid][:2] for uid in first if uid not in changed)
    assert all(kept[uid][0] > first[uid][0] and kept[uid][1] > first[uid][1] for uid in changed)
    # and back to the old dates later: higher again, never the first number
    later = tmp_path / "moved.ics"
    later.write_text(run(*args, "--autumn-start", "2026-09-07").output, encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790007200")
    back = sequences(run(*args, "--previous", str(later)).output)
    assert all(back[uid][0] > moved[uid][0] for uid in changed)
    assert all(back[uid][0] >= moved[uid][0] for uid in first)


def test_same_calendar_again_keeps_every_revision(run, tmp_path):
    args = ("schedule", "-r", "nanchang", "--school-year", "2026-2027", "--format", "ics")
    previous = tmp_path / "before.ics"
    previous.write_text(run(*args).output, encoding="utf-8")
    again = sequences(run(*args, "--previous", str(previous)).output)
    assert {uid: v[:2] for uid, v in again.items()} == {uid: v[:2] for uid, v in sequences(previous.read_text("utf-8")).items()}
    english = sequences(run(*args, "--lang", "en", "--previous", str(previous)).output)
    assert all(english[uid][0] > again[uid][0] for uid in again)  # other titles: a new revision


def test_short_title():
    assert short_title("短") == "短"
    assert len(short_title("长" * 100)) == TITLE_LIMIT and short_title("长" * 100).endswith("…")


def test_datasette_label_columns():
    tables = datasette_metadata("records")["databases"]["records"]["tables"]
    assert tables["schools"]["label_column"] == "school_name"
    assert tables["requirements"]["label_column"] == "text_zh"
    assert all(tables[t]["label_column"] == c for t, c in LABEL_COLUMNS.items())
