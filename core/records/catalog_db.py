"""Writing the policy catalogue (``xinli catalog``) into one SQLite
database through sqlite-utils, and recognising one.

The catalogue is built into a temporary file beside the target and renamed
over it at the end, so a reader never sees half a catalogue and a failure
leaves the previous one.  A catalogue carries its own ``PRAGMA
application_id`` ("xinc"); an existing file without it (a records database,
any other SQLite file, anything else) is never replaced.  A ``meta`` table
records the digest of the installed plugins and the options the catalogue
was built with, so an unchanged catalogue is not rebuilt.

Every canned query of :mod:`xinli.core.records.catalog_browse` is one
indexed query over this schema (``tests/test_catalog.py`` checks the
plans); the full-text index covers each distinct wording (Chinese text and
quote) with SQLite's trigram tokenizer, or bigrams where SQLite lacks it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from xinli.core.errors import XinliError

#: ``PRAGMA application_id`` of a catalogue database ("xinc" in ASCII).
CATALOG_APPLICATION_ID = 0x78696E63
#: Bumped whenever the tables change, so an older catalogue is rebuilt.
CATALOG_SCHEMA = 1
SQLITE_MAGIC = b"SQLite format 3\x00"

SCHEMA = """
create table meta (key text primary key, value text);
create table jurisdictions (
    code text primary key, name_zh text not null, name_en text not null, level text,
    parent text references jurisdictions(code), ancestors text, depth integer, installed integer not null,
    distribution text, version text, documents text, school_kinds text, items integer, own_items integer,
    looser_items integer, in_catalog integer not null, checklist text
);
create table documents (
    id integer primary key, jurisdiction text not null references jurisdictions(code), number text not null,
    title_zh text, title_en text, issuer_zh text, issuer_en text, date text, has_official_number integer,
    in_force_from text, repealed_on text, replaced_by text, in_force integer, encoded integer not null, implements text
);
create table wordings (id integer primary key, text_zh text not null, text_en text, quote text not null,
    note_zh text, note_en text);
create table requirements (
    id integer primary key, requirement_id text not null, source text not null references jurisdictions(code),
    source_level text, document integer references documents(id), wording integer not null references wordings(id),
    domain text not null, level text not null, duty_holder text not null, duty_holders text, school_kinds text,
    subject text, grades text, grades_mask integer, conditions_zh text, conditions_en text, conditions text,
    event text, check_metric text, check_op text, check_value text, check_min real, check_max real,
    check_unit text, check_per text, check_count_per text, check_scope text, check_grades text,
    check_grades_mask integer, check_alternatives text, deadline text, deadline_as_written text, clause text not null, timing text,
    regions integer not null
);
create table effective (
    region text not null references jurisdictions(code), position integer not null,
    requirement integer not null references requirements(id), replaces integer references requirements(id),
    looser integer not null, looser_reasons text, looser_reasons_zh text,
    primary key (region, position)
) without rowid;
create table lineage (
    region text not null references jurisdictions(code), ancestor text not null references jurisdictions(code),
    distance integer not null, primary key (region, ancestor)
) without rowid;
create table coverage (
    region text not null references jurisdictions(code), domain text not null, items integer, own_items integer,
    specified integer, encoded integer, not_encoded_by text, primary key (region, domain)
) without rowid;
create table procedures (
    id integer primary key, region text not null references jurisdictions(code), key text not null,
    source text references jurisdictions(code), name_zh text, name_en text, trigger_zh text, trigger_en text, clause text
);
create table steps (
    id integer primary key, requirement integer not null references requirements(id), procedure text,
    step_order integer, role text, reports_to text, guided_by text, condition_zh text, condition_en text
);
create table partners (
    id integer primary key, requirement integer not null references requirements(id), kind text, name_zh text,
    name_en text, phone text
);
create table excluded (
    id integer primary key, region text not null references jurisdictions(code),
    requirement integer not null references requirements(id), excluded_by text not null references jurisdictions(code),
    document integer references documents(id), clause text, quote text, reason_zh text, reason_en text
);
create table metrics (
    key text primary key, label_zh text, label_en text, type text, unit text, help_zh text, help_en text,
    reported_by text, measure text
);
"""

INDEXES = """
create index jurisdictions_parent on jurisdictions(parent);
create index jurisdictions_level on jurisdictions(level);
create index documents_number on documents(number);
create unique index documents_jurisdiction_number on documents(jurisdiction, number);
create index requirements_source on requirements(source);
create index requirements_document on requirements(document);
create index requirements_wording on requirements(wording);
create index requirements_requirement_id on requirements(requirement_id);
create index requirements_metric on requirements(check_metric, check_min);
create index requirements_unit on requirements(check_unit);
create index effective_requirement on effective(requirement);
create index effective_replaces on effective(replaces) where replaces is not null;
create index effective_looser on effective(looser) where looser = 1;
create index lineage_ancestor on lineage(ancestor, region);
create index procedures_region on procedures(region);
create index steps_requirement on steps(requirement);
create index partners_requirement on partners(requirement);
create index excluded_region on excluded(region);
create index excluded_requirement on excluded(requirement);
"""


def trigram_available() -> bool:
    """True when this SQLite offers FTS5's trigram tokenizer (3.34 and later)."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("create virtual table t using fts5(a, tokenize='trigram')")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        conn.close()


def bigrams(text: str | None) -> str:
    """``text`` as overlapping two-character pieces separated by spaces
    (``心理委员`` → ``心理 理委 委员``): the full-text index's fallback where
    SQLite has no trigram tokenizer."""
    if not text:
        return ""
    chars = [c for c in text if not c.isspace()]
    if len(chars) < 2:
        return "".join(chars)
    return " ".join(chars[i] + chars[i + 1] for i in range(len(chars) - 1))


def _read_head(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(16)


def catalog_meta(path: str | os.PathLike[str]) -> dict[str, str] | None:
    """The ``meta`` table of the catalogue at ``path``, or None when the
    file does not exist; :class:`XinliError` when it exists and is not an
    xinli catalogue (it must then never be replaced)."""
    target = Path(path)
    if not target.exists():
        return None
    shown = os.fspath(path)
    if target.is_dir():
        raise XinliError(f"{shown}: is a directory; --db needs a file name")
    try:
        head = _read_head(target)
    except OSError as exc:
        raise XinliError(f"{shown}: cannot read: {exc.strerror or exc}") from None
    if head != SQLITE_MAGIC:
        raise XinliError(f"{shown}: exists and is not an SQLite database; refusing to replace it")
    try:
        conn = sqlite3.connect(f"{target.resolve().as_uri()}?mode=ro", uri=True)
        try:
            app_id = conn.execute("pragma application_id").fetchone()[0]
            if app_id != CATALOG_APPLICATION_ID:
                raise XinliError(f"{shown}: is an SQLite database xinli's catalog did not create "
                                 "(a records database or another file); refusing to replace it")
            return dict(conn.execute("select key, value from meta").fetchall())
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise XinliError(f"{shown}: cannot read: {exc}") from None


def _fingerprint_tree(root: Path, digest: Any) -> None:
    """Feed the names, sizes and modification times of the rules and code
    files under ``root`` into ``digest`` (for an editable install, whose
    recorded files do not change when its sources do)."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in ("__pycache__", "node_modules")
                         and not d.endswith(".egg-info"))
        for name in sorted(files):
            if name.endswith((".py", ".toml", ".txt")):
                stat = os.stat(os.path.join(folder, name))
                digest.update(f"{os.path.join(folder, name)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())


def _distribution_fingerprint(dist: Any, digest: Any) -> None:
    record = dist.read_text("RECORD") or ""
    digest.update(hashlib.sha256(record.encode()).hexdigest().encode())
    direct = dist.read_text("direct_url.json")
    if direct:
        try:
            info = json.loads(direct)
        except ValueError:
            return
        url = info.get("url", "")
        if info.get("dir_info", {}).get("editable") and url.startswith("file://"):
            from urllib.parse import unquote, urlparse

            _fingerprint_tree(Path(unquote(urlparse(url).path)), digest)


def plugins_digest(entry_points: Iterable[Any], rules_files: Iterable[Path], extra: Iterable[str] = ()) -> str:
    """A digest of what the installed plugins are, computed without
    importing them: each entry point (name, target, distribution name and
    version, and the distribution's record of files, or for an editable
    install its sources' sizes and times), each rules file's and its
    source text's bytes, and ``extra`` (the options of the build)."""
    digest = hashlib.sha256()
    for item in extra:
        digest.update(f"{item}\n".encode())
    dists: dict[str, Any] = {}
    for ep in sorted(entry_points, key=lambda e: (e.name, e.value)):
        dist = getattr(ep, "dist", None)
        name = dist.metadata["Name"] if dist is not None else ""
        digest.update(f"ep\0{ep.name}\0{ep.value}\0{name}\0{dist.version if dist is not None else ''}\n".encode())
        if dist is not None and name not in dists:
            dists[name] = dist
    for name in sorted(dists):
        digest.update(f"dist\0{name}\n".encode())
        _distribution_fingerprint(dists[name], digest)
    from xinli.core.rules.folders import source_beside

    for path in sorted(rules_files):
        digest.update(f"rules\0{path}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
        source = source_beside(path)
        if source.exists():
            digest.update(hashlib.sha256(source.read_bytes()).digest())
    return digest.hexdigest()


def _create_fts(db: Any, tokenizer: str) -> None:
    # the Chinese text and the document's words only: the English text would more than double the index
    # (it is searched with Datasette's column filters, text_en__contains=...)
    if tokenizer == "trigram":
        db.execute("create virtual table wordings_fts using fts5(text_zh, quote, content='wordings', "
                   "content_rowid='id', tokenize='trigram')")
        db.execute("insert into wordings_fts(rowid, text_zh, quote) select id, text_zh, quote from wordings")
    else:
        db.execute("create virtual table wordings_fts using fts5(text_zh, quote)")
        db["wordings_fts"].insert_all(
            ({"rowid": row["id"], "text_zh": bigrams(row["text_zh"]), "quote": bigrams(row["quote"])}
             for row in db.query("select id, text_zh, quote from wordings")),
            batch_size=2000)
    db.execute("insert into wordings_fts(wordings_fts) values ('optimize')")


#: Tables of one row per region and item: written with ``executemany``, as
#: sqlite-utils' conversion of each value costs tens of seconds at 3,000 regions.
BULK = {"requirements", "effective", "lineage", "coverage", "wordings"}


def _insert_many(conn: sqlite3.Connection, table: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    sql = f"insert into {table} ({', '.join(columns)}) values ({', '.join('?' * len(columns))})"
    conn.executemany(sql, (tuple(row[c] for c in columns) for row in rows))


def write_catalog(path: str | os.PathLike[str], tables: Iterable[tuple[str, list[dict[str, Any]]]],
                  meta: dict[str, str], tokenizer: str | None = None) -> None:
    """Write the catalogue's ``tables`` (from
    :meth:`xinli.core.views.catalog.CatalogRows.tables`) and ``meta`` into
    a new database at ``path``, through a temporary file renamed into place.
    ``tokenizer`` is ``trigram`` (the default where SQLite has it) or
    ``bigram``.  Refuses (:class:`XinliError`) to replace a file that is not
    an xinli catalogue."""
    import sqlite_utils

    catalog_meta(path)  # refuses a file that is not a catalogue
    shown = os.fspath(path)
    target = Path(os.path.realpath(path))
    tokenizer = tokenizer or ("trigram" if trigram_available() else "bigram")
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
        os.unlink(tmp)  # SQLite creates the file itself
        conn = sqlite3.connect(tmp)
        try:
            conn.execute(f"pragma application_id = {CATALOG_APPLICATION_ID}")
            conn.execute("pragma journal_mode = off")
            conn.execute("pragma synchronous = off")
            db = sqlite_utils.Database(conn)
            conn.executescript(SCHEMA)
            with conn:
                for name, rows in tables:
                    if name in BULK:
                        _insert_many(conn, name, rows)
                    elif rows:
                        db[name].insert_all(rows, batch_size=2000)
                db["meta"].insert_all([{"key": k, "value": v} for k, v in {**meta, "tokenizer": tokenizer}.items()])
                conn.executescript(INDEXES)
                _create_fts(db, tokenizer)
            problems = conn.execute("pragma foreign_key_check").fetchall()
            if problems:
                raise XinliError(f"{shown}: the catalogue's rows do not hold together: {problems[:3]}")
            conn.execute("analyze")
            conn.execute("vacuum")
            conn.execute("pragma journal_mode = delete")
        finally:
            conn.close()
        mode = 0o644 & ~_umask()
        os.chmod(tmp, mode)
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        catalog_meta(path)  # still not something else (checked again just before the rename)
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise XinliError(f"{shown}: cannot write: {exc.strerror or exc}") from None
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
