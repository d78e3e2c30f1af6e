"""Scaffolding a new jurisdiction plugin package (``xinli new-plugin``).

:func:`render` turns a :class:`ScaffoldSpec` into the package's files as
``{relative path: text}``, from the templates shipped in
``xinli/core/rules/templates``; it reads nothing else and writes nothing.
:func:`write_tree` writes such a mapping into a new directory through a
temporary sibling and one rename, so a failure leaves nothing half-written.

The package holds one example requirement of its own, quoting a sentence
of the placeholder ``source.txt``, so it installs, passes ``xinli plugins
check`` and its own tests before the author has encoded anything.
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
EXAMPLE_QUOTE = "各学校要建立心理危机干预工作台账"
TEMPLATES = {
    "pyproject.toml": "pyproject.toml.tmpl",
    "README.md": "README.md.tmpl",
    "{package}/__init__.py": "__init__.py.tmpl",
    "{package}/plugin.py": "plugin.py.tmpl",
    "{package}/source.txt": "source.txt.tmpl",
    "tests/test_plugin.py": "test_plugin.py.tmpl",
}


@frozen
class ParentDocument:
    """A document of the parent jurisdiction, for the new plugin's
    ``implements`` list."""

    number: str
    title_zh: str
    issuer_zh: str


@frozen
class ScaffoldSpec:
    """What ``xinli new-plugin`` was asked for, plus what it learnt about
    the parent jurisdiction."""

    code: str
    parent: str
    name_zh: str
    name_en: str
    parent_name_zh: str
    parent_name_en: str
    level: str = "county"
    document_number: str | None = None
    parent_documents: tuple[ParentDocument, ...] = field(default=(), converter=tuple)
    today: dt.date = field(factory=dt.date.today)
    directory_name: str | None = None


def check_code(code: str) -> None:
    """Raise :class:`ScaffoldError` unless ``code`` is a lowercase ASCII
    identifier (``^[a-z][a-z0-9_]*$``)."""
    if not CODE_RE.match(code):
        raise ScaffoldError(f"code {code!r} must be a lowercase ASCII identifier: a letter, then letters, digits or '_'")


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
        args = ", ".join(_py(x) for x in (doc.number, doc.title_zh, doc.issuer_zh, spec.parent))
        lines.append(f"                DocumentRef({args}),")
    return "\n".join(lines)


def template_values(spec: ScaffoldSpec) -> dict[str, str]:
    """The values substituted into the templates."""
    number = spec.document_number or placeholder_number(spec.today)
    return {
        "code": spec.code,
        "package": package_name(spec.code),
        "dist": distribution_name(spec.code),
        "dir_name": spec.directory_name or default_directory(spec.code),
        "level": spec.level,
        "parent": spec.parent,
        "name_zh": spec.name_zh,
        "name_en": spec.name_en,
        "parent_name_zh": spec.parent_name_zh,
        "parent_name_en": spec.parent_name_en,
        "name_zh_py": _py(spec.name_zh),
        "name_en_py": _py(spec.name_en),
        "parent_name_zh_py": _py(spec.parent_name_zh),
        "parent_name_en_py": _py(spec.parent_name_en),
        "doc_number": number,
        "doc_number_py": _py(number),
        "doc_date": spec.today.isoformat(),
        "implements_py": _implements(spec),
        "example_id": example_id(spec.code),
        "example_quote": EXAMPLE_QUOTE,
        "description_toml": _py(f"xinli jurisdiction plugin: {spec.name_en} ({spec.name_zh})"),
    }


def render(spec: ScaffoldSpec) -> dict[str, str]:
    """The new package's files, ``{relative path: text}``, paths relative to
    the package directory and written with ``/``."""
    check_code(spec.code)
    check_code(spec.parent)
    check_name("--name-zh", spec.name_zh)
    check_name("--name-en", spec.name_en)
    if spec.document_number is not None:
        check_name("--document-number", spec.document_number)
    if spec.level not in LEVELS:
        raise ScaffoldError(f"level must be one of {', '.join(LEVELS)}, not {spec.level!r}")
    values = template_values(spec)
    folder = resources.files("xinli.core.rules").joinpath("templates")
    files = {}
    for path, template in TEMPLATES.items():
        text = folder.joinpath(template).read_text(encoding="utf-8")
        files[path.format(package=values["package"])] = Template(text).substitute(values)
    return files


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
