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


def test_nanchang_draws_routine_reporting_and_emergency_response_as_two_flowcharts(run, checklists):
    """附件2 二（二） and 二（三） are two procedures, not one numbered list."""
    result = run("escalation", "--region", "nanchang", "--lang", "zh")
    assert result.exit_code == 0, result.output
    blocks = result.output.split("\n---\ntitle: ")
    assert len(blocks) == 2
    routine, emergency = blocks
    assert routine.startswith("---\ntitle: 学生心理问题汇报（早期预警）\n---\nflowchart TD")
    assert emergency.startswith("突发自伤自毁事故的紧急处理\n---\nflowchart TD")
    items = {i["id"]: i for i in steps_of(checklists["nanchang"])}
    routine_ids = [i for i in items if items[i]["step"]["procedure"] == "routine"]
    emergency_ids = [i for i in items if items[i]["step"]["procedure"] == "emergency"]
    assert len(routine_ids) == 5 and len(emergency_ids) == 8
    for text, ids in ((routine, routine_ids), (emergency, emergency_ids)):
        lines = text.splitlines()
        nodes = [(int(m.group(1)), m.group(2)) for m in map(NODE.match, lines) if m]
        assert [n for n, _ in nodes] == list(range(1, len(ids) + 1))
        for (number, label), item_id in zip(nodes, ids, strict=True):
            assert label.split("<br/>")[0].startswith(f"{number}. ")
            assert items[item_id]["text"]["zh"][:12] in label.replace("<br/>", "")
    # the four departments of 附件2 二（三）2（1）-（4） act at the same time: all follow step 2, all lead to step 7
    edges = [(int(m.group(1)), int(m.group(3))) for m in map(EDGE.match, emergency.splitlines()) if m]
    assert [(2, n) for n in (3, 4, 5, 6)] == [e for e in edges if e[0] == 2]
    assert [(n, 7) for n in (3, 4, 5, 6)] == [e for e in edges if e[1] == 7]
    assert emergency.count("（同时进行）") == 0 and emergency.count("(同时进行)") == 4
    # classmates and the class group report side by side
    assert [e for e in (int(m.group(1)) for m in map(EDGE.match, routine.splitlines()) if m)].count(1) == 1
    assert "800-810-1117" in routine and "800-810-1117" not in emergency


def test_qu_county_incident_step_acts_under_guidance_and_reports_to_no_court(run, checklists):
    """四（三）12「在当地学校、公安等部门指导下核实情况」: guidance, not reporting."""
    step = next(i["step"] for i in steps_of(checklists["sichuan_quxian"])
                if i["id"] == "sichuan_quxian.escalation.incident-start-plan")
    assert step["reports_to"] == [] and step["guided_by"] == ["education_authority", "police"]
    assert step["procedure"] == "emergency"
    text = run("escalation", "--region", "sichuan_quxian", "--lang", "zh", "--procedure", "emergency").output
    assert "title: 意外事件后的应急处置" in text and text.count("flowchart TD") == 1
    assert '-.->|"指导"| S1' in text and "法院" not in text and "报告" not in text
    assert run("escalation", "--region", "sichuan_quxian", "--procedure", "nope").exit_code == 2


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
    chain = escalation_chain(checklists[code])
    steps = steps_of(checklists[code])
    partners = 1 if chain["partners"] else 0
    assert len(root.findall("rect")) == len(steps) + partners  # one box per step, one for the partners
    texts = "".join(t.text or "" for t in root.iter("text"))
    for procedure in chain["procedures"]:
        for number in range(1, len(procedure["steps"]) + 1):
            assert f"{number}. " in texts
        if len(chain["procedures"]) > 1:
            assert procedure["name"]["zh"] in texts


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
    assert data["schema"] == "xinli.escalation/2"
    assert [p["key"] for p in data["procedures"]] == ["main"]
    assert [s["requirement_id"] for s in data["steps"]] == [i["id"] for i in steps_of(checklists["henan"])]


def test_wrap_keeps_latin_words_and_breaks_cjk():
    lines = wrap("alpha beta gamma delta epsilon", 80)
    assert all(" " not in line.strip() or len(line) < 20 for line in lines)
    assert "".join(lines).replace(" ", "") == "alphabetagammadeltaepsilon"
    assert "".join(wrap("学生之间得知危机信息应及时向班主任反映", 60)) == "学生之间得知危机信息应及时向班主任反映"


def test_bad_region_and_format_exit_2(run):
    assert run("escalation", "--region", "atlantis").exit_code == 2
    assert run("escalation", "--region", "henan", "--format", "png").exit_code == 2
