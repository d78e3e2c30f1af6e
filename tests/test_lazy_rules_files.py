"""Packaged rules files are read in two steps: the identity when the plugin
is built, the rules when first asked for; and one plugin's hook is called
without naming every other installed plugin (``call_alone``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixture_plugins import IdentityOnly

from xinli.cli.main import cli
from xinli.core import hookimpl
from xinli.core.errors import PluginError, XinliError
from xinli.core.hookcall import call_alone
from xinli.core.registry import load_plugins
from xinli.core.rules.toml_plugin import TomlPlugin, identity_part
from xinli.core.views.checklist import build_checklist

PLUGINS = Path(__file__).resolve().parent.parent / "plugins"
BUNDLED = sorted(p.name for p in PLUGINS.iterdir() if (p / "rules.toml").is_file())

MINIMAL = '''
[jurisdiction]
code = "lazy_test"
level = "county"
parent = "henan"

[jurisdiction.name]
zh = "测试县"
en = "Test County"

[[jurisdiction.documents]]
number = "测〔2025〕1号"
date = "2025-01-01"

[jurisdiction.documents.title]
zh = "测试通知"
en = "Test notice"

[jurisdiction.documents.issuer]
zh = "测试县教育局"
en = "Test County Education Bureau"

[[requirements]]
id = "lazy_test.other.work-log"
domain = "other"
level = "required"
duty_holder = "school"

[requirements.text]
zh = "建立工作台账。"
en = "Keep a work log."

[requirements.citation]
jurisdiction = "lazy_test"
document = "测〔2025〕1号"
clause = "一"
quote = "建立工作台账"
'''


def attributes(plugin: TomlPlugin) -> tuple:
    return (plugin.jurisdiction, plugin.requirements, plugin.exclusions, plugin.procedures, plugin.metrics,
            plugin.scaffolded_on, sorted(n for n in dir(plugin) if n.startswith("xinli_") and hasattr(getattr(plugin, n), "xinli_impl")))


@pytest.mark.parametrize("code", BUNDLED)
def test_a_lazy_bundled_plugin_equals_the_eager_one(code):
    text = (PLUGINS / code / "rules.toml").read_text(encoding="utf-8")
    assert identity_part(text) is not None  # the bundled files are split, not read whole
    lazy = TomlPlugin(text, lazy=True)
    assert lazy._rules is None  # nothing but the identity read yet
    assert attributes(lazy) == attributes(TomlPlugin(text))


def test_the_identity_part_ends_at_the_first_other_table():
    head, present = identity_part(MINIMAL)
    assert head["jurisdiction"]["code"] == "lazy_test" and "requirements" not in head
    assert present == set()
    assert identity_part(MINIMAL + '\n[[metrics]]\nkey = "x"\n')[1] == {"metrics"}
    assert identity_part(MINIMAL + '\n[[ "procedures" ]]\nkey = "x"\n')[1] == {"procedures"}


def test_a_jurisdiction_table_reopened_later_is_read_with_the_whole_file():
    later = MINIMAL + '\n[[jurisdiction.documents]]\nnumber = "测〔2025〕2号"\ndate = "2025-02-01"\n' \
        'title = { zh = "二", en = "Two" }\nissuer = { zh = "局", en = "Bureau" }\n'
    assert identity_part(later) is None
    plugin = TomlPlugin(later, lazy=True)
    assert [d.number for d in plugin.jurisdiction.documents] == ["测〔2025〕1号", "测〔2025〕2号"]


def test_a_header_inside_a_multi_line_string_does_not_cut_the_identity():
    tricky = MINIMAL.replace('parent = "henan"\n', 'parent = "henan"\nencoded_clauses = ["一"]\n', 1).replace(
        '[jurisdiction.name]', '[[jurisdiction.documents]]\nnumber = "x"\ndate = "2025-01-01"\n'
        'title = { zh = "题", en = "t" }\nissuer = { zh = "局", en = "b" }\n'
        'note = { zh = """说明\n[[requirements]]\n仍是说明""", en = "n" }\n\n[jurisdiction.name]', 1)
    # the cut would land inside the note, so the first part does not parse and the file is read whole
    assert identity_part(tricky) is None
    plugin = TomlPlugin(tricky, lazy=True)
    assert plugin.jurisdiction.documents[0].note.zh.startswith("说明\n[[requirements]]")
    assert attributes(plugin) == attributes(TomlPlugin(tricky))


def test_a_broken_requirement_in_a_lazy_file_is_named_when_the_rules_are_read():
    broken = MINIMAL.replace('level = "required"', 'level = "mandatory"')
    with pytest.raises(XinliError, match="bad/rules.toml: not a valid rules file"):
        TomlPlugin(broken, origin="bad/rules.toml")  # eager: at once
    plugin = TomlPlugin(broken, origin="bad/rules.toml", lazy=True)
    assert plugin.jurisdiction.code == "lazy_test"
    with pytest.raises(XinliError, match="bad/rules.toml: not a valid rules file"):
        plugin.xinli_other_requirements()
    with pytest.raises(XinliError, match="bad/rules.toml: not a valid rules file"):
        _ = plugin.requirements


def test_a_broken_identity_fails_at_once_even_lazily():
    with pytest.raises(XinliError, match="unknown field 'nmae' in \\[jurisdiction\\]"):
        TomlPlugin(MINIMAL.replace("[jurisdiction.name]", "[jurisdiction.nmae]"), lazy=True)


def test_a_lazy_plugin_with_broken_rules_never_changes_another_region(monkeypatch):
    broken = TomlPlugin(MINIMAL.replace('level = "required"', 'level = "mandatory"'), origin="bad/rules.toml", lazy=True)
    registry = load_plugins(only=["henan", "lazy_test"], extra=[("lazy_test", broken)])
    assert registry.codes == ["henan", "lazy_test"]
    henan = build_checklist(registry, "henan")
    assert henan["items"] == build_checklist(load_plugins(only=["henan"]), "henan")["items"]
    with pytest.raises(PluginError, match="plugin 'lazy_test'.*bad/rules.toml: not a valid rules file"):
        build_checklist(registry, "lazy_test")


def test_the_command_line_names_the_broken_lazy_plugin(tmp_path, monkeypatch):
    package = tmp_path / "xinli_lazy_test"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "rules.toml").write_text(MINIMAL.replace('level = "required"', 'level = "mandatory"'), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))

    class EntryPoint:
        name, value, group, dist = "lazy_test", "xinli_lazy_test:plugin", "xinli", None

        def load(self):
            return TomlPlugin.from_package("xinli_lazy_test")

    from importlib import metadata

    real = metadata.entry_points

    def entry_points(**kwargs):
        found = real(**kwargs)
        return [*found, EntryPoint()] if kwargs.get("group") == "xinli" else found

    monkeypatch.setattr(metadata, "entry_points", entry_points)
    runner = CliRunner()
    listed = runner.invoke(cli, ["regions", "--format", "json"])
    assert listed.exit_code == 0, listed.output
    assert "lazy_test" in [r["code"] for r in json.loads(listed.stdout)]
    bad = runner.invoke(cli, ["checklist", "--region", "lazy_test", "--format", "json"])
    assert bad.exit_code == 2 and "xinli_lazy_test/rules.toml" in bad.output
    good = runner.invoke(cli, ["checklist", "--region", "henan", "--format", "json"])
    assert good.exit_code == 0
    check = runner.invoke(cli, ["plugins", "check", "lazy_test"])
    assert check.exit_code != 0 and "xinli_lazy_test/rules.toml" in check.output


Plain = IdentityOnly


class Wrapping(IdentityOnly):
    seen: list[str] = []

    @hookimpl(wrapper=True, specname="xinli_jurisdiction")
    def wrap_identity(self):
        answer = yield
        self.seen.append("wrapped")
        return answer


def test_call_alone_answers_as_a_subset_hook_caller_would():
    registry = load_plugins(only=[f"c{n}" for n in range(5)], extra=[(f"c{n}", Plain(f"c{n}")) for n in range(5)])
    assert registry.codes == ["c0", "c1", "c2", "c3", "c4"]
    pm = registry.pm
    for plugin in pm.get_plugins():
        others = [p for p in pm.get_plugins() if p is not plugin]
        expected = pm.subset_hook_caller("xinli_jurisdiction", remove_plugins=others)()
        assert call_alone(pm, plugin, "xinli_jurisdiction") == expected
        assert len(expected) == 1
    assert call_alone(pm, object(), "xinli_jurisdiction") == []
    assert call_alone(pm, pm.get_plugins().pop(), "xinli_no_such_hook") == []


def test_call_alone_runs_a_plugins_own_wrapper():
    wrapping = Wrapping("w")
    registry = load_plugins(only=["p", "w"], extra=[("p", Plain("p")), ("w", wrapping)])
    assert registry.codes == ["p", "w"]
    Wrapping.seen.clear()
    answers = call_alone(registry.pm, wrapping, "xinli_jurisdiction")
    assert [j.code for j in answers] == ["w"] and Wrapping.seen == ["wrapped"]


def test_a_distributions_metadata_is_read_once_however_many_entry_points_it_offers():
    """Reading a distribution's METADATA parses the file each time; a
    province's package offers thousands of entry points."""

    class Distribution:
        reads = 0

        @property
        def metadata(self):
            Distribution.reads += 1
            return {"Name": "xinli-counties"}

        version = "1.0"

    dist = Distribution()

    class EntryPoint:
        def __init__(self, n):
            self.name, self.value, self.group, self.dist = f"c{n}", f"counties.c{n}:plugin", "xinli", dist

        def load(self):
            return Plain(self.name)

    registry = load_plugins(entry_points=[EntryPoint(n) for n in range(50)], lazy=True)
    assert Distribution.reads == 1
    assert registry.available == sorted(f"c{n}" for n in range(50))
    assert registry.get("c7").distribution == "xinli-counties" and registry.get("c7").version == "1.0"
