"""``xinli new-plugin``: the generated files, the refusals, every level and
rules folders.  The installed round trip (pip install in a fresh venv,
``plugins check --strict``, the package's own tests, assessment) is
tests/test_adding_a_district.py."""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import BUNDLED

from xinli.core.rules import scaffold
from xinli.core.rules.toml_plugin import TomlPlugin
from xinli.core.rules.validate import check_plugin
from xinli.testing import checklist_for, load_registry
from xinli.testing import contract as rules

HENAN_DOC = scaffold.ParentDocument("教基〔2021〕330号", "河南省教育厅关于加强中小学生心理危机识别和干预工作的通知", "河南省教育厅")


def spec(**changes) -> scaffold.ScaffoldSpec:
    """A scaffold request for an invented county under Henan."""
    values = dict(code="bar_county", parent="henan", name_zh="巴县", name_en="Bar County", parent_name_zh="河南省",
                  parent_name_en="Henan Province", parent_documents=[HENAN_DOC], today=dt.date(2025, 3, 1))
    values.update(changes)
    return scaffold.ScaffoldSpec(**values)


def listing(path: Path) -> list[str]:
    """Every path under ``path``, relative, sorted (hidden ones included)."""
    return sorted(str(p.relative_to(path)) for p in path.rglob("*"))


# --- the generated files ---------------------------------------------------------


def test_render_writes_an_installable_package_shaped_like_the_bundled_plugins():
    files = scaffold.render(spec())
    assert sorted(files) == [
        "pyproject.toml", "tests/test_plugin.py", "xinli_bar_county/README.md", "xinli_bar_county/__init__.py",
        "xinli_bar_county/plugin.py", "xinli_bar_county/rules.toml", "xinli_bar_county/source.txt",
    ]
    project = tomllib.loads(files["pyproject.toml"])
    assert project["project"]["name"] == "xinli-bar-county"
    assert project["project"]["dependencies"] == ["xinli>=0.1"]
    assert project["project"]["entry-points"]["xinli"] == {"bar_county": "xinli_bar_county.plugin:plugin"}
    assert project["tool"]["setuptools"]["package-data"] == {"xinli_bar_county": ["rules.toml", "source.txt", "README.md"]}
    assert files["xinli_bar_county/plugin.py"] == (
        "from xinli.core.rules.toml_plugin import TomlPlugin\nplugin = TomlPlugin.from_package(__package__)\n")
    for path, text in files.items():
        if path.endswith(".py"):
            compile(text, path, "exec")


def scaffolded(files: dict[str, str], package: str = "xinli_bar_county") -> TomlPlugin:
    """The scaffolded rules file, loaded as the plugin would load it."""
    return TomlPlugin(files[f"{package}/rules.toml"], files[f"{package}/source.txt"])


def test_rules_file_has_identity_ancestry_and_one_marked_example():
    files = scaffold.render(spec())
    rules = files["xinli_bar_county/rules.toml"]
    plugin = scaffolded(files)
    jurisdiction = plugin.jurisdiction
    assert (jurisdiction.level, jurisdiction.parent, jurisdiction.parent_name.zh) == ("county", "henan", "河南省")
    assert [a.code for a in jurisdiction.ancestors] == ["henan"]
    (document,) = jurisdiction.documents
    assert (document.number, document.date) == ("待填写〔2025〕1号", "2025-03-01")
    assert [ref.number for ref in document.implements] == ["教基〔2021〕330号"]
    assert plugin.scaffolded_on == "2025-03-01" and jurisdiction.encoded_domains == ()
    assert "EXAMPLE — replace with your document's requirements" in rules
    assert [r.id for r in plugin.requirements] == ["bar_county.other.example-work-log"]
    assert "【示例】" in rules and "[Example]" in rules


def test_a_province_needs_no_parent_or_declares_national():
    alone = scaffolded(scaffold.render(spec(code="bar_prov", level="province", parent=None, parent_name_zh=None,
                                            parent_name_en=None, parent_documents=[])), "xinli_bar_prov")
    assert alone.jurisdiction.parent is None and alone.jurisdiction.ancestors == ()
    national = scaffolded(scaffold.render(spec(code="bar_prov", level="province", parent="national", parent_name_zh="国家",
                                               parent_name_en="National", parent_level="national", parent_documents=[])),
                          "xinli_bar_prov")
    assert [(a.code, a.level) for a in national.jurisdiction.ancestors] == [("national", "national")]


def test_a_county_declares_its_whole_line():
    line = [scaffold.AncestorSpec("bar_prov", "巴省", "Bar Province", "province"),
            scaffold.AncestorSpec("national", "国家", "National", "national")]
    plugin = scaffolded(scaffold.render(spec(parent="bar_city", parent_name_zh="巴市", parent_name_en="Bar City",
                                             parent_level="city", parent_documents=[], ancestors=line)))
    assert [a.code for a in plugin.jurisdiction.ancestors] == ["bar_city", "bar_prov", "national"]


def test_example_quote_is_in_the_placeholder_source_text():
    files = scaffold.render(spec())
    source = files["xinli_bar_county/source.txt"]
    assert source.splitlines()[0].startswith("【请用本地文件的全文替换本文件")
    assert "〔略〕" in source
    assert scaffold.EXAMPLE_QUOTE in source and f'"{scaffold.EXAMPLE_QUOTE}"' in files["xinli_bar_county/rules.toml"]


def test_tests_use_the_contract_in_one_line_and_the_checklist_fixture():
    tests = scaffold.render(spec())["tests/test_plugin.py"]
    assert "class TestContract(PluginContract):\n    code = CODE\n" in tests
    assert "def test_example_requirement(xinli_checklist):" in tests
    assert 'item["source"] == inherited["source"]' in tests


def test_readme_is_bilingual_and_names_the_parent():
    readme = scaffold.render(spec(document_number="巴教〔2025〕3号"))["xinli_bar_county/README.md"]
    for heading in ("## 中文", "## English", "**文件**", "**Document**", "**上级**", "**Parent**",
                    "**覆盖内容**", "**Coverage**", "**解释与取舍**", "**Interpretations**"):
        assert heading in readme
    assert "巴教〔2025〕3号" in readme and "`henan`（河南省）" in readme


def test_names_with_quotes_stay_valid_toml():
    files = scaffold.render(spec(code="quote_county", name_en='The "Quoted" County', document_number='文"号'))
    plugin = scaffolded(files, "xinli_quote_county")
    assert plugin.jurisdiction.name.en == 'The "Quoted" County'
    assert plugin.jurisdiction.documents[0].number == '文"号'


@pytest.mark.parametrize("parent", BUNDLED)
def test_generated_plugin_layers_over_its_parent_and_obeys_the_contract(run, tmp_path, monkeypatch, parent):
    """The generated module, loaded in-process beside every bundled parent
    (no install): check_plugin and every contract rule find nothing."""
    code = f"inproc_{parent}"
    result = run("new-plugin", code, "--parent", parent, "--name-zh", "测试县", "--name-en", "Test County",
                 "--directory", str(tmp_path / "pkg"))
    assert result.exit_code == 0, result.output
    monkeypatch.syspath_prepend(str(tmp_path / "pkg"))
    module = importlib.import_module(f"xinli_{code}.plugin")
    try:
        registry = load_registry(BUNDLED, extra=[(code, module.plugin)])
        assert registry.problems == []
        assert [str(p) for p in check_plugin(registry, code)] == []
        checklist = checklist_for(registry, code)
        inherited = checklist_for(registry, parent)
        assert [i["id"] for i in checklist["items"] if i["source"] != code] == [i["id"] for i in inherited["items"]]
        assert [i["id"] for i in checklist["items"] if i["source"] == code] == [f"{code}.other.example-work-log"]
        assert checklist["region"]["parents"][0]["code"] == parent
        for problems in (rules.load_problems(registry, code), rules.identity_problems(registry, code),
                         rules.quote_problems(registry, code, checklist), rules.mobile_number_problems(registry, code, checklist),
                         rules.id_problems(code, checklist), rules.bilingual_problems(code, checklist)):
            assert problems == []
    finally:
        for name in [m for m in sys.modules if m.startswith(f"xinli_{code}")]:
            del sys.modules[name]


@pytest.mark.parametrize("changes", [{"name_zh": " "}, {"name_en": "two\nlines"}, {"level": "village"}, {"code": "Bar"}])
def test_render_refuses_bad_input(changes):
    with pytest.raises(scaffold.ScaffoldError):
        scaffold.render(spec(**changes))


def test_write_tree_leaves_nothing_when_a_write_fails(tmp_path, monkeypatch):
    calls = []
    real = Path.write_text

    def failing(self, *args, **kwargs):
        calls.append(self)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", failing)
    with pytest.raises(OSError):
        scaffold.write_tree(scaffold.render(spec()), tmp_path / "xinli-bar_county")
    assert listing(tmp_path) == []


# --- the command -----------------------------------------------------------------


def test_new_plugin_writes_the_package(run, tmp_path):
    target = tmp_path / "xinli-bar_county"
    result = run("new-plugin", "bar_county", "--parent", "henan", "--name-zh", "巴县", "--name-en", "Bar County",
                 "--document-number", "巴教〔2025〕3号", "--directory", str(target))
    assert result.exit_code == 0, result.output
    assert "xinli plugins check --strict bar_county" in result.output
    assert listing(tmp_path) == [
        "xinli-bar_county", "xinli-bar_county/pyproject.toml", "xinli-bar_county/tests",
        "xinli-bar_county/tests/test_plugin.py", "xinli-bar_county/xinli_bar_county",
        "xinli-bar_county/xinli_bar_county/README.md", "xinli-bar_county/xinli_bar_county/__init__.py",
        "xinli-bar_county/xinli_bar_county/plugin.py", "xinli-bar_county/xinli_bar_county/rules.toml",
        "xinli-bar_county/xinli_bar_county/source.txt",
    ]
    assert 'number = "巴教〔2025〕3号"' in (target / "xinli_bar_county" / "rules.toml").read_text(encoding="utf-8")


def test_new_plugin_defaults_to_xinli_code_in_the_current_directory(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("new-plugin", "baz_district", "--parent", "nanchang", "--name-zh", "巴兹区", "--name-en", "Baz District",
                 "--level", "district")
    assert result.exit_code == 0, result.output
    rules = (tmp_path / "xinli-baz_district" / "xinli_baz_district" / "rules.toml").read_text(encoding="utf-8")
    assert 'level = "district"' in rules and 'code = "nanchang"' in rules


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Bar"], "must be a lowercase ASCII identifier"),
        (["bar-county"], "must be a lowercase ASCII identifier"),
        (["1bar"], "must be a lowercase ASCII identifier"),
        (["henan"], "'henan' is already installed"),
        (["bar_county", "--parent", "atlantis"], "parent 'atlantis' is not installed; describe it with --parent-name-zh"),
        (["bar_county", "--parent", ""], "a county needs --parent (only a province may have none)"),
        (["bar_county", "--parent", "Bar-City"], "--parent 'Bar-City' must be a lowercase ASCII identifier"),
        (["bar_county", "--parent", "henan", "--ancestor", "atlantis"], "ancestor 'atlantis' is not installed"),
        (["bar_county", "--name-zh", ""], "--name-zh must be one non-empty line"),
    ],
)
def test_new_plugin_refuses_with_exit_2_and_writes_nothing(run, tmp_path, monkeypatch, args, message, english):
    monkeypatch.chdir(tmp_path)
    defaults = {"--parent": "henan", "--name-zh": "巴县", "--name-en": "Bar County"}
    for option, value in defaults.items():
        if option not in args:
            args = [*args, option, value]
    result = run("new-plugin", *args)
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert listing(tmp_path) == []


def test_new_plugin_refuses_an_existing_directory(run, tmp_path, english):
    target = tmp_path / "mine"
    target.mkdir()
    (target / "notes.txt").write_text("keep me", encoding="utf-8")
    result = run("new-plugin", "bar_county", "--parent", "henan", "--name-zh", "巴县", "--name-en", "Bar County",
                 "--directory", str(target))
    assert result.exit_code == 2 and "already exists" in result.output
    assert listing(tmp_path) == ["mine", "mine/notes.txt"]


def test_new_plugin_refuses_a_missing_parent_directory(run, tmp_path):
    result = run("new-plugin", "bar_county", "--parent", "henan", "--name-zh", "巴县", "--name-en", "Bar County",
                 "--directory", str(tmp_path / "no" / "such" / "place"))
    assert result.exit_code == 2 and "does not exist" in result.output
    assert listing(tmp_path) == []


# --- end to end (slow: builds and installs a package, ~5-20 s) --------------------


def test_a_scaffolded_plugin_with_a_broken_source_is_reported_by_check_and_by_its_tests(run, tmp_path):
    """The installed round trip (pip install, plugins check, the package's
    own tests) runs in test_adding_a_district.py in a fresh venv; here the
    scaffolded rules file loses its quote from source.txt, and both
    ``plugins check`` and the package's contract find it, while other
    regions keep working."""
    folder = tmp_path / "rules"
    folder.mkdir()
    made = run("new-plugin", "bar_county", "--parent", "henan", "--name-zh", "巴县", "--name-en", "Bar County",
               "--rules-folder", str(folder))
    assert made.exit_code == 0, made.output
    assert run("--rules", str(folder), "plugins", "check", "--lang", "en", "bar_county").exit_code == 0
    source = folder / "bar_county" / "source.txt"
    source.write_text(source.read_text(encoding="utf-8").replace(scaffold.EXAMPLE_QUOTE, "各学校要认真做好工作"), encoding="utf-8")
    broken = run("--rules", str(folder), "plugins", "check", "--lang", "en", "bar_county")
    assert broken.exit_code == 1
    assert "bar_county: bar_county.other.example-work-log: quote not found in source.txt" in broken.output
    assert run("--rules", str(folder), "checklist", "--region", "henan").exit_code == 0
    plugin = TomlPlugin.from_path(folder / "bar_county" / "rules.toml")
    registry = load_registry(["henan"], extra=[("bar_county", plugin)])
    problems = rules.quote_problems(registry, "bar_county", checklist_for(registry, "bar_county"))
    assert problems == [f"bar_county.other.example-work-log: quote not in source.txt: {scaffold.EXAMPLE_QUOTE}"]


# --- any level, any gap (issue 14) ---------------------------------------------------


def test_new_plugin_scaffolds_a_province_without_a_parent(run, tmp_path):
    result = run("new-plugin", "bar_prov", "--level", "province", "--name-zh", "巴省", "--name-en", "Bar Province",
                 "--directory", str(tmp_path / "p"))
    assert result.exit_code == 0, result.output
    plugin = TomlPlugin((tmp_path / "p" / "xinli_bar_prov" / "rules.toml").read_text(encoding="utf-8"))
    assert plugin.jurisdiction.parent is None and plugin.jurisdiction.level == "province"


def test_new_plugin_scaffolds_a_province_under_an_uninstalled_national(run, tmp_path):
    result = run("new-plugin", "bar_prov", "--level", "province", "--parent", "national", "--name-zh", "巴省",
                 "--name-en", "Bar Province", "--directory", str(tmp_path / "p"))
    assert result.exit_code == 0, result.output
    plugin = TomlPlugin((tmp_path / "p" / "xinli_bar_prov" / "rules.toml").read_text(encoding="utf-8"))
    assert [(a.code, a.level, a.name.zh) for a in plugin.jurisdiction.ancestors] == [("national", "national", "国家")]


def test_new_plugin_scaffolds_a_county_under_an_uninstalled_city_of_an_installed_province(run, tmp_path):
    result = run("new-plugin", "bar_county", "--parent", "bar_city", "--parent-name-zh", "巴市", "--parent-name-en", "Bar City",
                 "--parent-level", "city", "--ancestor", "henan", "--name-zh", "巴县", "--name-en", "Bar County",
                 "--directory", str(tmp_path / "c"))
    assert result.exit_code == 0, result.output
    plugin = TomlPlugin((tmp_path / "c" / "xinli_bar_county" / "rules.toml").read_text(encoding="utf-8"),
                        (tmp_path / "c" / "xinli_bar_county" / "source.txt").read_text(encoding="utf-8"))
    assert [(a.code, a.level) for a in plugin.jurisdiction.ancestors] == [("bar_city", "city"), ("henan", "province")]
    registry = load_registry(["henan"], extra=[("bar_county", plugin)])
    checklist = checklist_for(registry, "bar_county")
    assert {i["source"] for i in checklist["items"]} == {"henan", "bar_county"}
    assert [(p["code"], p["installed"]) for p in checklist["region"]["parents"]] == [
        ("bar_city", False), ("henan", True), ("national", False)]


def test_a_county_needs_a_parent(run, tmp_path, monkeypatch, english):
    monkeypatch.chdir(tmp_path)
    result = run("new-plugin", "bar_county", "--name-zh", "巴县", "--name-en", "Bar County")
    assert result.exit_code == 2 and "a county needs --parent (only a province may have none)" in result.output
    assert listing(tmp_path) == []


def test_new_plugin_makes_a_missing_rules_folder_as_docs_rules_format_says(run, tmp_path, monkeypatch):
    """docs/rules-format.md: `xinli new-plugin CODE --rules-folder rules ...` writes such a folder, and
    `XINLI_RULES_PATH=rules xinli checklist --region CODE` then reads it (no mkdir first)."""
    monkeypatch.chdir(tmp_path)
    made = run("new-plugin", "bar_district", "--parent", "henan", "--level", "district", "--name-zh", "巴区",
               "--name-en", "Bar District", "--rules-folder", "rules")
    assert made.exit_code == 0, made.output
    assert listing(tmp_path) == ["rules", "rules/bar_district", "rules/bar_district/rules.toml",
                                 "rules/bar_district/source.txt"]
    monkeypatch.setenv("XINLI_RULES_PATH", "rules")
    assert run("checklist", "--region", "bar_district").exit_code == 0
    monkeypatch.delenv("XINLI_RULES_PATH")
    assert run("--rules", "rules", "checklist", "--region", "bar_district").exit_code == 0
    # a second region goes into the folder now there; a folder whose parent is missing is refused, nothing written
    assert run("new-plugin", "baz_district", "--parent", "henan", "--level", "district", "--name-zh", "巴兹区",
               "--name-en", "Baz District", "--rules-folder", "rules").exit_code == 0
    refused = run("new-plugin", "qux_district", "--parent", "henan", "--level", "district", "--name-zh", "库区",
                  "--name-en", "Qux District", "--rules-folder", str(tmp_path / "no" / "rules"))
    assert refused.exit_code == 2 and "does not exist" in refused.output
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    assert run("new-plugin", "qux_district", "--parent", "henan", "--level", "district", "--name-zh", "库区",
               "--name-en", "Qux District", "--rules-folder", "afile").exit_code == 2
    assert sorted(p for p in listing(tmp_path) if p.count("/") == 1) == ["rules/bar_district", "rules/baz_district"]


def test_a_rules_folder_region_is_checked_strictly_until_its_placeholders_are_replaced(run, tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    made = run("new-plugin", "bar_district", "--parent", "nanchang", "--level", "district", "--name-zh", "巴区",
               "--name-en", "Bar District", "--rules-folder", str(folder))
    assert made.exit_code == 0, made.output
    assert listing(folder) == ["bar_district", "bar_district/rules.toml", "bar_district/source.txt"]
    loose = run("--rules", str(folder), "plugins", "check", "--lang", "en", "bar_district")
    assert loose.exit_code == 0, loose.output
    strict = run("--rules", str(folder), "plugins", "check", "--lang", "en", "--strict", "bar_district")
    assert strict.exit_code == 1
    assert "placeholder '待填写'" in strict.output and "the day the plugin was scaffolded" in strict.output
    path = folder / "bar_district" / "rules.toml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("[scaffold]"), text.index("[jurisdiction]")
    today = dt.date.today().isoformat()
    text = (text[:start] + text[end:]).replace(f"待填写〔{dt.date.today().year}〕1号", "巴区教〔2025〕1号")
    text = text.replace("待填写：文件标题", "巴区关于心理危机干预的通知").replace("TODO: the document's title in English", "Notice")
    text = text.replace("待填写：发文机关", "巴区教育局").replace("TODO: the issuing authority in English", "Bar District Education Bureau")
    text = text.replace(f'date = "{today}"', 'date = "2025-03-01"')
    text = text.replace("【示例】各学校", "各学校").replace("[Example] Every", "Every")
    path.write_text(text, encoding="utf-8")
    clean = run("--rules", str(folder), "plugins", "check", "--lang", "en", "--strict", "bar_district")
    assert clean.exit_code == 0, clean.output + text


def test_the_scaffolds_inheritance_test_survives_exclusions_and_overrides():
    """The generated test of inherited rules passes for a county that
    excludes one of its parent's items and overrides another, and for a
    province with no installed parent."""
    import test_authoring as fx

    exclusion = {"id": "t_prov.staffing.dorm-monitors", "reason": fx.text("不设"),
                 "citation": {"jurisdiction": "t_county", "document": "测县〔2025〕2号", "clause": "二", "quote": "不设寝室心理委员"}}
    county = fx.county(exclusions=[exclusion])
    county["requirements"].append(fx.requirement("t_county", "测县〔2025〕2号", "t_prov.curriculum.lessons",
                                                 "每学期心理健康课不少于8课时", check={**fx.LESSONS, "value": 10}))
    registry = fx.registry_of(fx.province(), county)
    for code, parent in (("t_county", "t_prov"), ("t_prov", "national")):
        source = scaffold.render(spec(code=code, parent=parent))["tests/test_plugin.py"]
        namespace: dict = {}
        exec(compile(source, "test_plugin.py", "exec"), namespace)
        namespace["test_parent_rules_apply_attributed_to_their_source"](lambda c: checklist_for(registry, c))
