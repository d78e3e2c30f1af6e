"""Calling one plugin's hook alone.

Every region's rules, identity and metrics are asked of one plugin at a
time (a layer never sees another layer's answers).  pluggy's
``subset_hook_caller(remove_plugins=...)`` does that by naming every *other*
plugin, which costs time in proportion to the plugins installed, on every
call: with thousands of county plugins, loading them all became quadratic.
:func:`call_alone` picks the plugin's own implementations instead.
"""

from __future__ import annotations

from typing import Any


def call_alone(pm: Any, plugin: object, hook_name: str, **kwargs: Any) -> list[Any]:
    """Call ``hook_name`` on ``plugin`` only and return its non-None
    answers, as pluggy would for a manager holding that plugin alone.

    The plugin's implementations are picked from the hook's list (a copy
    made in C) and called in pluggy's order, with the arguments each one
    names.  A plugin that wraps its own hook (``wrapper``/``hookwrapper``)
    is called through pluggy's ``subset_hook_caller``, which runs wrappers;
    an unknown hook name answers nothing."""
    hook = getattr(pm.hook, hook_name, None)
    if hook is None:
        return []
    impls = [impl for impl in hook.get_hookimpls() if impl.plugin is plugin]
    if any(impl.wrapper or impl.hookwrapper for impl in impls):
        others = [p for p in pm.get_plugins() if p is not plugin]
        return pm.subset_hook_caller(hook_name, remove_plugins=others)(**kwargs)
    answers = []
    for impl in reversed(impls):  # pluggy calls the last registered first
        answer = impl.function(*[kwargs[name] for name in impl.argnames])
        if answer is not None:
            answers.append(answer)
    return answers
