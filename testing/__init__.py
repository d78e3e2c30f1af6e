"""Test helpers for xinli jurisdiction plugins, shipped as a pytest plugin.

Installing xinli registers this package under the ``pytest11`` entry-point
group, so in any test run where xinli is installed the fixtures below are
available without an import, and a plugin's own tests check it exactly the
way xinli checks its bundled plugins.

Run the whole plugin contract with one line in your plugin's tests::

    from xinli.testing import PluginContract

    class TestContract(PluginContract):
        code = "bar_county"

It checks that the plugin loads without problems, that its identity is
complete, that its region's checklist validates against the shipped JSON
Schema, that every quote of its own items is in its ``source.txt``, that
:func:`xinli.core.rules.validate.check_plugin` finds nothing, that no mobile
number is in its data, that its ids are unique and prefixed by its code (or
override an ancestor's), and that every item of its own is bilingual.

Fixtures (factories, so a test chooses what to load):

``xinli_registry(codes=None, extra=())``
    An isolated :class:`~xinli.core.registry.Registry` with its own plugin
    manager: the installed plugins named in ``codes`` (default: every
    installed plugin; ``$XINLI_PLUGINS`` is ignored) plus ``extra``
    ``(name, plugin)`` pairs, e.g. plugin objects defined in the test.
``xinli_checklist(code, as_of=None, *, plugins=None, extra=())``
    Region ``code``'s effective checklist as the plain data of
    ``xinli checklist --format json`` (see docs/checklist-format.md)::

        def test_lessons(xinli_checklist):
            items = {i["id"]: i for i in xinli_checklist("bar_county")["items"]}
            assert items["henan.curriculum.primary-lessons"]["source"] == "henan"

``PluginContract`` builds its registry and checklist once per class through
the fixtures ``xinli_contract_registry`` and ``xinli_contract_checklist``,
which read the class's ``code``, ``plugins``, ``extra`` and ``as_of``.

The same functions work outside fixtures: :func:`load_registry` and
:func:`checklist_for`, and each contract rule is a plain function in
:mod:`xinli.testing.contract` returning readable problems.  When plugin
auto-loading is off (``PYTEST_DISABLE_PLUGIN_AUTOLOAD``), add
``pytest_plugins = ["xinli.testing"]`` to your ``conftest.py``.  Importing
this package is cheap; xinli's core is imported only when a fixture or a
contract test runs.
"""

from __future__ import annotations

from xinli.testing.contract import PluginContract, xinli_contract_checklist, xinli_contract_registry
from xinli.testing.fixtures import xinli_checklist, xinli_registry
from xinli.testing.helpers import checklist_for, installed_codes, load_registry

__all__ = [
    "PluginContract",
    "checklist_for",
    "installed_codes",
    "load_registry",
    "xinli_checklist",
    "xinli_contract_checklist",
    "xinli_contract_registry",
    "xinli_registry",
]
