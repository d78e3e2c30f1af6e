"""xinli's core: hook specifications, the rule model, plugin loading and the
checklist.  Plugins import the ``hookimpl`` marker from here and the model
classes from :mod:`xinli.core.model`."""

import pluggy

hookimpl = pluggy.HookimplMarker("xinli")

__all__ = ["hookimpl"]
