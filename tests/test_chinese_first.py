"""Chinese first: every command's ``--lang zh`` output (the default) holds
no English fixed string of the message catalogue and no internal key, and
``--lang en`` output none of the catalogue's Chinese sentences.  Document
quotes, identifiers (region codes, requirement ids, document numbers) and
file names stay as written and are taken out before the scan."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from xinli.core import messages

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CODES = ("chongqing_dadukou", "chongqing_qijiang", "henan", "nanchang", "sichuan_quxian", "sichuan_dazhou", "jiangxi",
         "national", "chongqing", "xinli")
#: Single short English words are only looked for in English prose
#: positions; these are scanned as whole words, case-sensitively.
ENGLISH = sorted(messages.english_side(), key=len, reverse=True)
KEYS = sorted(messages.internal_keys(), key=len, reverse=True)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "code"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "code"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def visible(text: str) -> str:
    """What a reader sees of ``text``: HTML reduced to its text; ids, codes,
    quotes, hashes, file names and dates taken out."""
    if "<html" in text[:200]:
        parser = _Text()
        parser.feed(text)
        text = "\n".join(parser.parts)
    if text.startswith("BEGIN:VCALENDAR"):
        text = text.replace("\r\n", "\n").replace("\n ", "").replace("\\n", "\n")  # unfold, unescape
    text = re.sub(r"^(PRODID|UID):.*$", " ", text, flags=re.M)  # calendar machine fields
    text = re.sub(r"^#? ?[a-z_]+ =.*$|\[\[schools\]\]", " ", text, flags=re.M)  # TOML keys the reader needs
    text = re.sub(r"\bxinli(?: --[a-z-]+ \S+)* (?:plugins check|checklist|assess|report)\b", " ", text)  # commands to type
    text = re.sub(r"--[a-z-]+", " ", text)  # command-line options quoted in help
    text = re.sub(r"「[^」]*」", " ", text)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\b[a-z][a-z0-9_]*(\.[a-z0-9_-]+)+\b", " ", text)  # requirement ids, file names
    text = re.sub(r"\b[0-9a-f]{12,}\b", " ", text)
    text = re.sub(r"[\w./-]+\.(csv|db|xlsx|toml|json|html|md)\b", " ", text)
    text = re.sub(r"sha256|@xinli|xinli", " ", text)
    for code in CODES:
        text = text.replace(code, " ")
    return text


def english_in(text: str) -> list[str]:
    """Catalogue English strings and internal keys found in ``text``."""
    seen = visible(text)
    found = [e for e in ENGLISH if re.search(rf"(?<![A-Za-z_]){re.escape(e)}(?![A-Za-z_])", seen)]
    found += [k for k in KEYS if re.search(rf"(?<![A-Za-z_]){re.escape(k)}(?![A-Za-z_])", seen)]
    return found


#: Chinese fixed strings looked for in English output: the catalogue's own
#: sentences of four characters or more (names of bodies such as 教育行政部门
#: also occur in English notes that quote a document's words).
CHINESE = sorted({pair[0].split("{")[0] for table in (messages.MESSAGES, messages.COLUMNS, messages.STATUS_LABELS)
                  for pair in table.values() if len(pair[0].split("{")[0]) >= 4})


def chinese_in(text: str) -> list[str]:
    """Catalogue Chinese sentences in ``text``."""
    seen = visible(text)
    return [z for z in CHINESE if z in seen]


def xlsx_text(path: Path) -> str:
    import openpyxl

    book = openpyxl.load_workbook(path)
    cells = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            cells += [str(v) for v in row if isinstance(v, str)]
    return "\n".join(cells)


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    """A records database with two runs of Nanchang's example schools."""
    from click.testing import CliRunner

    from xinli.cli.main import cli

    db = tmp_path_factory.mktemp("records") / "records.db"
    runner = CliRunner()
    for day in ("2026-10-01", "2026-11-01"):
        result = runner.invoke(cli, ["assess", "-r", "nanchang", "--facts", str(EXAMPLES / "nanchang-schools.csv"),
                                     "--db", str(db), "--as-of", day])
        assert result.exit_code == 0, result.output
    return db


def outputs(run, records, tmp_path, lang: str) -> dict[str, str]:
    """Every command's human-readable output in ``lang``."""
    out: dict[str, str] = {}
    lang_args = ("--lang", lang)

    def text(name: str, *args: str) -> None:
        result = run(*args, *lang_args)
        assert result.exit_code == 0, (name, result.output)
        out[name] = result.output

    def book(name: str, *args: str) -> None:
        target = tmp_path / f"{name}.xlsx"
        result = run(*args, *lang_args, "--output", str(target))
        assert result.exit_code == 0, (name, result.output)
        out[name] = xlsx_text(target)

    for region in ("nanchang", "sichuan_quxian", "henan"):
        text(f"checklist-md-{region}", "checklist", "-r", region)
        text(f"checklist-html-{region}", "checklist", "-r", region, "--format", "html")
        text(f"checklist-csv-{region}", "checklist", "-r", region, "--format", "csv")
        text(f"show-{region}", "show", "-r", region)
        text(f"escalation-{region}", "escalation", "-r", region, "--format", "text")
        text(f"mermaid-{region}", "escalation", "-r", region)
        text(f"schedule-{region}", "schedule", "-r", region, "--school-year", "2026-2027")
        text(f"ics-{region}", "schedule", "-r", region, "--school-year", "2026-2027", "--format", "ics")
        text(f"template-toml-{region}", "facts-template", "-r", region, "--format", "toml")
    book("checklist-xlsx", "checklist", "-r", "nanchang")
    book("template-xlsx", "facts-template", "-r", "nanchang")
    text("show-item", "show", "-r", "nanchang", "--item", "nanchang.screening.annual-survey")
    text("regions", "regions")
    text("metrics", "metrics", "-r", "henan")
    text("plugins", "plugins")
    text("compare", "compare", "-r", "henan", "-r", "sichuan_quxian")
    text("runs", "runs", "--db", str(records))
    text("report-md", "report", "--db", str(records))
    text("report-html", "report", "--db", str(records), "--format", "html")
    text("report-csv", "report", "--db", str(records), "--format", "csv")
    book("report-xlsx", "report", "--db", str(records))
    text("school-md", "report", "--db", str(records), "--school", "EX003")
    text("school-html", "report", "--db", str(records), "--school", "EX003", "--format", "html")
    book("school-xlsx", "report", "--db", str(records), "--school", "EX003")
    text("plugins-check", "plugins", "check")
    made = run("new-plugin", "demo_county", "--parent", "henan", "--name-zh", "示例县", "--name-en", "Demo County",
               "--directory", str(tmp_path / f"np-{lang}"), *lang_args)
    assert made.exit_code == 0, made.output
    out["new-plugin"] = made.output.replace(str(tmp_path / f"np-{lang}"), " ")
    folder = tmp_path / f"rules-{lang}"
    folder.mkdir()
    made = run("new-plugin", "demo_district", "--parent", "henan", "--name-zh", "示例区", "--name-en", "Demo District",
               "--rules-folder", str(folder), *lang_args)
    assert made.exit_code == 0, made.output
    out["new-plugin-folder"] = made.output.replace(str(folder), "rules")
    # stdout and stderr together (click's output): the notes of runs and report, an ignored facts column
    extra = tmp_path / f"extra-{lang}.csv"
    extra.write_text((EXAMPLES / "nanchang-schools.csv").read_text(encoding="utf-8-sig").replace(
        "school_id,", "boarding,school_id,", 1).replace("\nEX", "\n否,EX"), encoding="utf-8")
    text("assess-extra-column", "assess", "-r", "nanchang", "--facts", str(extra), "--db", str(tmp_path / f"x-{lang}.db"))
    assert "boarding" in out["assess-extra-column"]
    return out


def test_zh_output_holds_no_english_fixed_string_or_key(run, records, tmp_path):
    found = {name: english_in(text) for name, text in outputs(run, records, tmp_path, "zh").items()}
    assert {name: words for name, words in found.items() if words} == {}


def test_zh_is_the_default(run):
    assert run("checklist", "-r", "nanchang").output == run("checklist", "-r", "nanchang", "--lang", "zh").output


def test_en_output_holds_no_chinese_fixed_string(run, records, tmp_path):
    # CSV and workbook cells hold the documents' quotes without 「」 marks: the text outputs are scanned
    found = {name: chinese_in(text) for name, text in outputs(run, records, tmp_path, "en").items()
             if "csv" not in name and "xlsx" not in name}
    assert {name: words for name, words in found.items() if words} == {}


def test_the_scan_finds_what_it_looks_for():
    assert "Not specified by this document." in english_in("合规清单 Not specified by this document.")
    assert english_in("周期: per_school_year") == ["per_school_year"]
    assert english_in("依据「quote with required in it」 `henan.other.x-required`") == []
    assert chinese_in("Checklist 心理危机预防与干预合规清单") == ["心理危机预防与干预合规清单"]


def sheet_names(path: Path) -> list[str]:
    import openpyxl

    return openpyxl.load_workbook(path, read_only=True).sheetnames


def test_sheet_names_in_the_chosen_language(run, records, tmp_path):
    """Worksheet names come from the catalogue: Chinese under zh, English
    under en, the English machine names under both."""
    books = {"checklist": ("checklist", "-r", "nanchang"), "template": ("facts-template", "-r", "nanchang"),
             "report": ("report", "--db", str(records)), "school": ("report", "--db", str(records), "--school", "EX003")}
    names: dict[str, dict[str, list[str]]] = {}
    for lang in ("zh", "en", "both"):
        for name, args in books.items():
            target = tmp_path / f"{name}-{lang}.xlsx"
            result = run(*args, "--lang", lang, "--output", str(target))
            assert result.exit_code == 0, (name, lang, result.output)
            names.setdefault(lang, {})[name] = sheet_names(target)
    assert names["zh"]["checklist"] == ["检查清单", "事实填报", "文件来源", "填报说明"]
    assert names["zh"]["template"] == ["事实填报", "填报说明"]
    assert names["zh"]["report"][:4] == ["概况", "各项要求", "各校", "辖区结论"] and names["zh"]["report"][4:] == ["变化"]
    assert names["en"]["report"] == names["both"]["report"] == ["summary", "requirements", "schools", "region-findings", "changes"]
    assert names["en"]["checklist"] == ["checklist", "facts-template", "sources", "facts-help"]
    for lang in ("zh", "en"):
        for name, sheets in names[lang].items():
            text = "\n".join(sheets)
            assert (english_in(text) if lang == "zh" else chinese_in(text) + re.findall(r"[\u4e00-\u9fff]", text)) == [], \
                (lang, name, sheets)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_facts_sheet_is_read_under_either_name(run, tmp_path, lang):
    import openpyxl

    target = tmp_path / "t.xlsx"
    assert run("facts-template", "-r", "henan", "--lang", lang, "--headers", "key", "-o", str(target)).exit_code == 0
    book = openpyxl.load_workbook(target)
    sheet = book[messages.sheet("facts-template", lang)]
    sheet.append(["S1", "一校", "1-6"])
    book.save(target)
    result = run("assess", "-r", "henan", "--facts", str(target), "--db", str(tmp_path / "r.db"))
    assert result.exit_code == 0, result.output


def test_notices_and_details_in_words():
    from xinli.core.render.words import detail_words, notice_words

    lock = "r.db: another xinli command is writing to this database; waiting for it to finish…"
    migrating = "r.db: applying 2 database migration(s): m004, m005"
    ignored = ("warning: column(s) boarding are not used by this region's rules (an excluded or another region's item) "
               "and were ignored")
    elsewhere = "measured at province level (henan): a target over all of its schools, not this region's alone"
    attested = "attested by 王老师 on 2026-11-02: 会议记录"
    for text in (lock, migrating, ignored):
        assert notice_words(text, "en") == text
        assert english_in(notice_words(text, "zh")) == [] and re.search(r"[\u4e00-\u9fff]", notice_words(text, "zh"))
    assert notice_words(lock, "zh").startswith("r.db: ")
    assert detail_words(elsewhere, "en") == elsewhere and "省级" in detail_words(elsewhere, "zh")
    assert detail_words(attested, "en") == attested and detail_words(attested, "zh") == "由 王老师 于 2026-11-02 人工核查确认：会议记录"
    assert english_in(detail_words(elsewhere, "zh")) == []


def test_plugin_load_warning_in_the_chosen_language(run, monkeypatch):
    from importlib import metadata

    import xinli.core.registry as registry_module

    original = registry_module.load_plugins
    broken = metadata.EntryPoint(name="broken_county", value="xinli_no_such_module_anywhere", group="xinli")
    monkeypatch.setattr(registry_module, "load_plugins",
                        lambda only=None, **options: original(only=only, entry_points=[broken], **{
                            k: v for k, v in options.items() if k != "entry_points"}))
    zh = run("checklist", "--region", "broken_county").stderr
    en = run("checklist", "--region", "broken_county", "--lang", "en").stderr
    assert "警告：插件 'broken_county' 未加载" in zh and "warning: plugin 'broken_county' was not loaded" in en
