"""``xinli escalation``: the chain as Mermaid, DOT, text, JSON and inline
SVG, each read back for its steps in the document's order."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from xinli.core.render.flowchart import render_dot, render_mermaid, render_svg, render_text, wrap
from xinli.core.views.escalation import escalation_chain

NODE = re.compile(r'^    (\w+)_S(\d+)\["(.*)"\]$')
EDGE = re.compile(r'^  (\w+?)_S(\d+) -\.?->(?:\|"(.*)"\|)? (\w+?)_S(\d+)$')
SVG = "{http://www.w3.org/2000/svg}"
BUNDLED = ["henan", "nanchang", "chongqing_qijiang", "sichuan_quxian", "chongqing_dadukou"]


def steps_of(checklist: dict) -> list[dict]:
    return [item for item in checklist["items"] if item["step"]]


def parse_mermaid(text: str) -> dict:
    """Read a Mermaid flowchart back the way a parser would: front matter,
    exactly one ``flowchart`` header, balanced ``subgraph``/``end``, every
    node declared once, every edge between declared nodes or subgraphs."""
    lines = text.splitlines()
    assert lines[:1] == ["---"] and lines[2] == "---", "front matter with a title"
    body = lines[3:]
    assert body[0] == "flowchart TD" and sum(line.startswith("flowchart") for line in text.splitlines()) == 1
    subgraphs: dict[str, list[str]] = {}
    nodes: dict[str, str] = {}
    edges: list[tuple[str, str, str | None]] = []
    current: str | None = None
    for line in body[1:]:
        stripped = line.strip()
        if m := re.fullmatch(r'subgraph (\w+)\["(.*)"\]', stripped):
            assert current is None, "subgraphs are not nested"
            assert m.group(1) not in subgraphs
            current = m.group(1)
            subgraphs[current] = []
        elif stripped == "end":
            assert current is not None
            current = None
        elif stripped == "direction TB" or stripped.startswith(("classDef ", "class ")):
            continue
        elif m := re.fullmatch(r'(\w+) -\.?->(?:\|"([^"]*)"\|)? (\w+)', stripped):
            edges.append((m.group(1), m.group(3), m.group(2)))
        elif m := re.fullmatch(r'(\w+)(\[".*"\]|\(\(".*"\)\)|\(\[".*"\]\)|\[/".*"/\])', stripped):
            assert m.group(1) not in nodes, f"node {m.group(1)} declared twice"
            nodes[m.group(1)] = m.group(2)
            if current is not None:
                subgraphs[current].append(m.group(1))
        else:
            raise AssertionError(f"not a Mermaid flowchart line: {line!r}")
    assert current is None, "every subgraph is closed"
    for a, b, _ in edges:
        assert a in nodes or a in subgraphs, a
        assert b in nodes or b in subgraphs, b
    return {"subgraphs": subgraphs, "nodes": nodes, "edges": edges}


def test_nanchang_draws_routine_reporting_and_emergency_response_as_subgraphs_of_one_flowchart(run, checklists):
    """附件2 二（二） and 二（三） are two procedures, not one numbered list; 二（三）2's hospital-first path is a third."""
    result = run("escalation", "--region", "nanchang", "--lang", "zh")
    assert result.exit_code == 0, result.output
    parsed = parse_mermaid(result.output)
    assert list(parsed["subgraphs"]) == ["routine", "emergency", "emergency_hospital", "partners"]
    items = {i["id"]: i for i in steps_of(checklists["nanchang"])}
    lines = result.output.splitlines()
    for key in ("routine", "emergency"):
        ids = [i for i in items if items[i]["step"]["procedure"] == key]
        nodes = [(m.group(2), m.group(3)) for m in map(NODE.match, lines) if m and m.group(1) == key]
        assert [int(n) for n, _ in nodes] == list(range(1, len(ids) + 1))
        for (number, label), item_id in zip(nodes, ids, strict=True):
            assert label.split("<br/>")[0].startswith(f"{number}. ") and "[必须/应当]" in label.split("<br/>")[0]
            assert items[item_id]["text"]["zh"][:12] in label.replace("<br/>", "")
    # the on-scene departments of 附件2 二（三）2（1）-（4）, with contacting parents, act at the same time
    edges = [(int(m.group(2)), int(m.group(5))) for m in map(EDGE.match, lines) if m and m.group(1) == "emergency"]
    assert [(2, n) for n in (3, 4, 5, 6, 7)] == [e for e in edges if e[0] == 2]
    assert [(n, 8) for n in (3, 4, 5, 6, 7)] == [e for e in edges if e[1] == 8]
    emergency = "\n".join(line for line in lines if line.startswith("    emergency_S"))
    assert emergency.count("(同时进行)") == 5
    # classmates and the class group report side by side
    assert [a for a, _b in ((int(m.group(2)), 0) for m in map(EDGE.match, lines) if m and m.group(1) == "routine")].count(1) == 1
    assert "800-810-1117" in parsed["nodes"]["P1"]
    assert ("emergency_S8", "partners", None) not in parsed["edges"] and ("routine_S4", "partners", None) in parsed["edges"]


@pytest.mark.parametrize("code", BUNDLED)
def test_mermaid_is_one_flowchart_with_a_subgraph_per_procedure(checklists, code):
    chain = escalation_chain(checklists[code])
    for lang in ("zh", "en", "both"):
        parsed = parse_mermaid(render_mermaid(chain, lang))
        keys = [p["key"] for p in chain["procedures"] if p["steps"]]
        assert [k for k in parsed["subgraphs"] if k != "partners"] == keys
        for proc in chain["procedures"]:
            steps = [n for n in parsed["subgraphs"][proc["key"]] if "_S" in n]
            assert len(steps) == len(proc["steps"])
        assert ("partners" in parsed["subgraphs"]) == bool(chain["partners"])


def test_optional_steps_are_drawn_dashed_and_levels_are_written(checklists):
    chain = escalation_chain(checklists["henan"])
    optional = [s for s in chain["steps"] if s["level"] in ("encouraged", "permitted")]
    text = render_mermaid(chain, "zh")
    for step in chain["steps"]:
        node = f"{step['procedure']}_S{step['number']}"
        if step in optional:
            assert re.search(rf"^  class .*\b{node}\b.* optional$", text, re.MULTILINE)
        else:
            assert re.search(rf'^    {node}\["[^<]*\[必须/应当\]<br/>', text, re.MULTILINE)
    plain = render_text(chain, "zh").splitlines()
    for step in chain["steps"]:
        line = next(li for li in plain if li.startswith(f"{step['number']}. ") and step["role_label"]["zh"] in li)
        assert ("[鼓励]" in line or "[可以]" in line) if step in optional else "[必须/应当]" in line


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
@pytest.mark.parametrize("code", BUNDLED)
def test_dot_makes_one_svg_with_a_cluster_per_procedure(checklists, code, tmp_path):
    chain = escalation_chain(checklists[code])
    source = render_dot(chain, "zh")
    assert source.count("digraph ") == 1
    done = subprocess.run(["dot", "-Tsvg"], input=source.encode("utf-8"), capture_output=True, check=False, timeout=60)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    root = ET.fromstring(done.stdout)
    assert root.tag == f"{SVG}svg"
    clusters = [g.find(f"{SVG}title").text for g in root.iter(f"{SVG}g") if g.get("class") == "cluster"]
    keys = [p["key"] for p in chain["procedures"] if p["steps"]]
    assert clusters == [f"cluster_{k}" for k in keys] + (["cluster_partners"] if chain["partners"] else [])
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    for proc in chain["procedures"]:
        assert proc["name"]["zh"][:8] in texts
    nodes = [g.find(f"{SVG}title").text for g in root.iter(f"{SVG}g") if g.get("class") == "node"]
    assert sum("_S" in n for n in nodes) == len(chain["steps"])


def test_qu_county_incident_step_acts_under_guidance_and_reports_to_no_court(run, checklists):
    """四（三）12「在当地学校、公安等部门指导下核实情况」: guidance, not reporting."""
    step = next(i["step"] for i in steps_of(checklists["sichuan_quxian"])
                if i["id"] == "sichuan_quxian.escalation.incident-start-plan")
    assert step["reports_to"] == [] and step["guided_by"] == ["education_authority", "police"]
    assert step["procedure"] == "emergency"
    text = run("escalation", "--region", "sichuan_quxian", "--lang", "zh", "--procedure", "emergency").output
    parsed = parse_mermaid(text)
    assert list(parsed["subgraphs"])[0] == "emergency" and "意外事件后的应急处置" in text
    assert '-.->|"指导"| emergency_S1' in text and "法院" not in text and "报告:" not in text
    assert run("escalation", "--region", "sichuan_quxian", "--procedure", "nope").exit_code == 2


def test_henan_consent_condition_sits_on_the_arrow_into_referral(checklists):
    text = render_mermaid(escalation_chain(checklists["henan"]), "en")
    referral = next(i for i in steps_of(checklists["henan"]) if "consent" in (i["step"]["condition"] or {}).get("en", ""))
    number = steps_of(checklists["henan"]).index(referral) + 1
    assert f'->|"{referral["step"]["condition"]["en"]}"| main_S{number}' in text


def test_first_step_condition_gets_a_trigger_node(checklists):
    text = render_mermaid(escalation_chain(checklists["chongqing_qijiang"]), "en")
    key = escalation_chain(checklists["chongqing_qijiang"])["procedures"][0]["key"]
    assert f'    {key}_start(("trigger"))' in text
    assert f'  {key}_start -->|"the student received an initial warning in the screening"| {key}_S1' in text


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
    assert dot.startswith("digraph escalation {") and dot.rstrip().endswith("}") and dot.count("digraph") == 1
    assert dot.count("{") == dot.count("}")
    n = len(steps_of(checklists["henan"]))
    assert [int(m) for m in re.findall(r"^    main_S(\d+) \[label=", dot, re.MULTILINE)] == list(range(1, n + 1))
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
