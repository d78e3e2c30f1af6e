"""``xinli escalation``: the chain as Mermaid, DOT, text, JSON and inline
SVG, each read back for its steps in the document's order."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from xinli.core.render.flowchart import render_mermaid, render_svg, wrap
from xinli.core.views.escalation import escalation_chain

NODE = re.compile(r'^  S(\d+)\["(.*)"\]$')
EDGE = re.compile(r'^  S(\d+) -->(?:\|"(.*)"\|)? S(\d+)$')


def steps_of(checklist: dict) -> list[dict]:
    return [item for item in checklist["items"] if item["step"]]


def test_nanchang_mermaid_flowchart_has_its_steps_in_the_documents_order(run, checklists):
    result = run("escalation", "--region", "nanchang", "--lang", "zh")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "flowchart TD"
    nodes = [(int(m.group(1)), m.group(2)) for m in map(NODE.match, lines) if m]
    items = steps_of(checklists["nanchang"])
    assert [n for n, _ in nodes] == list(range(1, len(items) + 1))
    assert [item["step"]["order"] for item in items] == sorted(item["step"]["order"] for item in items)
    for (number, label), item in zip(nodes, items, strict=True):
        first_line = label.split("<br/>")[0]
        assert first_line.startswith(f"{number}. ")
        assert item["text"]["zh"][:12] in label.replace("<br/>", "")
    edges = [(int(m.group(1)), m.group(2), int(m.group(3))) for m in map(EDGE.match, lines) if m]
    assert [(a, b) for a, _, b in edges] == [(n, n + 1) for n in range(1, len(items))]
    conditions = {b: label for _, label, b in edges if label}
    for item, number in zip(items, range(1, len(items) + 1), strict=True):
        if item["step"]["condition"] and number > 1:
            assert conditions[number] == item["step"]["condition"]["zh"]
    partners = [line for line in lines if re.match(r"^  P\d+\(\[", line)]
    assert len(partners) == sum(1 for i in checklists["nanchang"]["items"] if i["partner"])
    assert lines[-1].startswith(f"  S{len(items)} --> P1 & P2")
    assert "800-810-1117" in result.output


def test_henan_consent_condition_sits_on_the_arrow_into_referral(checklists):
    text = render_mermaid(escalation_chain(checklists["henan"]), "en")
    referral = next(i for i in steps_of(checklists["henan"]) if "consent" in (i["step"]["condition"] or {}).get("en", ""))
    number = steps_of(checklists["henan"]).index(referral) + 1
    assert f'-->|"{referral["step"]["condition"]["en"]}"| S{number}' in text


def test_first_step_condition_gets_a_trigger_node(checklists):
    text = render_mermaid(escalation_chain(checklists["chongqing_qijiang"]), "en")
    assert '  start(("trigger"))' in text
    assert '  start -->|"the student received an initial warning in the screening"| S1' in text


def test_mermaid_labels_escape_quotes_and_angle_brackets():
    checklist = {
        "region": {"code": "x", "name": {"zh": "某地", "en": "Somewhere"}},
        "documents": [],
        "items": [{
            "id": "x.escalation.a", "domain": "escalation", "level": "required", "source": "x",
            "text": {"zh": '说"明" <b>', "en": 'say "this" <b>'},
            "step": {"order": 1, "role": "school", "reports_to": [], "condition": None},
            "citation": {"jurisdiction": "x", "document": "D", "clause": "1", "quote": "q"},
        }],
    }
    text = render_mermaid(escalation_chain(checklist), "en")
    assert "#quot;this#quot;" in text and "#lt;b#gt;" in text and '"this"' not in text


def test_region_without_a_chain_says_so():
    empty = {"region": {"code": "x", "name": {"zh": "某地", "en": "Somewhere"}}, "documents": [], "items": []}
    chain = escalation_chain(empty)
    assert "The document sets out no escalation chain." in render_mermaid(chain, "en")
    assert "The document sets out no escalation chain." in render_svg(chain, "en")


@pytest.mark.parametrize("code", ["henan", "nanchang", "chongqing_qijiang", "sichuan_quxian", "chongqing_dadukou"])
def test_svg_is_well_formed_and_self_contained(checklists, code):
    svg = render_svg(escalation_chain(checklists[code]), "both")
    root = ET.fromstring(svg)
    assert root.tag == "svg"
    assert "http" not in svg and "<script" not in svg and "href" not in svg
    steps = steps_of(checklists[code])
    assert len(root.findall("rect")) == len(steps) + 1  # one box per step, one for the partners
    texts = "".join(t.text or "" for t in root.iter("text"))
    for number in range(1, len(steps) + 1):
        assert f"{number}. " in texts


def test_dot_text_and_json_formats(run, checklists):
    dot = run("escalation", "--region", "henan", "--format", "dot", "--lang", "en").output
    assert dot.startswith("digraph escalation {") and dot.rstrip().endswith("}")
    assert dot.count("{") == dot.count("}")
    n = len(steps_of(checklists["henan"]))
    assert [int(m) for m in re.findall(r"^  S(\d+) \[label=", dot, re.MULTILINE)] == list(range(1, n + 1))
    assert "subgraph cluster_partners" in dot
    text = run("escalation", "--region", "henan", "--format", "text", "--lang", "en").output
    numbered = [line for line in text.splitlines() if re.match(r"^\d+\. ", line)]
    assert [int(line.split(".")[0]) for line in numbered] == list(range(1, n + 1))
    assert "Referral partners:" in text and "教基〔2021〕330号" in text
    data = json.loads(run("escalation", "--region", "henan", "--format", "json").output)
    assert data["schema"] == "xinli.escalation/1"
    assert [s["requirement_id"] for s in data["steps"]] == [i["id"] for i in steps_of(checklists["henan"])]


def test_wrap_keeps_latin_words_and_breaks_cjk():
    lines = wrap("alpha beta gamma delta epsilon", 80)
    assert all(" " not in line.strip() or len(line) < 20 for line in lines)
    assert "".join(lines).replace(" ", "") == "alphabetagammadeltaepsilon"
    assert "".join(wrap("学生之间得知危机信息应及时向班主任反映", 60)) == "学生之间得知危机信息应及时向班主任反映"


def test_bad_region_and_format_exit_2(run):
    assert run("escalation", "--region", "atlantis").exit_code == 2
    assert run("escalation", "--region", "henan", "--format", "png").exit_code == 2
