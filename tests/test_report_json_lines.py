"""The streamed JSON report writes each school from its known pieces; the
line must be exactly what the json module would write."""

from __future__ import annotations


def test_report_school_lines_equal_the_json_encoder():
    import json

    from xinli.core.render.report import _school_json

    encode = json.JSONEncoder(ensure_ascii=False).encode
    miss = {"requirement_id": "henan.x", "expected": ">= 1 人", "observed": None, "document": "豫教〔2021〕1号",
            "clause": "二、(三)\"引号\"\\\n"}
    schools = [
        {"school_id": "S1", "school_name": "第一中学", "counts": {"met": 3, "not_met": 1}, "required_not_met": [miss]},
        {"school_id": "S2", "school_name": "", "counts": {}, "required_not_met": []},
        {"school_id": "S3", "school_name": "x\u2028y\t", "counts": {"met": 0},
         "required_not_met": [dict(miss, observed="12"), dict(miss, observed="true")]},
        # other shapes go to the encoder
        {"school_id": 7, "school_name": "n", "counts": {"met": 1}, "required_not_met": []},
        {"school_id": "S4", "school_name": "n", "counts": {"met": True}, "required_not_met": []},
        {"school_id": "S5", "school_name": "n", "counts": {"met": 1.5}, "required_not_met": [dict(miss, observed=3)]},
        {"school_name": "n", "school_id": "S6", "counts": {}, "required_not_met": []},
        {"school_id": "S7", "school_name": "n", "counts": {}, "required_not_met": [], "extra": 1},
    ]
    for school in schools:
        assert _school_json(school) == encode(school)
