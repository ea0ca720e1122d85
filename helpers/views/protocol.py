"""The what-if view protocol every notebook uses.

A *view* wraps a pure model (or a pure data filter) and one reused matplotlib
:class:`~matplotlib.figure.Figure` (no pyplot state). A control change re-runs the model,
updates the existing artists and pushes PNG bytes into an ``ipywidgets.Image``: about 20–60 ms
in the kernel, against ~100 ms for ``interact`` drawing a new pyplot figure
(measured on a 2-core machine). The same view also renders its default state
as a static PNG with a text alternative, so nbconvert HTML and readers without a kernel see it,
and it reports the numbers behind the figure as a table, which nbval compares (nbval does not
compare PNGs).

Writing a view
--------------
Subclass :class:`WhatIfView`, set ``name``, ``title``, ``notebook`` and ``controls``, and
implement :meth:`~WhatIfView.setup` (create axes and artists once), :meth:`~WhatIfView.draw`
(update artists from the parameters), :meth:`~WhatIfView.summary` (the numbers on screen) and
:meth:`~WhatIfView.alt_text`. Views know nothing of data files: data arrive through the
constructor. Register a *factory* that builds the view from the course data with
:func:`register`, in a module of its own in ``helpers/views/`` (found without a list).

Stable hooks for tests
----------------------
The live widget carries CSS classes: ``whatif-view`` and ``whatif-view-<name>`` on the
container; ``whatif-control``, ``whatif-control-<control>`` and ``whatif-kind-<kind>`` on each
control; ``whatif-image`` on the image and ``whatif-caption`` on the text alternative. Inside the
caption, an element with class ``whatif-state`` (or ``whatif-error`` after a failed redraw)
carries ``data-whatif-rev`` (a redraw counter) and ``data-whatif-params`` (the parameters as
JSON). The browser tests find views and read their state by these hooks only.
"""

from __future__ import annotations

import abc
import importlib
import io
import json
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Literal

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from helpers.checks import (
    ParameterError,
    check_choice,
    check_flag,
    check_int,
    check_number,
    check_str,
)
from helpers.plots import style
from helpers.plots.display import _html, show_figure

__all__ = [
    "Control",
    "ControlKind",
    "RegisteredView",
    "WhatIfView",
    "build",
    "register",
    "registry",
]


ControlKind = Literal["int", "float", "choice", "bool"]


@dataclass(frozen=True)
class Control:
    """One input of a what-if view, with its valid range and where that range comes from.

    Attributes
    ----------
    name : str
        Keyword passed to the view's model (a Python identifier).
    label : str
        Short label shown beside the widget.
    kind : {"int", "float", "choice", "bool"}
        Widget type: integer or float slider, dropdown, or checkbox.
    default : Any
        Default value; the static figure shows this state.
    minimum, maximum, step : float, optional
        Range of a slider (inclusive) and its step.
    options : tuple
        Allowed values of a ``"choice"`` control, in display order. Items may be
        ``(label, value)`` pairs.
    source : str
        Where the range comes from (a citation, a dataset, or "illustrative").
    """

    name: str
    label: str
    kind: ControlKind
    default: Any
    minimum: float | None = None
    maximum: float | None = None
    step: float | None = None
    options: tuple[Any, ...] = ()
    source: str = "illustrative"

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.isidentifier():
            raise ParameterError(f"Control name must be a Python identifier, got {self.name!r}")
        check_str("label", self.label)
        check_str("source", self.source)
        check_choice("kind", self.kind, ("int", "float", "choice", "bool"))
        if not isinstance(self.options, tuple):
            raise ParameterError(f"control {self.name!r}: options must be a tuple, got "
                                 f"{self.options!r}")
        if self.kind in ("int", "float"):
            if self.minimum is None or self.maximum is None or self.step is None:
                raise ParameterError(f"slider control {self.name!r} needs minimum, maximum and "
                                     "step")
            for part in ("minimum", "maximum", "step"):
                value = check_number(f"Control {self.name!r} {part}", getattr(self, part))
                if self.kind == "int" and not value.is_integer():
                    raise ParameterError(f"int control {self.name!r}: {part} must be a whole "
                                         f"number, got {getattr(self, part)!r}")
            if not self.minimum < self.maximum or self.step <= 0 \
                    or self.step > self.maximum - self.minimum:
                raise ParameterError(
                    f"slider control {self.name!r}: need minimum < maximum and 0 < step <= "
                    f"maximum - minimum, got [{self.minimum}, {self.maximum}] step {self.step}"
                )
            if self.options:
                raise ParameterError(f"slider control {self.name!r}: options are for choice "
                                     f"controls only, got {self.options!r}")
        else:
            for part in ("minimum", "maximum", "step"):
                if getattr(self, part) is not None:
                    raise ParameterError(f"{self.kind} control {self.name!r}: {part} is for "
                                         f"sliders only, got {getattr(self, part)!r}")
            if self.kind == "choice":
                if len(self.options) < 2:
                    raise ParameterError(f"choice control {self.name!r} needs at least two "
                                         "options")
                self._check_options()
            elif self.options:
                raise ParameterError(f"bool control {self.name!r}: options are for choice "
                                     f"controls only, got {self.options!r}")
        self.validate(self.default)

    def _check_options(self) -> None:
        """Options of a choice control: values, or (label, value) pairs with str labels."""
        values = []
        for i, o in enumerate(self.options):
            if isinstance(o, tuple):
                if len(o) != 2 or not isinstance(o[0], str) or not o[0]:
                    raise ParameterError(f"choice control {self.name!r}: options[{i}] must be a "
                                         f"value or a (label, value) pair, got {o!r}")
                o = o[1]
            try:
                hash(o)
            except TypeError:
                raise ParameterError(f"choice control {self.name!r}: options[{i}] must be "
                                     f"hashable, got {o!r}") from None
            values.append(o)
        if len(set(values)) != len(values):
            raise ParameterError(f"choice control {self.name!r}: options must be distinct, got "
                                 f"{values!r}")

    @property
    def values(self) -> tuple[Any, ...]:
        """Every allowed value of a choice or bool control (the option values)."""
        if self.kind == "bool":
            return (False, True)
        return tuple(o[1] if isinstance(o, tuple) else o for o in self.options)

    def validate(self, value: Any) -> Any:
        """Check one value against this control's range and return it (ints coerced).

        Parameters
        ----------
        value : Any
            Candidate value.

        Returns
        -------
        Any
            The value, as ``int`` for integer controls and ``float`` for float controls.

        Raises
        ------
        ParameterError
            Naming the control and its valid range or values.
        """
        if self.kind == "int":
            return check_int(self.name, value, int(self.minimum), int(self.maximum))
        if self.kind == "float":
            return check_number(self.name, value, float(self.minimum), float(self.maximum))
        if self.kind == "bool":
            return check_flag(self.name, value)
        return check_choice(self.name, value, self.values)

    def sweep(self, n: int = 7) -> list[Any]:
        """Return up to ``n`` valid values spanning the control's range (for tests and benchmarks).

        Parameters
        ----------
        n : int
            Number of slider positions (choice and bool controls return all their values).

        Returns
        -------
        list
        """
        check_int("n", n, 1, 1000)
        if self.kind in ("choice", "bool"):
            return list(self.values)
        lo, hi, step = float(self.minimum), float(self.maximum), float(self.step)
        steps = round((hi - lo) / step)
        idx = sorted({round(i * steps / (n - 1)) for i in range(n)}) if n > 1 else [0]
        vals = [lo + i * step for i in idx]
        return [round(v) for v in vals] if self.kind == "int" else [round(v, 10) for v in vals]

    def make_widget(self) -> Any:
        """Build the ipywidgets control, tagged with the stable CSS classes.

        Returns
        -------
        ipywidgets.Widget
        """
        import ipywidgets as widgets

        common: dict[str, Any] = {
            "description": self.label,
            "style": {"description_width": "initial"},
            "layout": widgets.Layout(width="auto", min_width="340px"),
        }
        if self.kind == "int":
            w = widgets.IntSlider(value=self.default, min=int(self.minimum), max=int(self.maximum),
                                  step=int(self.step), continuous_update=False, **common)
        elif self.kind == "float":
            w = widgets.FloatSlider(value=self.default, min=self.minimum, max=self.maximum,
                                    step=self.step, continuous_update=False, **common)
        elif self.kind == "choice":
            w = widgets.Dropdown(options=list(self.options), value=self.default, **common)
        else:
            w = widgets.Checkbox(value=self.default, indent=False, **common)
        w.add_class("whatif-control")
        w.add_class(f"whatif-control-{self.name}")
        w.add_class(f"whatif-kind-{self.kind}")
        return w


class WhatIfView(abc.ABC):
    """Base class of every what-if view: one reused figure, typed controls, a static fallback.

    Parameters
    ----------
    **params
        Initial values for some controls (the rest take their defaults); validated.

    Notes
    -----
    Subclasses create their artists in :meth:`setup` and only *update* them in :meth:`draw`,
    keeping axes limits, titles and legends fixed where they can: text layout, not figure
    creation, is what makes a redraw slow. :mod:`helpers.plots.rendering` has cached text stamps and
    static layers for views with many labels.
    """

    #: Registry key, also used in CSS classes.
    name: ClassVar[str]
    #: Human title shown above the widget.
    title: ClassVar[str]
    #: File name of the notebook that shows the view (for the browser test).
    notebook: ClassVar[str]
    #: The view's inputs. A subclass may set them per instance (before calling
    #: ``super().__init__``) when options depend on its data, e.g. the actors present.
    controls: tuple[Control, ...]
    #: Figure size in inches and resolution.
    figsize: ClassVar[tuple[float, float]] = (8.0, 4.5)
    dpi: ClassVar[int] = 100
    #: Display width of the live image in CSS pixels.
    image_width: ClassVar[int] = 800

    def __init__(self, **params: Any) -> None:
        self.params: dict[str, Any] = {c.name: c.default for c in self.controls}
        self._check_names(params)
        self.params.update({k: self._control(k).validate(v) for k, v in params.items()})
        with style.course_style():
            self.figure = Figure(figsize=self.figsize, dpi=self.dpi, layout="constrained")
            self._canvas = FigureCanvasAgg(self.figure)
            self.setup(self.figure)
            self.draw(dict(self.params))
            # Lay the figure out once, then freeze it: re-running constrained layout on
            # every redraw would roughly double the update time.
            self.figure.canvas.draw()
            self.figure.set_layout_engine("none")
        self._widget: Any = None
        self._revision = 0
        self._in_callback = False  # True while a widget callback redraws (no second sync)
        self._reverting = False  # True while the widget sets its controls back to the state

    # -- to implement -------------------------------------------------------------------
    @abc.abstractmethod
    def setup(self, fig: Figure) -> None:
        """Create the axes and artists once."""

    @abc.abstractmethod
    def draw(self, params: Mapping[str, Any]) -> None:
        """Update the artists for ``params`` (all controls present and validated)."""

    @abc.abstractmethod
    def summary(self) -> pd.DataFrame:
        """Return the numbers behind the current figure, as a small table."""

    @abc.abstractmethod
    def alt_text(self) -> str:
        """Return a text alternative describing the current figure for screen readers."""

    # -- protocol -----------------------------------------------------------------------
    def _control(self, name: str) -> Control:
        for c in self.controls:
            if c.name == name:
                return c
        raise ValueError(f"{type(self).__name__} has no control {name!r}; "
                         f"controls: {', '.join(c.name for c in self.controls)}")

    def _check_names(self, params: Mapping[str, Any]) -> None:
        for k in params:
            self._control(k)

    def update(self, **changes: Any) -> None:
        """Validate ``changes``, apply them and redraw (without rendering a PNG).

        Parameters
        ----------
        **changes
            New values for some controls.
        """
        self._check_names(changes)
        new = {k: self._control(k).validate(v) for k, v in changes.items()}
        previous = dict(self.params)
        self.params.update(new)
        with style.course_style():
            try:
                self.draw(dict(self.params))
            except Exception:
                # The state stays the last one drawn: the parameters, and the figure as far as
                # the view can redraw it.
                self.params.clear()
                self.params.update(previous)
                try:
                    self.draw(dict(self.params))
                except Exception:  # the first error is the one to report
                    pass
                raise
        if self._widget is not None and not self._in_callback:
            self._sync_live()

    def _sync_live(self) -> None:
        """Bring a displayed widget up to date after a change made from code.

        ``view.update(...)`` in a later cell would otherwise leave the live widget's controls,
        image and caption showing the old state while the view holds the new one.
        """
        ctrl_widgets, image, caption = self._live
        self._revert_widgets(ctrl_widgets)  # sets each control to the current parameters
        self._revision += 1
        caption.value = self._caption_html()
        image.value = self.png()

    def png(self) -> bytes:
        """Render the current figure to PNG bytes (deterministic for given library versions).

        Draws once on an Agg canvas kept with the figure and encodes with Pillow at a low
        compression level: ``savefig`` would draw twice and compress harder, for no gain here.
        """
        from PIL import Image

        canvas = self._canvas
        with style.course_style():  # some rcParams (text hinting) are read at draw time
            canvas.draw()
        buf = io.BytesIO()
        # The figure is opaque: RGB is smaller and quicker to encode than RGBA.
        rgb = np.asarray(canvas.buffer_rgba())[..., :3]
        Image.fromarray(rgb).save(buf, format="png", compress_level=1)
        return buf.getvalue()

    def reset(self) -> None:
        """Return every control to its default and redraw."""
        self.update(**{c.name: c.default for c in self.controls})

    def static(self) -> None:
        """Display the *default* state as a PNG plus its text alternative and caption.

        This is what nbconvert HTML, GitHub and a reader without a kernel see. The PNG's
        plain-text fallback is the alt text, so nbval compares the description strictly.
        """
        current = dict(self.params)
        self.reset()
        show_figure(self.png(), self.alt_text(), title=f"{self.title} (default scenario)")
        self.update(**current)

    def widget(self) -> Any:
        """Return the live widget: controls, the image and the text alternative.

        Returns
        -------
        ipywidgets.VBox
            With CSS classes ``whatif-view`` and ``whatif-view-<name>``.
        """
        import ipywidgets as widgets

        if self._widget is not None:
            return self._widget
        ctrl_widgets = {c.name: c.make_widget() for c in self.controls}
        for name, w in ctrl_widgets.items():
            w.value = self.params[name]
        image = widgets.Image(value=self.png(), format="png",
                              layout=widgets.Layout(width=f"{self.image_width}px",
                                                    max_width="100%"))
        image.add_class("whatif-image")
        caption = widgets.HTML(value=self._caption_html())
        caption.add_class("whatif-caption")

        def on_change(change: Mapping[str, Any], name: str) -> None:
            # The caption (with the revision and parameters) goes first, so the image never
            # sits under a stale description. An error is shown in the view itself: raised in
            # a widget callback it would only reach JupyterLab's log console. A refused value
            # is not left in its widget: every control is set back to the state the figure
            # shows, so no later caption can disagree with a control.
            if self._reverting:
                return
            self._revision += 1
            before = dict(self.params)
            self._in_callback = True
            try:
                self.update(**{name: change["new"]})
                png = self.png()
            except Exception as exc:
                if self.params != before:  # drawn, but the picture failed: back to before
                    self.params.clear()
                    self.params.update(before)
                reverted = self._revert_widgets(ctrl_widgets)
                caption.value = self._caption_html(
                    error=f"{type(exc).__name__}: {exc}", refused=(name, change["new"]),
                    reverted=reverted)
                raise
            finally:
                self._in_callback = False
            caption.value = self._caption_html()
            image.value = png

        for name, w in ctrl_widgets.items():
            w.observe(lambda ch, n=name: on_change(ch, n), names="value")
        heading = widgets.HTML(value=f"<b>{_html(self.title)}</b>")
        box = widgets.VBox([heading, widgets.VBox(list(ctrl_widgets.values())), image, caption])
        box.add_class("whatif-view")
        box.add_class(f"whatif-view-{self.name}")
        self._live = (ctrl_widgets, image, caption)
        self._widget = box
        return box

    def show(self) -> None:
        """Display the live widget, with a readable plain-text fallback.

        Where no widget can render (an untrusted notebook, GitHub, a stored output), readers
        see the fallback text instead of the widget's raw ``repr``; the static figure displayed
        by :meth:`static` carries the default scenario.
        """
        from IPython.display import display

        bundle = self.widget()._repr_mimebundle_()
        bundle["text/plain"] = (f"[interactive view {self.name!r}: run this cell in Jupyter to "
                                f"use its controls; the static figure shows the default]")
        display(bundle, raw=True)

    def _revert_widgets(self, ctrl_widgets: Mapping[str, Any]) -> list[str]:
        """Set every control widget back to the view's state; return the names set back.

        A widget whose value differs from ``self.params`` (a refused value, from the browser
        or from code) gets the parameter's value again; a slider whose bounds were changed
        gets the control's bounds back, a dropdown whose options were changed its options.
        The widgets' own change events are ignored meanwhile (nothing is redrawn: the figure
        already shows ``self.params``).
        """
        reverted = []
        self._reverting = True
        try:
            for name, w in ctrl_widgets.items():
                control = self._control(name)
                if control.kind in ("int", "float"):
                    for attr in ("min", "max", "step"):
                        want = getattr(control, {"min": "minimum", "max": "maximum"}.get(
                            attr, attr))
                        if getattr(w, attr) != want:
                            setattr(w, attr, int(want) if control.kind == "int" else want)
                elif control.kind == "choice" and list(w.options) != list(control.options):
                    w.options = list(control.options)
                if not _same(w.value, self.params[name]):
                    w.value = self.params[name]
                    reverted.append(name)
        finally:
            self._reverting = False
        return reverted

    def _caption_html(self, error: str | None = None, refused: tuple[str, Any] | None = None,
                      reverted: list[str] | None = None) -> str:
        """Caption HTML: the text alternative, plus machine-readable state for tests.

        ``data-whatif-rev`` counts redraws (it changes even when a redraw yields the same
        PNG) and ``data-whatif-params`` holds the current parameters as JSON. After a refused
        value the caption says which control was set back, and to what: the figure, the
        parameters and every control then show the same state.
        """
        params = _html(json.dumps(self.params, sort_keys=True, default=str))
        attrs = f'data-whatif-rev="{self._revision}" data-whatif-params="{params}"'
        if error is not None:
            note = ""
            if refused is not None:
                name, value = refused
                label = self._control(name).label if any(
                    c.name == name for c in self.controls) else name
                back = (f", so {label!r} is set back to {self.params.get(name)!r}"
                        if name in (reverted or []) else "")
                note = (f" The value {value!r} was refused{back}; the figure shows the controls "
                        f"as they are now.")
                try:
                    note += f" Text alternative: {self.alt_text()}"
                except Exception:  # a view that failed to draw may fail to describe itself
                    pass
            return (f'<p role="alert" class="whatif-error" {attrs}><b>This view failed:</b> '
                    f"{_html(error)}{_html(note)}</p>")
        return (f'<p role="note" class="whatif-state" {attrs}><b>Text alternative:</b> '
                f"{_html(self.alt_text())}</p>")

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"<{type(self).__name__} {self.name!r}: {args}>"


def _same(a: Any, b: Any) -> bool:
    """Whether a widget shows a parameter's value (same type family and equal)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    try:
        return bool(a == b)
    except Exception:  # an exotic value that cannot be compared is not the parameter
        return False


@dataclass(frozen=True)
class RegisteredView:
    """A registry entry: the view class and a factory that builds it from the course data."""

    cls: type[WhatIfView]
    factory: Callable[[], WhatIfView] = field(repr=False)

    @property
    def name(self) -> str:
        """The view's registry key."""
        return self.cls.name


_REGISTRY: dict[str, RegisteredView] = {}


def register(cls: type[WhatIfView], factory: Callable[[], WhatIfView]) -> None:
    """Add a view class and its data-loading factory to the registry.

    Parameters
    ----------
    cls : type of WhatIfView
        The view class (its ``name`` is the key).
    factory : callable
        Builds a ready view from the course data, with no arguments.

    Raises
    ------
    ParameterError
        If ``cls`` is not a :class:`WhatIfView` subclass, ``factory`` is not callable, or
        another class already uses the same name.
    """
    if not (isinstance(cls, type) and issubclass(cls, WhatIfView)):
        raise ParameterError(f"cls must be a WhatIfView subclass, got {cls!r}")
    if not callable(factory):
        raise ParameterError(f"factory must be a callable returning a {cls.__name__}, "
                             f"got {factory!r}")
    existing = _REGISTRY.get(cls.name)
    if existing is not None and existing.cls is not cls:
        raise ParameterError(f"view name {cls.name!r} is already registered by {existing.cls!r}")
    _REGISTRY[cls.name] = RegisteredView(cls, factory)


def view_modules() -> list[str]:
    """Return the modules of :mod:`helpers.views` that hold views, sorted.

    Every module of the package except ``protocol`` and private ones (``_*``) is a view module:
    a new view is found by dropping its module into the folder, with no list to update.

    Returns
    -------
    list of str
        Dotted module names.
    """
    package = Path(__file__).parent
    return sorted(f"helpers.views.{m.name}" for m in pkgutil.iter_modules([str(package)])
                  if m.name != "protocol" and not m.name.startswith("_"))


def registry() -> dict[str, RegisteredView]:
    """Import every view module and return every registered view, sorted by name.

    A view module that fails to import raises: a broken view never silently disappears.

    Returns
    -------
    dict of str to RegisteredView
    """
    for mod in view_modules():
        importlib.import_module(mod)
    return dict(sorted(_REGISTRY.items()))


def build(name: str) -> WhatIfView:
    """Build a registered view by name from the course data.

    Parameters
    ----------
    name : str
        Registry key.

    Returns
    -------
    WhatIfView

    Raises
    ------
    ParameterError
        Listing the registered names when ``name`` is unknown.
    """
    reg = registry()
    check_choice("name", name, reg)
    return reg[name].factory()
