"""xinli's core: hook specifications, the rule model, plugin loading and the
checklist.  Plugins import the ``hookimpl`` marker from here and the model
classes from :mod:`xinli.core.model`.

The marker is made on first use (PEP 562 module ``__getattr__``), so that
commands which load no plugin — ``xinli --help`` above all — never import
pluggy."""

from typing import Any

__all__ = ["hookimpl"]


def __getattr__(name: str) -> Any:
    if name == "hookimpl":
        import pluggy

        marker = pluggy.HookimplMarker("xinli")
        globals()["hookimpl"] = marker
        return marker
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
