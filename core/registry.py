"""Finding and validating jurisdiction plugins: entry points in, a
:class:`Registry` of loaded plugins out.  It knows nothing of layering
(:mod:`xinli.core.layering` builds a region's rules from a registry).

:func:`load_plugins` is the one factory that builds a plugin manager: it adds
the hook specs, loads the ``xinli`` entry-point group (bundled plugins are
registered there exactly like third-party ones), and validates each plugin
on its own, so one broken plugin is reported by name while the others still
load.  Nothing here runs at import time.

A registry can be *lazy* (``load_plugins(lazy=True)``, what the CLI uses):
the entry points are listed by name (reading entry-point metadata imports
nothing) and a plugin is imported only when :meth:`Registry.find` asks for
it, so a command about one region imports that region's line of
jurisdictions and nothing else, however many counties are installed.
:meth:`Registry.load_all` imports the rest when a command lists everything.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from importlib import metadata
from typing import Any

import pluggy
from attrs import define, field, frozen

from xinli.core import hookspecs
from xinli.core.errors import PluginError, UnknownRegionError, one_line
from xinli.core.hookcall import call_alone
from xinli.core.model import Jurisdiction

ENTRY_POINT_GROUP = "xinli"
PLUGINS_ENV = "XINLI_PLUGINS"
#: From this many pending plugins on, identities read without importing are kept in the identity cache.
CACHE_FROM = 200


@frozen
class PluginProblem:
    """Why a plugin could not be loaded: its entry-point name, the
    distribution that provided it and a readable reason."""

    name: str
    distribution: str | None
    reason: str


@frozen
class LoadedPlugin:
    """A plugin that loaded and validated, with what it says about itself."""

    code: str
    plugin: Any
    jurisdiction: Jurisdiction
    distribution: str | None
    version: str | None

    @property
    def hooks(self) -> tuple[str, ...]:
        """Names of the hooks this plugin implements."""
        names = [
            name
            for name in dir(self.plugin)
            if name.startswith("xinli_") and hasattr(getattr(self.plugin, name), "xinli_impl")
        ]
        return tuple(sorted(names))


class KnownRegion:
    """A jurisdiction known to be installed, with its identity and where it
    came from: a loaded plugin, or one whose identity was read from its
    files without importing it (:meth:`Registry.identities`).

    ``listing`` is what listing the region needs
    (:func:`xinli.core.dicts.identity_dict`); ``jurisdiction`` is built on
    first use for a region known by its listing alone (read again from its
    files, or by importing the plugin when they no longer allow that)."""

    __slots__ = ("code", "distribution", "version", "listing", "_jurisdiction", "_load")

    def __init__(self, code: str, jurisdiction: Jurisdiction | None, distribution: str | None, version: str | None,
                 listing: dict[str, Any] | None = None, load: Callable[[], Jurisdiction] | None = None) -> None:
        if jurisdiction is None and (listing is None or load is None):
            raise ValueError("a known region needs its jurisdiction, or its listing and a way to load it")
        self.code, self.distribution, self.version = code, distribution, version
        self._jurisdiction, self._load = jurisdiction, load
        if listing is None:
            from xinli.core.dicts import identity_dict

            listing = identity_dict(jurisdiction)  # type: ignore[arg-type]
        self.listing = listing

    @property
    def jurisdiction(self) -> Jurisdiction:
        """The region's :class:`Jurisdiction`."""
        if self._jurisdiction is None:
            assert self._load is not None
            self._jurisdiction = self._load()
        return self._jurisdiction

    def __repr__(self) -> str:
        return f"KnownRegion({self.code!r}, {self.distribution!r}, {self.version!r})"


@define
class Registry:
    """The plugins of one invocation, with the plugin manager that calls
    them and the problems met while loading.

    ``plugins`` holds the plugins loaded so far; ``pending`` the entry points
    known by name but not imported yet (empty unless the registry is lazy).
    ``on_problem`` is called with each problem met while importing, so a
    command can warn about a broken plugin it happened to need.
    """

    pm: pluggy.PluginManager
    plugins: dict[str, LoadedPlugin] = field(factory=dict)
    problems: list[PluginProblem] = field(factory=list)
    pending: dict[str, list[Any]] = field(factory=dict)
    on_problem: Callable[[PluginProblem], None] | None = None
    #: called with each plugin as it is loaded (the CLI checks its metrics hook there)
    on_load: Callable[[LoadedPlugin], None] | None = None

    @property
    def codes(self) -> list[str]:
        """Codes of the plugins loaded so far, sorted (every installed one
        after :meth:`load_all`, or when the registry is not lazy)."""
        return sorted(self.plugins)

    @property
    def available(self) -> list[str]:
        """Every code that is loaded or could be loaded, sorted; listing
        them imports nothing."""
        return sorted(self.plugins.keys() | self.pending.keys())

    def find(self, code: str) -> LoadedPlugin | None:
        """The plugin for ``code``, importing it now if it is pending; None
        when no plugin of that code is installed or it failed to load."""
        if code in self.pending:
            self._load_pending(code)
        return self.plugins.get(code)

    def load_all(self, progress: Callable[[Iterator[str], int], Iterator[str]] | None = None) -> None:
        """Import every pending plugin (for commands that list them all);
        ``progress(iterator, total)`` may wrap the loop with a progress bar."""
        names: Iterator[str] = iter(sorted(self.pending))
        if progress is not None:
            names = progress(names, len(self.pending))
        for name in names:
            self._load_pending(name)

    def identities(self, progress: Callable[[Iterator[str], int], Iterator[str]] | None = None) -> dict[str, KnownRegion]:
        """Every available jurisdiction's identity, by code, for commands
        that list regions without calling their rules.

        A pending pure-data plugin (a packaged rules file with the two-line
        ``plugin.py``, :mod:`xinli.core.rules.peek`) is read from its files
        and stays pending: it is neither imported nor registered with
        pluggy, whose registration costs grow with the plugins registered.
        From :data:`CACHE_FROM` pending plugins on, what was read is kept
        in the identity cache (:class:`xinli.core.rules.peek.IdentityCache`)
        for the next run, each entry checked against its files.
        Any other pending plugin is loaded as :meth:`find` would (its
        problems recorded), so a plugin with code of its own, a broken one
        or a code two distributions offer is treated exactly as before."""
        import gc

        from xinli.core.rules.peek import IdentityCache, Peeker

        # thousands of small acyclic objects (the cache, the identities): the cyclic collector would walk them
        # again and again for nothing
        collecting = gc.isenabled()
        gc.disable()
        try:
            return self._identities(progress, IdentityCache.default() if len(self.pending) >= CACHE_FROM else None,
                                    Peeker)
        finally:
            if collecting:
                gc.enable()

    def _identities(self, progress: Callable[[Iterator[str], int], Iterator[str]] | None, cache: Any,
                    peeker_class: Any) -> dict[str, KnownRegion]:
        peeker = peeker_class(cache)
        found: dict[str, KnownRegion] = {
            code: KnownRegion(code, p.jurisdiction, p.distribution, p.version) for code, p in self.plugins.items()}
        names: Iterator[str] = iter(sorted(self.pending))
        if progress is not None:
            names = progress(names, len(self.pending))
        for name in names:
            offers = self.pending.get(name, [])
            if len(offers) == 1:
                ep, dist_name, dist_version = offers[0]
                listing = peeker.listing(name, ep.value, getattr(ep, "dist", None))
                if listing is not None:
                    found[name] = KnownRegion(name, None, dist_name, dist_version, listing,
                                              self._loader(name, ep, peeker_class))
                    continue
            plugin = self.find(name)
            if plugin is not None:
                found[name] = KnownRegion(name, plugin.jurisdiction, plugin.distribution, plugin.version)
        if cache is not None:
            cache.save()
        return dict(sorted(found.items()))

    def _loader(self, name: str, ep: Any, peeker_class: Any) -> Callable[[], Jurisdiction]:
        """The jurisdiction of a region listed without importing it: read
        from its files again, or (files changed since) its plugin imported."""
        def load() -> Jurisdiction:
            jurisdiction = peeker_class().identity(name, ep.value, getattr(ep, "dist", None))
            return jurisdiction if jurisdiction is not None else self.get(name).jurisdiction
        return load

    def _load_pending(self, name: str) -> None:
        for ep, dist_name, dist_version in self.pending.pop(name, []):
            _load_entry_point(self, ep, dist_name, dist_version)

    def _problem(self, problem: PluginProblem) -> None:
        self.problems.append(problem)
        if self.on_problem is not None:
            self.on_problem(problem)

    def get(self, code: str) -> LoadedPlugin:
        """The plugin for ``code``; :class:`PluginError` naming the reason
        if it was not loaded, :class:`UnknownRegionError` if absent."""
        plugin = self.find(code)
        if plugin is not None:
            return plugin
        reasons = [p for p in self.problems if p.name == code]
        if reasons:
            raise PluginError("; ".join(
                f"plugin {code!r}{f' ({p.distribution})' if p.distribution else ''} was not loaded: {p.reason}"
                for p in reasons))
        error = UnknownRegionError(code, self.available)
        hint = unloaded_folder_hint(code)
        if hint:
            error.args = (f"unknown region {code!r}{hint}",)  # the hint replaces a "did you mean" of another region
        raise error

    def drop(self, code: str, reason: str) -> None:
        """Leave out a plugin that broke the contract after loading (its
        metrics hook failed, say), recording why; other regions carry on."""
        plugin = self.plugins.pop(code, None)
        if plugin is not None and self.pm.is_registered(plugin.plugin):
            self.pm.unregister(plugin.plugin)
        self._problem(PluginProblem(code, plugin.distribution if plugin else None, reason))


def unloaded_folder_hint(code: str) -> str:
    """``": it is in the rules file F, which was not loaded; add --rules DIR
    (or set XINLI_RULES_PATH=DIR)"`` when a rules file in or below the
    working folder holds region ``code`` but no folder given loaded it;
    else ""."""
    from xinli.core.rules.folders import unloaded_rules_files

    found = unloaded_rules_files(code)
    if not found:
        return ""
    path, folder = found[0]
    return (f": it is in the rules file {path}, which was not loaded; add --rules {folder} "
            f"(or set XINLI_RULES_PATH={folder})")


def _selection(only: Iterable[str] | None) -> list[str]:
    if only is not None:
        return [c.strip() for c in only if c.strip()]
    return [c.strip() for c in os.environ.get(PLUGINS_ENV, "").split(",") if c.strip()]


def selected_codes(only: Iterable[str] | None = None) -> set[str] | None:
    """The plugin codes to load: ``only`` if given, else ``$XINLI_PLUGINS``
    (comma-separated), else None meaning all.  An entry may name the
    distribution too, ``code@distribution``; the code alone is returned."""
    chosen = {c.split("@", 1)[0].strip() for c in _selection(only)}
    return chosen or None


def chosen_distributions(only: Iterable[str] | None = None) -> dict[str, str]:
    """Distributions named explicitly in the selection (``code@dist``), by code."""
    return {code.strip(): dist.strip() for code, _, dist in (c.partition("@") for c in _selection(only)) if dist.strip()}


def _norm(name: str | None) -> str:
    return (name or "").lower().replace("_", "-").replace(".", "-")


def _providers(entry_points: Iterable[metadata.EntryPoint], wanted: set[str] | None, chosen: dict[str, str],
               registry: Registry) -> list[tuple[metadata.EntryPoint, str | None, str | None]]:
    """The entry points to load, one per code.  A code offered by two
    distributions is loaded from neither (each is named in a problem)
    unless the selection chose one with ``code@distribution``."""
    by_name: dict[str, list[tuple[metadata.EntryPoint, str | None, str | None]]] = {}
    # a distribution's name and version, read once: its METADATA file is parsed on every access, and
    # one distribution may offer thousands of entry points (a province's counties)
    identities: dict[int, tuple[Any, str | None, str | None]] = {}
    for ep in sorted(entry_points, key=lambda e: e.name):
        if wanted is not None and ep.name not in wanted:
            continue
        dist = getattr(ep, "dist", None)
        known = identities.get(id(dist))
        if known is None or known[0] is not dist:
            known = identities[id(dist)] = (dist, *((dist.metadata["Name"], dist.version) if dist is not None else (None, None)))
        _dist, dist_name, dist_version = known
        offers = by_name.setdefault(ep.name, [])
        if any(_norm(d) == _norm(dist_name) and e.value == ep.value for e, d, _v in offers):
            continue  # the same distribution seen twice on sys.path
        offers.append((ep, dist_name, dist_version))
    picked = []
    for name, offers in by_name.items():
        if name in chosen:
            matching = [o for o in offers if _norm(o[1]) == _norm(chosen[name])]
            if not matching:
                found = ", ".join(o[1] or "(unknown)" for o in offers)
                registry.problems.append(PluginProblem(
                    name, chosen[name], f"distribution {chosen[name]!r} does not provide {name!r} (offered by: {found})"))
                continue
            offers = matching[:1]
        if len(offers) > 1:
            names = [o[1] or "(unknown distribution)" for o in offers]
            for _ep, dist_name, _version in offers:
                others = ", ".join(n for n in names if n != (dist_name or "(unknown distribution)"))
                registry.problems.append(PluginProblem(
                    name, dist_name, f"{name!r} is also provided by {others}; neither is used — choose one with "
                    f"--plugins {name}@<distribution> or {PLUGINS_ENV}"))
            continue
        picked.append(offers[0])
    return picked


def load_plugins(
    only: Iterable[str] | None = None,
    extra: Iterable[tuple[str, Any]] = (),
    entry_points: Iterable[metadata.EntryPoint] | None = None,
    rules_path: Iterable[str] | None = None,
    lazy: bool = False,
    on_problem: Callable[[PluginProblem], None] | None = None,
) -> Registry:
    """Build a plugin manager and load the jurisdiction plugins.

    :param only: codes to load, each optionally ``code@distribution``
        (default: ``$XINLI_PLUGINS`` or all).
    :param extra: ``(name, plugin)`` pairs registered after the entry points,
        for tests and embedding.
    :param entry_points: the entry points to load instead of the installed
        ``xinli`` group (tests use this).
    :param rules_path: folders of TOML rules files to load as plugins
        besides the entry points (:mod:`xinli.core.rules.folders`); None
        means ``$XINLI_RULES_PATH`` only, ``()`` none at all.  Rules files
        are read when the registry is built, lazy or not.
    :param lazy: list the entry points by name now and import each plugin
        only when :meth:`Registry.find` (or :meth:`Registry.get`) asks for it.
    :param on_problem: called with each problem met while importing.

    A plugin that fails to import (whatever it raises, ``SystemExit``
    included; only ``KeyboardInterrupt`` passes), implements an unknown
    hook, takes an argument its hook does not offer, lacks an identity, or
    clashes with an earlier plugin's code is left out and recorded in
    ``problems``.  A code two distributions provide is loaded from neither
    unless one is chosen explicitly, so an impostor can never replace a
    region's plugin.
    """
    pm = pluggy.PluginManager("xinli")
    pm.add_hookspecs(hookspecs)
    registry = Registry(pm, on_problem=on_problem)
    wanted = selected_codes(only)
    chosen = chosen_distributions(only)
    if entry_points is None:
        entry_points = metadata.entry_points(group=ENTRY_POINT_GROUP)
    for ep, dist_name, dist_version in _providers(entry_points, wanted, chosen, registry):
        registry.pending[ep.name] = [(ep, dist_name, dist_version)]
    later = _refuse_doubles(registry, _rules_folder_candidates(registry, wanted, rules_path), chosen)
    later += [(name, obj, None, None) for name, obj in extra if wanted is None or name in wanted]
    if lazy:
        # rules-folder and extra plugins come after any entry point of the same name, as when loading eagerly
        for name, *_ in later:
            registry._load_pending(name)
    else:
        registry.load_all()
    for name, obj, dist_name, dist_version in later:
        problem = _register(registry, name, obj, dist_name, dist_version)
        if problem is not None:
            registry._problem(PluginProblem(name, dist_name, problem))
    return registry


def _load_entry_point(registry: Registry, ep: Any, dist_name: str | None, dist_version: str | None) -> None:
    """Import one entry point and register what it names, recording any
    problem instead of raising."""
    try:
        obj = ep.load()
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # a third-party plugin may raise anything, even SystemExit
        registry._problem(PluginProblem(ep.name, dist_name, f"import failed: {one_line(exc)}"))
        return
    problem = _register(registry, ep.name, obj, dist_name, dist_version)
    if problem is not None:
        registry._problem(PluginProblem(ep.name, dist_name, problem))


def _rules_folder_candidates(registry: Registry, wanted: set[str] | None, rules_path: Iterable[str] | None
                             ) -> list[tuple[str, Any, str | None, str | None]]:
    """Plugins from TOML rules files in folders (``$XINLI_RULES_PATH`` and
    ``rules_path``); a file that fails to load is a problem named by path."""
    paths = None if rules_path is None else list(rules_path)
    if paths is not None and not paths:
        return []
    from xinli.core.rules.folders import load_folder_plugins, rules_folders

    folders = rules_folders(paths or ())
    if not folders:
        return []
    loaded, failed = load_folder_plugins(folders)
    for name, path, reason in failed:
        registry._problem(PluginProblem(name, f"rules file {path}", reason))
    return [(code, obj, f"rules file {path}", None) for code, obj, path in loaded if wanted is None or code in wanted]


def _refuse_doubles(registry: Registry, candidates: list[tuple[str, Any, str | None, str | None]],
                    chosen: dict[str, str]) -> list[tuple[str, Any, str | None, str | None]]:
    """Rules-folder plugins whose code an installed package (or another
    rules file) also offers: used from neither, each named in a problem,
    as with two distributions offering one code; ``--plugins
    code@distribution`` picks the package."""
    by_code: dict[str, list[tuple[str, Any, str | None, str | None]]] = {}
    for candidate in candidates:
        by_code.setdefault(candidate[0], []).append(candidate)
    kept = []
    for name, offers in by_code.items():
        packaged = registry.pending.get(name, [])
        if len(offers) + len(packaged) == 1:
            kept += offers
            continue
        package_names = [dist or "(unknown distribution)" for _ep, dist, _v in packaged]
        if packaged and _norm(chosen.get(name)) in {_norm(d) for d in package_names}:
            for _name, _obj, where, _version in offers:
                registry._problem(PluginProblem(name, where, f"{name!r} is also provided by {', '.join(package_names)}, "
                                                f"chosen with --plugins {name}@{chosen[name]}; this rules file is not used"))
            continue
        everyone = package_names + [where or "(unknown)" for _n, _o, where, _v in offers]
        for _name, _obj, where, _version in offers:
            others = ", ".join(w for w in everyone if w != where)
            registry._problem(PluginProblem(name, where, f"{name!r} is also provided by {others}; neither is used — "
                                            f"remove one, or choose the package with --plugins {name}@<distribution> "
                                            f"or {PLUGINS_ENV}"))
        for _ep, dist, _version in registry.pending.pop(name, []):
            files = ", ".join(where or "(unknown)" for _n, _o, where, _v in offers)
            registry._problem(PluginProblem(name, dist, f"{name!r} is also provided by {files}; neither is used"))
    return kept


def _hook_suggestion(message: str) -> str:
    """A "did you mean" for the unknown hook named in pluggy's message."""
    import re

    from xinli.core.suggest import did_you_mean

    known = [name for name in dir(hookspecs) if name.startswith("xinli_")]
    found = re.search(r"unknown hook '(xinli_\w+)'", message)
    return did_you_mean(found.group(1), known) if found else ""


def _register(registry: Registry, name: str, obj: Any, dist_name: str | None, dist_version: str | None) -> str | None:
    pm = registry.pm
    if name in registry.plugins:
        return f"jurisdiction {name!r} is already provided by {registry.plugins[name].distribution or 'another plugin'}"
    if pm.is_registered(obj):
        return f"the same plugin object is already registered as {pm.get_name(obj)!r}"
    try:
        pm.register(obj, name=name)
    except (pluggy.PluginValidationError, ValueError) as exc:
        return f"invalid plugin: {one_line(exc)}"
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        pm.unregister(obj)
        return f"implements a hook xinli does not define: {exc}{_hook_suggestion(str(exc))}"
    try:
        answers = call_alone(pm, obj, "xinli_jurisdiction")
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # a plugin's hook may raise anything
        pm.unregister(obj)
        return f"xinli_jurisdiction failed: {one_line(exc)}"
    identities = [a for a in answers if a is not None]
    if len(identities) != 1 or not isinstance(identities[0], Jurisdiction):
        pm.unregister(obj)
        return "xinli_jurisdiction must return exactly one Jurisdiction"
    jurisdiction = identities[0]
    if jurisdiction.code != name:
        pm.unregister(obj)
        return f"entry point is named {name!r} but the plugin's jurisdiction code is {jurisdiction.code!r}"
    if name in registry.plugins:
        pm.unregister(obj)
        return f"jurisdiction {name!r} is already provided by {registry.plugins[name].distribution or 'another plugin'}"
    registry.plugins[name] = LoadedPlugin(name, obj, jurisdiction, dist_name, dist_version)
    if registry.on_load is not None:
        registry.on_load(registry.plugins[name])
    return None
