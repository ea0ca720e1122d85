"""What-if views: the protocol (:mod:`helpers.views.protocol`) and one small module per view.

A view module holds one view class (a :class:`WhatIfView` that draws a figure or a
:class:`TableView` that shows a table), a ``default_view()`` factory that builds it from the
course data, and a ``register(...)`` call; :func:`registry` finds the modules by listing this
folder, so adding a view needs no edit anywhere else.
"""

from helpers.views.protocol import (
    BaseView,
    Control,
    RegisteredView,
    TableView,
    WhatIfView,
    build,
    register,
    registry,
    view_modules,
)

__all__ = ["BaseView", "Control", "RegisteredView", "TableView", "WhatIfView", "build",
           "register", "registry", "view_modules"]
