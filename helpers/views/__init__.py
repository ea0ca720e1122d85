"""What-if views: the protocol (:mod:`helpers.views.protocol`) and one small module per view.

A view module holds one :class:`WhatIfView` subclass, a ``default_view()`` factory that builds it
from the course data, and a ``register(...)`` call; :func:`registry` finds the modules by
listing this folder, so adding a view needs no edit anywhere else.
"""

from helpers.views.protocol import (
    Control,
    RegisteredView,
    WhatIfView,
    build,
    register,
    registry,
    view_modules,
)

__all__ = ["Control", "RegisteredView", "WhatIfView", "build", "register", "registry",
           "view_modules"]
