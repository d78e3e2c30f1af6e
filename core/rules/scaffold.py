"""Scaffolding a new jurisdiction plugin package (``xinli new-plugin``).

:func:`render` turns a :class:`ScaffoldSpec` into the package's files as
``{relative path: text}``, from the templates shipped in
``xinli/core/rules/templates``; it reads nothing else and writes nothing.
:func:`write_tree` writes such a mapping into a new directory through a
temporary sibling and one rename, so a failure leaves nothing half-written.

The package has the shape of the bundled plugins: ``rules.toml`` (the rules
as data, docs/rules-format.md), ``source.txt``, ``README.md`` and a
two-line ``plugin.py`` loading them with
:class:`~xinli.core.rules.toml_plugin.TomlPlugin`.  It holds one example
requirement of its own, quoting a sentence of the placeholder
``source.txt``, so it installs, passes ``xinli plugins check`` and its own
tests before the author has encoded anything; the placeholders are
warnings that ``plugins check --strict`` fails on until they are replaced.
:func:`render_rules_folder` writes the same ``rules.toml`` and
``source.txt`` alone, for a rules folder (``XINLI_RULES_PATH``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
from importlib import resources
from pathlib import Path
from string import Template

from attrs import field, frozen

from xinli.core.errors import ScaffoldError

CODE_RE = re.compile(r"^[a-z][a-z0-9_]*$")
LEVELS = ("county", "district", "city", "province")
#: Ancestors that may be declared without an installed plugin and
#: without names given: the nation above every province.
KNOWN_ANCESTORS: dict[str, tuple[str, str, str]] = {"national": ("国家", "National (Ministry of Education)", "national")}
EXAMPLE_QUOTE = "各学校要建立心理危机干预工作台账"
TEMPLATES = {
    "pyproject.toml": "pyproject.toml.tmpl",
    "{package}/__init__.py": "__init__.py.tmpl",
    "{package}/plugin.py": "plugin.py.tmpl",
    "{package}/rules.toml": "rules.toml.tmpl",
    "{package}/source.txt": "source.txt.tmpl",
    "{package}/README.md": "README.md.tmpl",
    "tests/test_plugin.py": "test_plugin.py.tmpl",
}
FOLDER_TEMPLATES = {
    "{code}/rules.toml": "rules.toml.tmpl",
    "{code}/source.txt": "source.txt.tmpl",
}


@frozen
class ParentDocument:
    """A document of the parent jurisdiction, for the new plugin's
    ``implements`` list."""

    number: str
    title_zh: str
    issuer_zh: str


@frozen
class AncestorSpec:
    """One declared ancestor of the new jurisdiction (installed or not)."""

    code: str
    name_zh: str
    name_en: str
    level: str | None = None


@frozen
class ScaffoldSpec:
    """What ``xinli new-plugin`` was asked for, plus what it learnt about
    the parent jurisdiction.  ``parent`` may be None (a province with no
    declared parent); ``ancestors`` beyond the parent continue the line
    (county → city → province → national)."""

    code: str
    parent: str | None
    name_zh: str
    name_en: str
    parent_name_zh: str | None = None
    parent_name_en: str | None = None
    level: str = "county"
    document_number: str | None = None
    parent_documents: tuple[ParentDocument, ...] = field(default=(), converter=tuple)
    today: dt.date = field(factory=dt.date.today)
    directory_name: str | None = None
    parent_level: str | None = None
    ancestors: tuple[AncestorSpec, ...] = field(default=(), converter=tuple)
    xinli_version: str = "0.1"

    def line(self) -> list[AncestorSpec]:
        """The declared ancestors, nearest first (the parent, then the rest)."""
        if self.parent is None:
            return []
        parent = AncestorSpec(self.parent, self.parent_name_zh or self.parent, self.parent_name_en or self.parent,
                              self.parent_level)
        return [parent, *self.ancestors]


def check_code(code: str, what: str = "code") -> None:
    """Raise :class:`ScaffoldError` unless ``code`` is a lowercase ASCII
    identifier (``^[a-z][a-z0-9_]*$``); ``what`` names the option."""
    if not CODE_RE.match(code):
        raise ScaffoldError(f"{what} {code!r} must be a lowercase ASCII identifier: a letter, then letters, digits or '_'")


def check_name(option: str, value: str) -> None:
    """Raise :class:`ScaffoldError` for an empty or multi-line name."""
    if not value.strip() or any(ch in value for ch in "\r\n\t") or not value.isprintable():
        raise ScaffoldError(f"{option} must be one non-empty line of text")


def package_name(code: str) -> str:
    """The import package of the plugin: ``xinli_<code>``."""
    return f"xinli_{code}"


def distribution_name(code: str) -> str:
    """The distribution (pip) name: ``xinli-<code>`` with ``-`` for ``_``."""
    return "xinli-" + code.replace("_", "-")


def default_directory(code: str) -> str:
    """The directory ``xinli new-plugin`` writes by default: ``xinli-<code>``."""
    return f"xinli-{code}"


def example_id(code: str) -> str:
    """The id of the scaffold's example requirement."""
    return f"{code}.other.example-work-log"


def placeholder_number(today: dt.date) -> str:
    """The document number used until the author fills in the real one."""
    return f"待填写〔{today.year}〕1号"


def _py(text: str) -> str:
    """``text`` as a double-quoted Python (and TOML) string literal."""
    return json.dumps(text, ensure_ascii=False)


def _implements(spec: ScaffoldSpec) -> str:
    lines = []
    for doc in spec.parent_documents:
        lines.append(f"  {{ number = {_py(doc.number)}, title = {_py(doc.title_zh)}, issuer = {_py(doc.issuer_zh)}, "
                     f"jurisdiction = {_py(spec.parent or '')} }},\n")
    return "".join(lines)


def _ancestors_toml(spec: ScaffoldSpec) -> str:
    out = []
    for ancestor in spec.line():
        level = f"\nlevel = {_py(ancestor.level)}" if ancestor.level else ""
        out.append(f"\n[[jurisdiction.ancestors]]\ncode = {_py(ancestor.code)}\n"
                   f"name = {{ zh = {_py(ancestor.name_zh)}, en = {_py(ancestor.name_en)} }}{level}\n")
    return "".join(out)


def template_values(spec: ScaffoldSpec) -> dict[str, str]:
    """The values substituted into the templates."""
    number = spec.document_number or placeholder_number(spec.today)
    parent = spec.line()[0] if spec.line() else None
    return {
        "code": spec.code,
        "package": package_name(spec.code),
        "dist": distribution_name(spec.code),
        "dir_name": spec.directory_name or default_directory(spec.code),
        "level": spec.level,
        "parent_py": "None" if parent is None else _py(parent.code),
        "parent_line_zh": (f"`{parent.code}`（{parent.name_zh}）。" if parent else "无（本插件位于层级顶端）。"),
        "parent_line_en": (f"`{parent.code}` ({parent.name_en})." if parent else "none (this plugin is at the top of its line)."),
        "name_zh": spec.name_zh,
        "name_en": spec.name_en,
        "name_zh_py": _py(spec.name_zh),
        "name_en_py": _py(spec.name_en),
        "doc_number": number,
        "doc_number_py": _py(number),
        "doc_date": spec.today.isoformat(),
        "implements_toml": _implements(spec),
        "ancestors_toml": _ancestors_toml(spec),
        "xinli_version": spec.xinli_version,
        "example_id": example_id(spec.code),
        "example_quote": EXAMPLE_QUOTE,
        "description_toml": _py(f"xinli jurisdiction plugin: {spec.name_en} ({spec.name_zh})"),
    }


def _check_spec(spec: ScaffoldSpec) -> None:
    check_code(spec.code)
    if spec.parent is not None:
        check_code(spec.parent, "--parent")
    check_name("--name-zh", spec.name_zh)
    check_name("--name-en", spec.name_en)
    if spec.document_number is not None:
        check_name("--document-number", spec.document_number)
    if spec.level not in LEVELS:
        raise ScaffoldError(f"level must be one of {', '.join(LEVELS)}, not {spec.level!r}")
    codes = [a.code for a in spec.line()]
    for ancestor in spec.line():
        check_code(ancestor.code, "ancestor")
        check_name(f"the name of ancestor {ancestor.code!r}", ancestor.name_zh)
        check_name(f"the name of ancestor {ancestor.code!r}", ancestor.name_en)
    if spec.code in codes or len(set(codes)) != len(codes):
        raise ScaffoldError(f"the ancestors repeat a code: {' -> '.join([spec.code, *codes])}")


def _render(spec: ScaffoldSpec, templates: dict[str, str]) -> dict[str, str]:
    _check_spec(spec)
    values = template_values(spec)
    folder = resources.files("xinli.core.rules").joinpath("templates")
    files = {}
    for path, template in templates.items():
        text = folder.joinpath(template).read_text(encoding="utf-8")
        files[path.format(package=values["package"], code=spec.code)] = Template(text).substitute(values)
    return files


def render(spec: ScaffoldSpec) -> dict[str, str]:
    """The new package's files, ``{relative path: text}``, paths relative to
    the package directory and written with ``/``."""
    return _render(spec, TEMPLATES)


def render_rules_folder(spec: ScaffoldSpec) -> dict[str, str]:
    """Only ``<code>/rules.toml`` and ``<code>/source.txt``, for a rules
    folder loaded through ``XINLI_RULES_PATH`` or ``xinli --rules DIR``
    (no package, no install)."""
    return _render(spec, FOLDER_TEMPLATES)


def write_tree(files: dict[str, str], target: Path) -> None:
    """Write ``files`` into the new directory ``target``: all of them into a
    temporary sibling first, then one rename.  Refuses an existing
    ``target`` or a missing parent directory, and leaves nothing behind on
    failure."""
    target = Path(target)
    parent = target.parent
    if target.exists() or target.is_symlink():
        raise ScaffoldError(f"{target} already exists; choose another --directory or remove it")
    if not parent.is_dir():
        raise ScaffoldError(f"directory {parent} does not exist")
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent))
    try:
        for relative, text in files.items():
            path = staging.joinpath(*relative.split("/"))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        os.chmod(staging, 0o777 & ~_umask())
        if target.exists():
            raise ScaffoldError(f"{target} already exists; choose another --directory or remove it")
        os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
