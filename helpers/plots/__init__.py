"""The plotting layer: the course style and one module per figure family.

Every plot function takes a matplotlib ``Axes`` (or a ``Figure``) and returns it; none uses
pyplot state. :func:`show_figure` displays a finished figure with its text alternative.

* :mod:`~helpers.plots.style` — actor colours and markers (from the actor registry), rcParams;
* :mod:`~helpers.plots.display` — static display with alt text and caption;
* :mod:`~helpers.plots.rendering` — cached text stamps and frozen layers for fast redraws;
* :mod:`~helpers.plots.networks`, :mod:`~helpers.plots.timeline`,
  :mod:`~helpers.plots.mentions`, :mod:`~helpers.plots.balance` — the figure families.
"""

from helpers.plots import balance, display, mentions, networks, rendering, style, timeline
from helpers.plots.display import show_figure

__all__ = ["balance", "display", "mentions", "networks", "rendering", "show_figure", "style",
           "timeline"]
