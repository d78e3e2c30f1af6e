"""Every rule is traceable to its words, and no personal data ships."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import BUNDLED

from xinli.core.rules import sourcetext
from xinli.core.rules.validate import check_plugin, find_mobile_numbers, plugin_source_text

PLUGINS_DIR = Path(__file__).resolve().parent.parent / "plugins"


@pytest.mark.parametrize("code", BUNDLED)
def test_every_quote_is_in_the_plugins_source_text(registry, checklists, code):
    source = plugin_source_text(registry.get(code))
    assert source, f"{code} ships no source.txt"
    missing = [i["id"] for i in checklists[code]["items"] if not sourcetext.quote_found(i["citation"]["quote"], source)]
    assert missing == []


@pytest.mark.parametrize("code", BUNDLED)
def test_bundled_plugin_passes_its_checks(registry, code):
    assert [str(p) for p in check_plugin(registry, code)] == []


def test_quote_matching_ignores_line_breaks_only():
    source = "每学期开设心理辅导课不少\n于8节。"
    assert sourcetext.quote_found("每学期开设心理辅导课不少于8节", source)
    assert not sourcetext.quote_found("每学期开设心理辅导课不少于9节", source)


def test_clean_drops_page_numbers_and_form_feeds():
    assert sourcetext.clean("甲\f\n- 7 -\n乙\n") == "甲\n\n乙\n"


def test_mobile_number_detector():
    assert find_mobile_numbers("联系电话：13812345678") == ["13812345678"]
    assert find_mobile_numbers("138-1234-5678") == ["138-1234-5678"]
    assert find_mobile_numbers("010-62715275 400-161-9995 800-810-1117 12355") == []


def _plugin_files():
    return [p for p in sorted(PLUGINS_DIR.rglob("*")) if p.is_file() and p.suffix in {".py", ".txt", ".md", ".toml", ".json"}]


@pytest.mark.parametrize("path", _plugin_files(), ids=lambda p: str(p.relative_to(PLUGINS_DIR)))
def test_no_mobile_numbers_in_plugin_data(path):
    assert find_mobile_numbers(path.read_text(encoding="utf-8")) == []


#: Institutional mailboxes the documents print (not personal data).
INSTITUTIONAL_MAILBOXES = {"ncwcxlfd@163.com"}  # 南昌市未成年人心理健康辅导中心


@pytest.mark.parametrize("code", BUNDLED)
def test_source_text_is_clean_and_redacted(code):
    text = (PLUGINS_DIR / code / "source.txt").read_text(encoding="utf-8")
    assert "\f" not in text
    assert set(re.findall(r"[\w.+-]+@[\w-]+\.[\w.]+", text)) <= INSTITUTIONAL_MAILBOXES
