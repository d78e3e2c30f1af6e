"""A large rules folder is parsed in parallel (issue 25: a province's counties, catalogued in a minute): the
plugins, their order and the errors reported are exactly those of loading the files one by one."""

from __future__ import annotations

from pathlib import Path

import pytest

from xinli.core.rules import folders
from xinli.core.rules.folders import load_folder_plugins

ROOT = Path(__file__).resolve().parent.parent


def _county(henan: str, n: int) -> str:
    code = f"demo_parallel_{n:02d}"
    text = henan.replace('code = "henan"', f'code = "{code}"', 1).replace('id = "henan.', f'id = "{code}.')
    return text.replace('jurisdiction = "henan"', f'jurisdiction = "{code}"')


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    henan = (ROOT / "plugins" / "henan" / "rules.toml").read_text(encoding="utf-8")
    source = (ROOT / "plugins" / "henan" / "source.txt").read_text(encoding="utf-8")
    for n in range(5):
        sub = tmp_path / f"county{n}"
        sub.mkdir()
        (sub / "rules.toml").write_text(_county(henan, n), encoding="utf-8")
        (sub / "source.txt").write_text(source, encoding="utf-8")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "rules.toml").write_text('[jurisdiction]\ncode = "demo_parallel_broken"\nname = { zh = "坏", en = "x"\n',
                                       encoding="utf-8")
    deep = tmp_path / "deep"
    deep.mkdir()
    (deep / "rules.toml").write_text('[jurisdiction]\ncode = "demo_parallel_deep"\n[[requirements]]\nx = '
                                     + "[" * 40 + "]" * 40 + "\n", encoding="utf-8")
    return tmp_path


def _summary(result: tuple[list, list]) -> tuple[list, list]:
    loaded, failed = result
    return ([(code, path, [r.id for r in plugin.requirements], plugin.jurisdiction) for code, plugin, path in loaded],
            failed)


def test_the_pool_parses_and_leaves_what_does_not_parse_to_the_plugin() -> None:
    assert list(folders._parsed_in_parallel(["a = 1", "b = ", None, "c = [" + "[" * 40 + "]" * 41], workers=2)) == [
        {"a": 1}, None, None, None]


def test_parsed_in_parallel_is_loaded_exactly_as_one_by_one(folder: Path) -> None:
    serial = _summary(load_folder_plugins([folder], parallel_from=10_000))
    parallel = _summary(load_folder_plugins([folder], parallel_from=1, workers=2))
    assert parallel == serial
    loaded, failed = serial
    assert [code for code, *_ in loaded] == [f"demo_parallel_{n:02d}" for n in range(5)]
    assert len(loaded[0][2]) > 20  # the whole of Henan's rules, renamed
    assert {name for name, _path, _reason in failed} == {"demo_parallel_broken", "demo_parallel_deep"}
    assert any("nested too deeply" in reason for _name, _path, reason in failed)


def test_without_processes_the_files_are_parsed_in_turn(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import concurrent.futures

    class NoPool:
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise OSError("no processes here")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", NoPool)
    assert list(folders._parsed_in_parallel(["a = 1", None], workers=2)) == [None, None]
    assert _summary(load_folder_plugins([folder], parallel_from=1, workers=2)) == _summary(
        load_folder_plugins([folder], parallel_from=10_000))
