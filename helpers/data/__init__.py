"""The data layer: validated loading of ``seeds/data`` and the one actor registry.

``from helpers import data`` gives the loader's functions (:mod:`helpers.data.loader`); the actor
registry is :mod:`helpers.data.actors`. Nothing is read at import.
"""

from helpers.data import actors
from helpers.data.loader import *  # noqa: F403
from helpers.data.loader import __all__ as _loader_all

__all__ = ["actors", *_loader_all]
