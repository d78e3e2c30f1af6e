"""Property tests over the trust boundaries (issue 22): school ids are
compared as a person reads them, personal data is found however it is
written, and a roll-up source whose numbers were changed in any way is
refused while an untouched one is taken."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import sqlite3
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from xinli.core.assessment.facts import columns_for, read_facts
from xinli.core.assessment.metrics import collect_metrics
from xinli.core.errors import XinliError
from xinli.core.personal_data import personal_data_kind
from xinli.core.registry import load_plugins
from xinli.core.views.checklist import build_checklist

SETTINGS = settings(max_examples=40, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@pytest.fixture(scope="module")
def henan():
    registry = load_plugins(only=["henan"])
    return registry, columns_for(build_checklist(registry, "henan"), collect_metrics(registry))


def _csv(ids: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["school_id", "school_name", "grades"])
    for n, school_id in enumerate(ids):
        writer.writerow([school_id, f"第{n}学校", "1-6"])
    return buffer.getvalue()


ID_CHARS = st.sampled_from(list("AHN019") + ["Ａ", "Ｈ", "Ｎ", "０", "１", "９", "ﾊ"] + list(INVISIBLE))


@SETTINGS
@given(st.lists(st.text(ID_CHARS, min_size=1, max_size=6), min_size=1, max_size=5))
def test_ids_are_read_as_a_person_reads_them(henan, tmp_path, ids):
    """Either the file is refused, or every stored id is NFKC-normal, free of
    invisible characters, and no two ids a person would read alike are kept."""
    _, columns = henan
    path = tmp_path / "facts.csv"
    path.write_text(_csv(ids), encoding="utf-8")
    try:
        schools = read_facts(path, columns)
    except XinliError as exc:
        message = str(exc)
        assert ("U+" in message or "duplicate" in message or "empty" in message), message
        if not any(c in INVISIBLE for c in "".join(ids)):
            normal = [unicodedata.normalize("NFKC", i).strip() for i in ids]
            assert len(set(normal)) < len(normal) or "" in normal, message
        return
    stored = [s.school_id for s in schools]
    assert all(s == unicodedata.normalize("NFKC", s) for s in stored)
    assert not any(c in INVISIBLE for c in "".join(stored))
    assert len(set(stored)) == len(stored) == len(ids)


SEPARATORS = st.sampled_from(["", " ", "-", ".", "\u3000", "－", "·"])


@SETTINGS
@given(st.sampled_from("3456789"), st.text("0123456789", min_size=9, max_size=9), SEPARATORS, SEPARATORS,
       st.sampled_from(["", "+86", "0086", "+86 "]), st.booleans(), st.sampled_from(["", "电话", "联系人 "]))
def test_a_mobile_number_is_found_however_it_is_written(second, rest, sep1, sep2, prefix, wide, before):
    number = f"1{second}{rest[:1]}{sep1}{rest[1:5]}{sep2}{rest[5:]}"
    text = before + prefix + number
    if wide:
        text = "".join(chr(ord(c) + 0xFEE0) if "0" <= c <= "9" else c for c in text)
    assert personal_data_kind(text) is not None, text


@SETTINGS
@given(st.integers(1, 999), st.integers(0, 98), st.integers(1, 28), st.integers(0, 999), SEPARATORS, st.booleans())
def test_a_15_digit_id_card_number_is_found(area, year, day, serial, sep, wide):
    number = f"{110000 + area:06d}{sep}{year:02d}{(day % 12) + 1:02d}{day:02d}{sep}{serial:03d}"
    if wide:
        number = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in number)
    assert personal_data_kind(f"学生{number}") == "ID-card number", number


# ---------------------------------------------------------------- roll-up sources


@pytest.fixture(scope="module")
def source(tmp_path_factory, henan):
    """A Henan records database of three schools."""
    from xinli.core.assessment.pipeline import assess

    registry, columns = henan
    root = tmp_path_factory.mktemp("sources")
    header = columns.names
    rows = [dict.fromkeys(header, "") | {"school_id": f"HN00{n}", "school_name": f"第{n}学校", "grades": "1-9"}
            for n in range(1, 4)]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (root / "facts.csv").write_text(buffer.getvalue(), encoding="utf-8")
    assess(registry, "henan", root / "facts.csv", root / "src.db", dt.date(2026, 11, 1))
    return root / "src.db"


EDITS = st.one_of(
    st.tuples(st.just("update requirement_counts set n = n + ? "
                      "where requirement = (select max(requirement) from requirement_counts)"), st.integers(1, 10**6)),
    st.tuples(st.just("update requirement_counts set n = ? where requirement = (select min(requirement) from "
                      "requirement_counts) and status = (select min(status) from requirement_counts)"),
              st.integers(2, 10**6)),
    st.tuples(st.just("update runs set schools = schools + ?"), st.integers(-2, 10**6).filter(bool)),
    st.tuples(st.just("update runs set findings = findings + ?"), st.integers(-5, 10**6).filter(bool)),
    st.tuples(st.just("update runs set counts = json_set(counts, '$.manual', json_extract(counts, '$.manual') + ?)"),
              st.integers(1, 10**6)),
    st.tuples(st.just("update runs set counts = json_set(counts, '$.met', ?)"), st.integers(1, 10**6)),
)


@SETTINGS
@given(EDITS)
def test_a_source_whose_numbers_were_changed_is_refused(henan, source, tmp_path, edit):
    from xinli.core.assessment.rollup import rollup

    registry, _ = henan
    sql, value = edit
    copy = tmp_path / f"edited-{abs(hash(edit))}.db"
    shutil.copy(source, copy)
    conn = sqlite3.connect(copy)
    changed = conn.execute(sql, [value]).rowcount
    conn.commit()
    conn.close()
    assume(changed)
    target = tmp_path / f"up-{abs(hash(edit))}.db"
    with pytest.raises(XinliError, match="edited|不一致|not consistent"):
        rollup(registry, "henan", target, [copy])
    assert not target.exists()


def test_an_untouched_source_is_taken(henan, source, tmp_path):
    from xinli.core.assessment.rollup import rollup

    registry, _ = henan
    result = rollup(registry, "henan", tmp_path / "up.db", [Path(source)])
    assert result.created and result.schools == 3
