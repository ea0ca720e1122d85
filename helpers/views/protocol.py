"""The what-if view protocol every notebook uses.

A *view* wraps a pure model (or a pure data filter) and shows its output: a figure
(:class:`WhatIfView`: one reused matplotlib :class:`~matplotlib.figure.Figure`, no pyplot state)
or a table (:class:`TableView`). A control change re-runs the model, updates the existing
artists and pushes PNG bytes into an ``ipywidgets.Image``: about 20–60 ms in the kernel,
against ~100 ms for ``interact`` drawing a new pyplot figure (measured on a 2-core machine).
Every view reports the numbers behind its output as a table (:meth:`~BaseView.summary`) and a
text alternative, which nbval compares (nbval does not compare PNGs).

Writing a view
--------------
Subclass :class:`WhatIfView`, set ``name``, ``title``, ``notebook`` and ``controls``, and
implement :meth:`~WhatIfView.setup` (create axes and artists once), :meth:`~BaseView.draw`
(update artists from the parameters), :meth:`~BaseView.summary` (the numbers on screen) and
:meth:`~BaseView.alt_text`; a :class:`TableView` implements :meth:`~TableView.table` instead of
``setup``. Views know nothing of data files: data arrive through the constructor. Register a
*factory* that builds the view from the course data with :func:`register`, in a module of its
own in ``helpers/views/`` (found without a list).

Controls are sliders (``int``, ``float``), a dropdown (``choice``), a checkbox (``bool``), a
list of which any options may be picked (``multi``) or a line of free text (``text``). Two
hooks handle rules between controls: :meth:`~BaseView.validate` refuses a combination of
values (with the controls named), and a control that declares ``depends_on`` takes its options
from :meth:`~BaseView.options_for` (a kept value that no longer fits falls back and is listed
in ``view.cleared``). Sliders redraw while dragged; values that arrive during a redraw are
coalesced, the latest wins.

Showing a view
--------------
A notebook calls :meth:`~BaseView.show` once. Its one output carries the live widget, the
rendered current state and the text alternative: with a kernel the reader gets the widget;
without one (GitHub, nbconvert HTML, a stored notebook) the rendered state, never both.

Stable hooks for tests
----------------------
The live widget carries CSS classes: ``whatif-view`` and ``whatif-view-<name>`` on the
container; ``whatif-control``, ``whatif-control-<control>`` and ``whatif-kind-<kind>`` on each
control; ``whatif-image`` on the image (``whatif-table`` on a table view's table) and
``whatif-caption`` on the text alternative. Inside the caption, an element with class
``whatif-state`` (or ``whatif-error`` after a failed redraw) carries ``data-whatif-rev`` (a
redraw counter) and ``data-whatif-params`` (the parameters as JSON). The browser tests find
views and read their state by these hooks only.
"""

from __future__ import annotations

import abc
import importlib
import io
import json
import math
import pkgutil
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
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
from helpers.plots.display import _html

__all__ = [
    "BaseView",
    "Control",
    "ControlKind",
    "RegisteredView",
    "TableView",
    "WhatIfView",
    "build",
    "register",
    "registry",
]


ControlKind = Literal["int", "float", "choice", "bool", "multi", "text"]

#: Seconds after a redraw during which a slider's new value waits for later ones (a drag
#: sends many; the latest wins).
COALESCE_S = 0.015

#: Longest free text a ``"text"`` control accepts unless it says otherwise.
TEXT_MAX_LENGTH = 80


@dataclass(frozen=True)
class Control:
    """One input of a what-if view, with its valid range and where that range comes from.

    Attributes
    ----------
    name : str
        Keyword passed to the view's model (a Python identifier).
    label : str
        Short label shown beside the widget.
    kind : {"int", "float", "choice", "bool", "multi", "text"}
        Widget type: integer or float slider, dropdown, checkbox, a list of options of which
        any number may be chosen, or a line of free text.
    default : Any
        Default value; the static figure shows this state. For ``"multi"`` a tuple of option
        values, for ``"text"`` a str.
    minimum, maximum, step : float, optional
        Range of a slider (inclusive) and its step.
    options : tuple
        Allowed values of a ``"choice"`` or ``"multi"`` control, in display order. Items may be
        ``(label, value)`` pairs.
    source : str
        Where the range comes from (a citation, a dataset, or "illustrative").
    depends_on : tuple of str
        For ``"choice"`` and ``"multi"``: the controls whose values decide this control's
        options; the view lists them in :meth:`BaseView.options_for`.
    max_length : int, optional
        Longest text a ``"text"`` control accepts (default :data:`TEXT_MAX_LENGTH`).
    examples : tuple of str
        For ``"text"``: a few values worth trying, shown as the placeholder and used by
        :meth:`sweep`.
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
    depends_on: tuple[str, ...] = ()
    max_length: int | None = None
    examples: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.isidentifier():
            raise ParameterError(f"Control name must be a Python identifier, got {self.name!r}")
        check_str("label", self.label)
        check_str("source", self.source)
        check_choice("kind", self.kind, ("int", "float", "choice", "bool", "multi", "text"))
        if not isinstance(self.options, tuple):
            raise ParameterError(f"control {self.name!r}: options must be a tuple, got "
                                 f"{self.options!r}")
        self._check_dependencies()
        if self.max_length is not None:
            if self.kind != "text":
                raise ParameterError(f"{self.kind} control {self.name!r}: max_length is for "
                                     f"text controls only, got {self.max_length!r}")
            check_int(f"Control {self.name!r} max_length", self.max_length, 1, 10_000)
        if not isinstance(self.examples, tuple) or (self.examples and self.kind != "text"):
            raise ParameterError(f"control {self.name!r}: examples must be a tuple of texts, for "
                                 f"text controls only, got {self.examples!r}")
        if self.kind in ("int", "float"):
            self._check_slider()
        else:
            for part in ("minimum", "maximum", "step"):
                if getattr(self, part) is not None:
                    raise ParameterError(f"{self.kind} control {self.name!r}: {part} is for "
                                         f"sliders only, got {getattr(self, part)!r}")
            if self.kind in ("choice", "multi"):
                if len(self.options) < 2:
                    raise ParameterError(f"{self.kind} control {self.name!r} needs at least two "
                                         "options")
                self._check_options()
            elif self.options:
                raise ParameterError(f"{self.kind} control {self.name!r}: options are for "
                                     f"choice and multi controls only, got {self.options!r}")
        self.validate(self.default)
        for example in self.examples:
            self.validate(example)

    def _check_dependencies(self) -> None:
        if not isinstance(self.depends_on, tuple) or not all(
                isinstance(d, str) and d.isidentifier() and d != self.name
                for d in self.depends_on):
            raise ParameterError(f"control {self.name!r}: depends_on must be a tuple of other "
                                 f"controls' names, got {self.depends_on!r}")
        if self.depends_on and self.kind not in ("choice", "multi"):
            raise ParameterError(f"{self.kind} control {self.name!r}: only choice and multi "
                                 f"controls can depend on others, got {self.depends_on!r}")

    def _check_slider(self) -> None:
        if self.minimum is None or self.maximum is None or self.step is None:
            raise ParameterError(f"slider control {self.name!r} needs minimum, maximum and step")
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

    @property
    def labelled_options(self) -> list[tuple[str, Any]]:
        """The options as ``(label, value)`` pairs, as the widgets list them."""
        return [o if isinstance(o, tuple) else (str(o), o) for o in self.options]

    @property
    def continuous(self) -> bool:
        """Whether the live widget sends values while the hand moves it (sliders)."""
        return self.kind in ("int", "float")

    def validate(self, value: Any) -> Any:
        """Check one value against this control's range and return it (ints coerced).

        Parameters
        ----------
        value : Any
            Candidate value.

        Returns
        -------
        Any
            The value, as ``int`` for integer controls, ``float`` for float controls and a
            tuple in the options' order for multi controls.

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
        if self.kind == "multi":
            return self._validate_multi(value)
        if self.kind == "text":
            return self._validate_text(value)
        return check_choice(self.name, value, self.values)

    def _validate_multi(self, value: Any) -> tuple[Any, ...]:
        allowed = self.values
        if not isinstance(value, (tuple, list)):
            raise ParameterError(f"{self.name} must be a tuple of any of {list(allowed)!r} "
                                 f"(possibly empty), got {type(value).__name__} {value!r}")
        for item in value:
            check_choice(f"{self.name} item", item, allowed)
        if len(set(value)) != len(value):
            raise ParameterError(f"{self.name} must list each of {list(allowed)!r} at most once, "
                                 f"got {value!r}")
        chosen = set(value)
        return tuple(v for v in allowed if v in chosen)

    def _validate_text(self, value: Any) -> str:
        limit = self.max_length or TEXT_MAX_LENGTH
        text = check_str(self.name, value, empty=True)
        if len(text) > limit or any(not ch.isprintable() for ch in text):
            raise ParameterError(f"{self.name} must be one line of printable text of at most "
                                 f"{limit} characters, got {len(text)} characters {text[:40]!r}")
        return text

    def fallback(self, value: Any) -> Any:
        """Return the value a dependent control takes when its options no longer hold ``value``.

        A choice falls back to its default (or its first option, if the default is gone); a
        multi control keeps the chosen values that are still options.
        """
        if self.kind == "multi":
            kept = set(value) if isinstance(value, (tuple, list)) else set()
            return tuple(v for v in self.values if v in kept)
        return self.default if self.default in self.values else self.values[0]

    def sweep(self, n: int = 7) -> list[Any]:
        """Return up to ``n`` valid values spanning the control's range (for tests and benchmarks).

        Parameters
        ----------
        n : int
            Number of slider positions (choice and bool controls return all their values; a
            multi control none, each option alone and all; a text control its default, its
            examples and the empty text).

        Returns
        -------
        list
        """
        check_int("n", n, 1, 1000)
        if self.kind in ("choice", "bool"):
            return list(self.values)
        if self.kind == "multi":
            return [(), *((v,) for v in self.values), self.values]
        if self.kind == "text":
            return list(dict.fromkeys([self.default, *self.examples, ""]))
        lo, hi, step = float(self.minimum), float(self.maximum), float(self.step)
        steps = round((hi - lo) / step)
        idx = sorted({round(i * steps / (n - 1)) for i in range(n)}) if n > 1 else [0]
        vals = [lo + i * step for i in idx]
        return [round(v) for v in vals] if self.kind == "int" else [round(v, 10) for v in vals]

    def make_widget(self) -> Any:
        """Build the ipywidgets control, tagged with the stable CSS classes.

        Sliders send their value while they are dragged (``continuous_update``): the view
        coalesces the values that arrive during one redraw, so the latest one wins.

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
                                  step=int(self.step), continuous_update=True, **common)
        elif self.kind == "float":
            w = widgets.FloatSlider(value=self.default, min=self.minimum, max=self.maximum,
                                    step=self.step, continuous_update=True, **common)
        elif self.kind == "choice":
            w = widgets.Dropdown(options=self.labelled_options, value=self.default, **common)
        elif self.kind == "multi":
            w = widgets.SelectMultiple(options=self.labelled_options, value=tuple(self.default),
                                       rows=min(len(self.options), 6), **common)
        elif self.kind == "text":
            hint = f"e.g. {', '.join(self.examples)}; " if self.examples else ""
            w = widgets.Text(value=self.default, continuous_update=False,
                             placeholder=f"{hint}type, then press Enter", **common)
        else:
            w = widgets.Checkbox(value=self.default, indent=False, **common)
        w.add_class("whatif-control")
        w.add_class(f"whatif-control-{self.name}")
        w.add_class(f"whatif-kind-{self.kind}")
        return w


class BaseView(abc.ABC):
    """What every view shares: typed controls, validated state, one live widget, one display.

    Subclass :class:`WhatIfView` for a view that draws a figure, :class:`TableView` for one
    that shows a table.

    Parameters
    ----------
    **params
        Initial values for some controls (the rest take their defaults); validated.
    """

    #: Registry key, also used in CSS classes.
    name: ClassVar[str]
    #: Human title shown above the widget.
    title: ClassVar[str]
    #: File name of the notebook that shows the view (for the browser test).
    notebook: ClassVar[str]
    #: What the view shows: "figure" or "table".
    output_kind: ClassVar[str]
    #: The view's inputs. A subclass may set them per instance (before calling
    #: ``super().__init__``) when options depend on its data, e.g. the actors present.
    controls: tuple[Control, ...]

    def __init__(self, **params: Any) -> None:
        self._check_controls()
        self.params: dict[str, Any] = {c.name: c.default for c in self.controls}
        #: Values of dependent controls that the last change cleared (name -> old value).
        self.cleared: dict[str, Any] = {}
        self.params, self.cleared = self._resolve(params)
        self._widget: Any = None
        self._revision = 0
        self._in_callback = False  # True while a widget callback redraws (no second sync)
        self._reverting = False  # True while the widget sets its controls back to the state
        self._pending: dict[str, Any] = {}  # widget values waiting for the next redraw
        self._flush_scheduled = False
        self._last_flush = -math.inf  # when the last widget redraw ended (perf_counter)

    # -- to implement -------------------------------------------------------------------
    @abc.abstractmethod
    def draw(self, params: Mapping[str, Any]) -> None:
        """Update the output for ``params`` (all controls present and validated)."""

    @abc.abstractmethod
    def summary(self) -> pd.DataFrame:
        """Return the numbers behind the current output, as a small table."""

    @abc.abstractmethod
    def alt_text(self) -> str:
        """Return a text alternative describing the current output for screen readers."""

    def validate(self, params: Mapping[str, Any]) -> None:
        """Refuse a combination of control values that is invalid together (optional hook).

        Called with every control's value, each already valid on its own, before a redraw;
        raise :class:`~helpers.checks.ParameterError` naming the controls involved and the
        rule. Nothing changes when it raises. The default accepts every combination.
        """
        return None

    def options_for(self, name: str, params: Mapping[str, Any]) -> tuple[Any, ...]:
        """Return the options of the dependent control ``name`` under ``params``.

        A view with a control that declares ``depends_on`` overrides this; the options must
        always include the control's default (a choice) so that the default state stays valid.
        """
        raise NotImplementedError(f"{type(self).__name__} declares control {name!r} as "
                                  "dependent but does not implement options_for()")

    # -- protocol -----------------------------------------------------------------------
    def _check_controls(self) -> None:
        names = [c.name for c in self.controls]
        if len(set(names)) != len(names):
            raise ParameterError(f"{type(self).__name__}: control names must be distinct, got "
                                 f"{names}")
        for c in self.controls:
            for d in c.depends_on:
                if d not in names or self._control(d).depends_on:
                    raise ParameterError(
                        f"{type(self).__name__}: control {c.name!r} depends on {d!r}, which "
                        f"must be one of the view's independent controls")

    def _control(self, name: str) -> Control:
        """Return the control as declared (its default options)."""
        for c in self.controls:
            if c.name == name:
                return c
        raise ParameterError(f"{type(self).__name__} has no control {name!r}; "
                             f"controls: {', '.join(c.name for c in self.controls)}")

    def control(self, name: str, params: Mapping[str, Any] | None = None) -> Control:
        """Return control ``name`` as it stands under ``params`` (default: the current state).

        A dependent control's options come from :meth:`options_for`; any other control is
        returned as declared.
        """
        base = self._control(name)
        if not base.depends_on:
            return base
        options = self.options_for(name, self.params if params is None else params)
        return base if options == base.options else replace(base, options=tuple(options))

    def _check_names(self, params: Mapping[str, Any]) -> None:
        for k in params:
            self._control(k)

    def _resolve(self, changes: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """Return the state after ``changes`` and the dependent values it clears, or raise.

        Independent controls are validated first; then each dependent control against its
        options under the new values (a value named in ``changes`` must fit them; a kept value
        that no longer fits falls back, see :meth:`Control.fallback`); then the view's
        cross-control rule (:meth:`validate`). Nothing is applied here.
        """
        self._check_names(changes)
        new = dict(self.params)
        for name, value in changes.items():
            control = self._control(name)
            if not control.depends_on:
                new[name] = control.validate(value)
        cleared: dict[str, Any] = {}
        for base in self.controls:
            if not base.depends_on:
                continue
            control = self.control(base.name, new)
            if base.name in changes:
                new[base.name] = control.validate(changes[base.name])
                continue
            try:
                kept = control.validate(new[base.name])
            except ParameterError:
                kept = control.fallback(new[base.name])
            if not _same(kept, new[base.name]):
                cleared[base.name] = new[base.name]
            new[base.name] = kept
        self.validate(dict(new))
        return new, cleared

    def _redraw(self) -> None:
        """Run :meth:`draw` on the current parameters (figure views add their style)."""
        self.draw(dict(self.params))

    def update(self, **changes: Any) -> None:
        """Validate ``changes``, apply them and redraw (without rendering the output).

        Parameters
        ----------
        **changes
            New values for some controls.

        Raises
        ------
        ParameterError
            If a value, or the combination (:meth:`validate`), is refused: nothing changes.
        """
        new, cleared = self._resolve(changes)
        previous, previous_cleared = dict(self.params), dict(self.cleared)
        self.params, self.cleared = new, cleared
        try:
            self._redraw()
        except Exception:
            # The state stays the last one drawn: the parameters, and the output as far as
            # the view can redraw it.
            self.params, self.cleared = previous, previous_cleared
            try:
                self._redraw()
            except Exception:  # the first error is the one to report
                pass
            raise
        if self._widget is not None and not self._in_callback:
            self._sync_live()

    def reset(self) -> None:
        """Return every control to its default and redraw."""
        self.update(**{c.name: c.default for c in self.controls})

    # -- output (figure or table) -------------------------------------------------------
    @abc.abstractmethod
    def snapshot(self) -> bytes:
        """Return the rendered output as bytes (PNG for a figure, UTF-8 HTML for a table)."""

    @abc.abstractmethod
    def _output_widget(self) -> Any:
        """Build the widget that shows the output (class ``whatif-image`` or ``whatif-table``)."""

    @abc.abstractmethod
    def _set_output(self, widget: Any, rendered: bytes) -> None:
        """Put a rendered output (from :meth:`snapshot`) into the output widget."""

    @abc.abstractmethod
    def _static_bundle(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """Return the current output as MIME data for readers without a kernel, and metadata."""

    # -- live widget and display --------------------------------------------------------
    def _sync_live(self) -> None:
        """Bring a displayed widget up to date after a change made from code.

        ``view.update(...)`` in a later cell would otherwise leave the live widget's controls,
        output and caption showing the old state while the view holds the new one.
        """
        ctrl_widgets, output, caption = self._live
        self._revert_widgets(ctrl_widgets)  # sets each control to the current parameters
        self._revision += 1
        caption.value = self._caption_html()
        self._set_output(output, self.snapshot())

    def widget(self) -> Any:
        """Return the live widget: controls, the output and the text alternative.

        Returns
        -------
        ipywidgets.VBox
            With CSS classes ``whatif-view`` and ``whatif-view-<name>``.
        """
        import ipywidgets as widgets

        if self._widget is not None:
            return self._widget
        ctrl_widgets = {c.name: self.control(c.name).make_widget() for c in self.controls}
        for name, w in ctrl_widgets.items():
            w.value = self.params[name]
        output = self._output_widget()
        self._set_output(output, self.snapshot())
        caption = widgets.HTML(value=self._caption_html())
        caption.add_class("whatif-caption")
        for name, w in ctrl_widgets.items():
            w.observe(lambda ch, n=name: self._on_change(n, ch["new"]), names="value")
        heading = widgets.HTML(value=f"<b>{_html(self.title)}</b>")
        box = widgets.VBox([heading, widgets.VBox(list(ctrl_widgets.values())), output, caption])
        box.add_class("whatif-view")
        box.add_class(f"whatif-view-{self.name}")
        self._live = (ctrl_widgets, output, caption)
        self._widget = box
        return box

    def _on_change(self, name: str, value: Any) -> None:
        """Queue a control widget's new value; redraw now, or soon for a slider being dragged.

        A slider's values are coalesced: a slider moved by hand sends many; one that arrives
        within :data:`COALESCE_S` of the last redraw waits that long for later ones, and only
        the latest of each control is drawn, so frames never queue up behind the handle.
        Outside a running event loop (plain Python, tests) every change redraws at once.
        """
        if self._reverting:
            return
        self._pending[name] = value
        if self._flush_scheduled:
            return
        loop = _running_loop() if self._control(name).continuous else None
        if loop is None:
            self._flush(raise_errors=True)
            return
        # A value that comes soon after a redraw waits a moment, so that the kernel takes in
        # the values already sent (each only queued here) before one redraw with the latest:
        # without it every value of a drag is drawn in turn (30 of 30 with ipykernel 7). A
        # value after a pause is drawn at once (a key press gets no delay).
        self._flush_scheduled = True
        wait = COALESCE_S - (time.perf_counter() - self._last_flush)
        if wait > 0:
            loop.call_later(wait, self._flush)
        else:
            loop.call_soon(self._flush)

    def _flush(self, raise_errors: bool = False) -> None:
        """Apply the queued widget values in one redraw; show a refusal in the view.

        The caption (with the revision and parameters) goes first, so the image never sits
        under a stale description. An error is shown in the view itself (raised in a widget
        callback it would only reach JupyterLab's log console), and every control is set
        back to the state the output shows, so no later caption can disagree with a control.
        """
        changes, self._pending, self._flush_scheduled = self._pending, {}, False
        if not changes:
            return
        try:
            self._flush_changes(changes, raise_errors)
        finally:
            self._last_flush = time.perf_counter()

    def _flush_changes(self, changes: dict[str, Any], raise_errors: bool) -> None:
        """Redraw with ``changes`` (see :meth:`_flush`)."""
        ctrl_widgets, output, caption = self._live
        self._revision += 1
        before = (dict(self.params), dict(self.cleared))
        self._in_callback = True
        try:
            self.update(**changes)
            rendered = self.snapshot()
        except Exception as exc:
            if self.params != before[0]:  # drawn, but the output failed: back to before
                self.params, self.cleared = before
            reverted = self._revert_widgets(ctrl_widgets)
            name, value = next(reversed(changes.items()))
            refusal = isinstance(exc, ParameterError)  # a value refused, not a failure
            caption.value = self._caption_html(
                error=str(exc) if refusal else f"{type(exc).__name__}: {exc}",
                refused=(name, value), reverted=reverted, refusal=refusal)
            if raise_errors:
                raise
            return
        finally:
            self._in_callback = False
        self._revert_widgets(ctrl_widgets)  # dependent controls: new options, cleared values
        caption.value = self._caption_html()
        self._set_output(output, rendered)

    def show(self) -> None:
        """Display the view once: live where widgets run, the current state where they do not.

        One output carries the live widget, the rendered current state (a PNG or an HTML
        table) and the text alternative. JupyterLab and Voilà with a kernel show the widget;
        a stored notebook (GitHub, nbconvert HTML, a reader without a kernel) shows the
        rendered state with the text alternative (as the image's ``alt``); nbval compares the
        text alternative (and a table's HTML). Call it where the notebook first shows the
        view's default state.
        """
        from IPython.display import display

        data, metadata = self._static_bundle()
        data[WIDGET_VIEW] = self.widget()._repr_mimebundle_()[WIDGET_VIEW]
        display(data, metadata=metadata, raw=True)

    def _revert_widgets(self, ctrl_widgets: Mapping[str, Any]) -> list[str]:
        """Set every control widget back to the view's state; return the names set back.

        A widget whose value differs from ``self.params`` (a refused value, from the browser
        or from code) gets the parameter's value again; a slider whose bounds were changed
        gets the control's bounds back, a list of options its current options (a dependent
        control's options follow the controls it depends on). The widgets' own change events
        are ignored meanwhile (nothing is redrawn: the output already shows ``self.params``).
        """
        reverted = []
        self._reverting = True
        try:
            for name, w in ctrl_widgets.items():
                control = self.control(name)
                if control.kind in ("int", "float"):
                    for attr in ("min", "max", "step"):
                        want = getattr(control, {"min": "minimum", "max": "maximum"}.get(
                            attr, attr))
                        if getattr(w, attr) != want:
                            setattr(w, attr, int(want) if control.kind == "int" else want)
                elif control.kind in ("choice", "multi") \
                        and [tuple(o) for o in w.options] != control.labelled_options:
                    w.options = control.labelled_options
                if not _same(w.value, self.params[name]):
                    if not _same(w.value, self.cleared.get(name, _UNSET)):
                        reverted.append(name)
                    w.value = self.params[name]
        finally:
            self._reverting = False
        return reverted

    def _caption_html(self, error: str | None = None, refused: tuple[str, Any] | None = None,
                      reverted: list[str] | None = None, refusal: bool = False) -> str:
        """Caption HTML: the text alternative, plus machine-readable state for tests.

        ``data-whatif-rev`` counts redraws (it changes even when a redraw yields the same
        output) and ``data-whatif-params`` holds the current parameters as JSON. After a
        refused value the caption says which control was set back, and to what: the output,
        the parameters and every control then show the same state. A refusal (a value out of
        range, or a combination the view's rule forbids) reads "Refused", class
        ``whatif-refused``; anything else is a failure of the view ("This view failed").
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
                if refusal:
                    note = (f" {label!r} cannot be {value!r}{back}; the view shows the controls "
                            f"as they are now.")
                else:
                    note = (f" The value {value!r} was refused{back}; the view shows the "
                            f"controls as they are now.")
                try:
                    note += f" Text alternative: {self.alt_text()}"
                except Exception:  # a view that failed to draw may fail to describe itself
                    pass
            if refusal:
                return (f'<p role="alert" class="whatif-error whatif-refused" {attrs}>'
                        f"<b>Refused:</b> {_html(error)}.{_html(note)}</p>")
            return (f'<p role="alert" class="whatif-error" {attrs}><b>This view failed:</b> '
                    f"{_html(error)}{_html(note)}</p>")
        return (f'<p role="note" class="whatif-state" {attrs}><b>Text alternative:</b> '
                f"{_html(self.alt_text())}</p>")

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"<{type(self).__name__} {self.name!r}: {args}>"


class WhatIfView(BaseView):
    """A view that draws a figure: one reused figure, typed controls, a static fallback.

    Parameters
    ----------
    **params
        Initial values for some controls (the rest take their defaults); validated.

    Notes
    -----
    Subclasses create their artists in :meth:`setup` and only *update* them in :meth:`draw`,
    keeping axes limits, titles and legends fixed where they can: text layout, not figure
    creation, is what makes a redraw slow. :mod:`helpers.plots.rendering` has cached text stamps
    and static layers, an opt-in for views with many labels.
    """

    output_kind: ClassVar[str] = "figure"
    #: Figure size in inches and resolution.
    figsize: ClassVar[tuple[float, float]] = (8.0, 4.5)
    dpi: ClassVar[int] = 100
    #: Display width of the live image in CSS pixels.
    image_width: ClassVar[int] = 800

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        with style.course_style():
            self.figure = Figure(figsize=self.figsize, dpi=self.dpi, layout="constrained")
            self._canvas = FigureCanvasAgg(self.figure)
            self.setup(self.figure)
            self.draw(dict(self.params))
            # Lay the figure out once, then freeze it: re-running constrained layout on
            # every redraw would roughly double the update time.
            self.figure.canvas.draw()
            self.figure.set_layout_engine("none")

    @abc.abstractmethod
    def setup(self, fig: Figure) -> None:
        """Create the axes and artists once."""

    def _redraw(self) -> None:
        with style.course_style():
            self.draw(dict(self.params))

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

    def snapshot(self) -> bytes:
        """Return the current figure as PNG bytes (:meth:`png`)."""
        return self.png()

    def _output_widget(self) -> Any:
        import ipywidgets as widgets

        image = widgets.Image(format="png", layout=widgets.Layout(
            width=f"{self.image_width}px", max_width="100%"))
        image.add_class("whatif-image")
        return image

    def _set_output(self, widget: Any, rendered: bytes) -> None:
        widget.value = rendered

    def _static_bundle(self) -> tuple[dict[str, Any], dict[str, Any]]:
        alt = self.alt_text()
        data = {"image/png": self.png(), "text/plain": f"[figure] {alt}"}
        return data, {"image/png": {"alt": alt, "width": self.image_width}}


class TableView(BaseView):
    """A view that shows a table (rows filtered or computed from the controls).

    Implement :meth:`draw` (compute the rows for the parameters), :meth:`table` (the rows
    shown, as a DataFrame), :meth:`summary` and :meth:`alt_text`. The live widget shows the
    table as HTML in an element with class ``whatif-table``; a reader without a kernel sees
    the same HTML, which nbval compares.
    """

    output_kind: ClassVar[str] = "table"
    #: Rows shown at most (the text alternative says how many matched).
    max_rows: ClassVar[int] = 50

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        self.draw(dict(self.params))

    @abc.abstractmethod
    def table(self) -> pd.DataFrame:
        """Return the rows the view shows for the current parameters."""

    def html(self) -> str:
        """Return the shown rows as an HTML table (escaped, without the index)."""
        rows = self.table().head(self.max_rows)
        return rows.to_html(index=False, escape=True, border=0, na_rep="",
                            classes="whatif-rows")

    def snapshot(self) -> bytes:
        """Return the current table as UTF-8 HTML bytes (:meth:`html`)."""
        return self.html().encode()

    def _output_widget(self) -> Any:
        import ipywidgets as widgets

        # A long table scrolls inside the view, so its controls and caption stay in sight.
        table = widgets.HTML(layout=widgets.Layout(max_height="420px", overflow="auto"))
        table.add_class("whatif-table")
        return table

    def _set_output(self, widget: Any, rendered: bytes) -> None:
        widget.value = rendered.decode()

    def _static_bundle(self) -> tuple[dict[str, Any], dict[str, Any]]:
        return {"text/html": self.html(), "text/plain": f"[table] {self.alt_text()}"}, {}


_UNSET = object()
#: The MIME type of a live widget's output.
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _running_loop() -> Any:
    """Return the running asyncio loop (a kernel's), or None outside one."""
    import asyncio

    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


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

    cls: type[BaseView]
    factory: Callable[[], BaseView] = field(repr=False)

    @property
    def name(self) -> str:
        """The view's registry key."""
        return self.cls.name


_REGISTRY: dict[str, RegisteredView] = {}


def register(cls: type[BaseView], factory: Callable[[], BaseView]) -> None:
    """Add a view class and its data-loading factory to the registry.

    Parameters
    ----------
    cls : type of BaseView
        The view class, a :class:`WhatIfView` or :class:`TableView` (its ``name`` is the key).
    factory : callable
        Builds a ready view from the course data, with no arguments.

    Raises
    ------
    ParameterError
        If ``cls`` is not a view class, ``factory`` is not callable, or
        another class already uses the same name.
    """
    if not (isinstance(cls, type) and issubclass(cls, BaseView)):
        raise ParameterError(f"cls must be a WhatIfView or TableView subclass, got {cls!r}")
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


def build(name: str) -> BaseView:
    """Build a registered view by name from the course data.

    Parameters
    ----------
    name : str
        Registry key.

    Returns
    -------
    BaseView

    Raises
    ------
    ParameterError
        Listing the registered names when ``name`` is unknown.
    """
    reg = registry()
    check_choice("name", name, reg)
    return reg[name].factory()
