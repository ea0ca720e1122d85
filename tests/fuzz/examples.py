"""Valid example arguments for the public callables the fuzz suite cannot call bare.

One entry per callable with a required parameter (a callable whose parameters all have
defaults needs none, unless a parameter needs a :class:`~tests.fuzz.harness.P` spec). An entry
gives a factory returning fresh keyword arguments (called once per probe: plot functions get a
new ``Axes`` each time) and, per parameter, what the annotation alone does not say:

* ``P(lo=..., hi=...)`` the valid numeric range, to probe just outside it;
* ``P(free=True)`` any str is valid (free text, labels, names the caller makes up);
* ``P(table={column: kind})`` the columns a table must have and what they hold (a kind ending
  in ``?`` marks an optional column: dropping it is fine, a bad cell in it is not);
* ``P(example=...)`` a valid value of an optional parameter, to derive nested bad values.

A public callable without an entry, while it has a required parameter, fails the suite: a new
model, plot or view function gets an entry here.
"""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from helpers import DATA_DIR, SEEDS_DIR
from tests.fuzz.harness import P

#: Frozen dataclasses the library builds and returns (results, registry entries), never takes
#: from a caller: not probed. A record with a ``__post_init__`` is not a record.
RECORDS: frozenset[str] = frozenset({
    "helpers.data.actors.Actor",
    "helpers.exercises.Verdict",
    "helpers.models.astana.BargainResult",
    "helpers.models.balance.BalanceReport",
    "helpers.models.balance.Triangle",
    "helpers.models.oil.OilResult",
    "helpers.models.sanctions.DealResult",
    "helpers.models.sanctions.DreznerResult",
    "helpers.plots.style.ActorStyle",
    "helpers.text.gazetteer.CompiledAlias",
    "helpers.text.mentions.Mention",
    "helpers.text.paragraphs.Paragraph",
    "helpers.text.paragraphs.Sentence",
    "helpers.text.quotations.Attribution",
    "helpers.text.quotations.Quotation",
    "helpers.views.protocol.RegisteredView",
})


@dataclass(frozen=True)
class Example:
    """Valid keyword arguments (a factory) and per-parameter specs of one callable."""

    make: Callable[[], dict[str, Any]]
    specs: dict[str, P] = field(default_factory=dict)
    #: Random (hypothesis) probes per callable; 0 for the slow ones (a view per call).
    random: int = 6

    def spec(self, name: str) -> P:
        return self.specs.get(name, P())


EXAMPLES: dict[str, Example] = {}


#: The exercise protocol (``helpers/exercises/__init__.py``): every ``check_N(answer)`` of a
#: notebook's module takes any answer, and ``None`` (not answered yet) is always valid.
EXERCISE_CHECK = re.compile(r"helpers\.exercises\.nb\d+\.check_\d+")


def example_for(qualname: str) -> Example | None:
    """The registry entry of a callable (an exercise check follows the protocol)."""
    if qualname in EXAMPLES:
        return EXAMPLES[qualname]
    if EXERCISE_CHECK.fullmatch(qualname):
        return Example(lambda: {"answer": None})
    return None


def ex(qualname: str, make: Callable[[], dict[str, Any]] | None = None, *, random: int = 6,
       **specs: P) -> None:
    EXAMPLES[qualname] = Example(make or dict, specs, random)


# --------------------------------------------------------------------- shared valid data


@cache
def _load(name: str) -> pd.DataFrame:
    from helpers import data

    return data.load(name)


def relations() -> pd.DataFrame:
    return _load("relations").copy()


@cache
def _relations_small() -> pd.DataFrame:
    rel = _load("relations")
    keep = {"RUS", "IRN", "TUR", "SYR", "USA"}
    rows = rel[rel["actor_a"].isin(keep) & rel["actor_b"].isin(keep)]
    return rows.reset_index(drop=True)


def relations_small() -> pd.DataFrame:
    return _relations_small().copy()


def events() -> pd.DataFrame:
    ev = _load("events")
    return ev[ev["in_start_timeline"]].reset_index(drop=True).copy()


@cache
def _mentions() -> pd.DataFrame:
    from helpers import text

    return text.mentions_frame()


def mentions() -> pd.DataFrame:
    return _mentions().copy()


@cache
def _paragraphs() -> pd.DataFrame:
    from helpers import text

    return text.paragraphs_frame()


def paragraphs() -> pd.DataFrame:
    return _paragraphs().copy()


@cache
def _gold() -> pd.DataFrame:
    from helpers import text

    return text.load_gold_mentions()


def gold() -> pd.DataFrame:
    return _gold().copy()


@cache
def _totals() -> pd.DataFrame:
    from helpers import text

    return text.mention_totals(_mentions())


def totals() -> pd.DataFrame:
    return _totals().copy()


@cache
def _counts() -> pd.DataFrame:
    from helpers import text

    table = text.mentions_per_paragraph(_mentions(), n_paragraphs=len(_paragraphs()))
    return table[["RUS", "IRN", "TUR", "USA"]]


def counts() -> pd.DataFrame:
    return _counts().copy()


@cache
def _graph() -> Any:
    from helpers import text

    return text.co_mention_graph(_mentions())


def graph() -> Any:
    return _graph().copy()


def gazetteer() -> pd.DataFrame:
    from helpers.text import gazetteer as gz

    return gz.gazetteer()


def lexicon() -> pd.DataFrame:
    from helpers import text

    return text.attribution_lexicon()


_SPARE: list[Any] = []


def _untouched(a: Any) -> bool:
    """Whether an Axes is still as ``Figure().add_subplot()`` made it (nothing drawn or set)."""
    fig = a.figure
    return (len(fig.axes) == 1 and not (fig.texts or fig.legends or fig.patches or fig.images)
            and not (a.lines or a.patches or a.texts or a.collections or a.images or a.artists
                     or a.tables or a.get_legend() or a.get_title() or a.get_xlabel()
                     or a.get_ylabel())
            and a.axison and a.get_xscale() == a.get_yscale() == "linear"
            and tuple(a.get_xlim()) == tuple(a.get_ylim()) == (0.0, 1.0)
            and a.get_navigate() and a.get_aspect() == "auto")


def ax() -> Any:
    """A fresh-looking Axes for one probe: the last one again if no probe drew on it.

    Most probes are refused before anything is drawn; making a new figure for each would cost
    about 4 ms a probe, a third of the suite's time.
    """
    if _SPARE and _untouched(_SPARE[0]):
        return _SPARE[0]
    _SPARE[:] = [Figure().add_subplot()]
    return _SPARE[0]


SIGNS = {("RUS", "IRN"): 1, ("RUS", "TUR"): 1, ("IRN", "TUR"): 1, ("TUR", "SYR"): -1,
         ("RUS", "SYR"): 1, ("IRN", "SYR"): 1}
NODES = ["RUS", "IRN", "TUR", "SYR"]


def report() -> Any:
    from helpers.models.balance import balance_report

    return balance_report(NODES, SIGNS)


IDEALS = {"RUS": (0.85, 0.35), "IRN": (0.95, 0.10), "TUR": (0.30, 0.90)}


@cache
def data_copy() -> Path:
    """A private copy of ``seeds/data`` (for the function that rewrites manifests)."""
    root = Path(tempfile.mkdtemp(prefix="fuzz-data-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    target = root / "data"
    shutil.copytree(DATA_DIR, target)
    return target


ARTICLE = SEEDS_DIR / "article.txt"

TEXT = "Putin met Raisi in Tehran. “We agree,” he said."
SPANS = P(free=True)
SIGN = P(lo=-1, hi=1)
UNIT = P(lo=0.0, hi=1.0)
MENTIONS_TABLE = {"paragraph": "pos_int", "actor_id": "str"}
RELATIONS_TABLE = {"actor_a": "str", "actor_b": "str", "sign": "sign", "coding": "str"}
GAZETTEER_TABLE = {"alias": "str", "actor_id": "str", "mention_type": "str",
                   "case_sensitive": "bool?", "person": "person?"}
EVENTS_TABLE = {"date": "date", "end_date": "opt_date", "label": "str", "category": "str",
                "actors": "actors"}

# --------------------------------------------------------------------------- checks
ex("helpers.checks.check_choice", lambda: {"name": "x", "value": "a", "options": ("a", "b")},
   name=SPANS, options=SPANS)
ex("helpers.checks.check_flag", lambda: {"name": "x", "value": True}, name=SPANS)
ex("helpers.checks.check_int", lambda: {"name": "x", "value": 3, "lo": 0, "hi": 10},
   name=SPANS, lo=P(lo=-np.inf, hi=3), hi=P(lo=3, hi=np.inf))
ex("helpers.checks.check_number", lambda: {"name": "x", "value": 0.5}, name=SPANS,
   lo=P(lo=-np.inf, hi=0.5), hi=P(lo=0.5, hi=np.inf), unit=SPANS)
ex("helpers.checks.check_point", lambda: {"name": "x", "value": (0.5, 0.5)}, name=SPANS,
   lo=P(lo=-np.inf, hi=0.5), hi=P(lo=0.5, hi=np.inf))

ex("helpers.checks.check_str", lambda: {"name": "x", "value": "a"}, name=SPANS)
ex("helpers.checks.check_instance", lambda: {"name": "x", "value": {}, "types": dict,
                                             "what": "a dict"}, name=SPANS, what=SPANS)
ex("helpers.checks.check_ids", lambda: {"name": "x", "value": ["RUS"]}, name=SPANS,
   options=P(free=True, example=("RUS", "IRN")), min_len=P(lo=0, hi=1))
ex("helpers.checks.check_path", lambda: {"name": "x", "value": ARTICLE}, name=SPANS)
ex("helpers.checks.check_frame", lambda: {"name": "x", "value": pd.DataFrame({"a": [1]}),
                                          "columns": ["a"]},
   name=SPANS, columns=SPANS, min_rows=P(lo=0, hi=1))
ex("helpers.checks.check_cells",
   lambda: {"name": "x", "frame": pd.DataFrame({"p": [1, 2]}), "column": "p", "kind": "int"},
   name=SPANS, lo=P(example=1.0))

# --------------------------------------------------------------------------- data
ex("helpers.data.actors.actor", lambda: {"actor_id": "TUR"})
ex("helpers.data.actors.actor_name", lambda: {"actor_id": "TUR"}, actor_id=SPANS)
ex("helpers.data.actors.short_name", lambda: {"actor_id": "TUR"}, actor_id=SPANS)
ex("helpers.data.actors.ordered", lambda: {"actor_ids": ["USA", "ZZZ", "RUS"]},
   actor_ids=SPANS)
ex("helpers.data.actors.ring_order", lambda: {"actor_ids": ["USA", "IRN", "RUS"]},
   actor_ids=SPANS)
ex("helpers.data.loader.load", lambda: {"name": "actors"},
   data_dir=P(example=DATA_DIR), random=3)
ex("helpers.data.loader.manifest", lambda: {"name": "actors"}, data_dir=P(example=DATA_DIR))
ex("helpers.data.loader.names", data_dir=P(example=DATA_DIR))
ex("helpers.data.loader.sha256_of", lambda: {"path": ARTICLE})
ex("helpers.data.loader.catalog", data_dir=P(example=DATA_DIR), random=0)
ex("helpers.data.loader.check_all", data_dir=P(example=DATA_DIR), random=0)
ex("helpers.data.loader.update_checksums",
   lambda: {"data_dir": data_copy(), "only": ["actors"]})

# --------------------------------------------------------------------------- exercises
ex("helpers.exercises.ok", lambda: {"exercise": "Exercise 1"}, exercise=SPANS, message=SPANS)
ex("helpers.exercises.fail", lambda: {"exercise": "Exercise 1", "hint": "look again"},
   exercise=SPANS, hint=SPANS)
ex("helpers.exercises.no_answer", lambda: {"exercise": "Exercise 1"}, exercise=SPANS)

# --------------------------------------------------------------------------- text
ex("helpers.text.paragraphs.parse_paragraphs", lambda: {"text": TEXT}, text=SPANS)
ex("helpers.text.paragraphs.sentence_spans", lambda: {"text": TEXT}, text=SPANS)
ex("helpers.text.paragraphs.split_sentences", lambda: {"text": TEXT}, text=SPANS)
ex("helpers.text.quotations.quote_spans", lambda: {"text": TEXT}, text=SPANS)
ex("helpers.text.paragraphs.to_markdown",
   paragraphs=P(example=_paragraphs(), table={"number": "pos_int", "kind": "kind",
                                              "text": "str"}))
ex("helpers.text.gazetteer.compile_gazetteer",
   table=P(example=gazetteer(), table=GAZETTEER_TABLE))
ex("helpers.text.gazetteer.validate_gazetteer", lambda: {"table": gazetteer()},
   table=P(table=GAZETTEER_TABLE))
ex("helpers.text.gazetteer.extend_gazetteer",
   lambda: {"rows": [{"alias": "the opposition", "actor_id": "SOP",
                      "mention_type": "role_description", "case_sensitive": True}]},
   rows=P(table={"alias": "str", "actor_id": "str", "mention_type": "str",
                 "case_sensitive": "bool?"}),
   base=P(example=gazetteer(), table=GAZETTEER_TABLE))
ex("helpers.text.mentions.find_mentions", lambda: {"text": TEXT}, text=SPANS,
   gazetteer=P(example=gazetteer(), table=GAZETTEER_TABLE))
ex("helpers.text.mentions.mentions", gazetteer=P(example=gazetteer(), table=GAZETTEER_TABLE))
ex("helpers.text.mentions.mentions_frame",
   gazetteer=P(example=gazetteer(), table=GAZETTEER_TABLE))
ex("helpers.text.mentions.mentions_per_paragraph", lambda: {"mentions": mentions()},
   mentions=P(table=MENTIONS_TABLE), n_paragraphs=P(lo=14, hi=10_000))
ex("helpers.text.mentions.co_mention_graph", lambda: {"mentions": mentions()},
   mentions=P(table={**MENTIONS_TABLE, "sentence": "pos_int?"}), min_weight=P(lo=1, hi=10**6))
ex("helpers.text.mentions.mention_totals", lambda: {"mentions": mentions()},
   mentions=P(table=MENTIONS_TABLE))
ex("helpers.text.mentions.links_table", lambda: {"graph": graph()},
   order=P(free=True, example=["RUS", "IRN", "TUR"]))
ex("helpers.text.quotations.attributions",
   gazetteer=P(example=gazetteer(), table=GAZETTEER_TABLE),
   lexicon=P(example=lexicon(), table={"form": "str", "lemma": "str", "category": "str",
                                       "reports_content": "bool"}))
ex("helpers.text.quotations.attributions_frame",
   gazetteer=P(example=gazetteer(), table=GAZETTEER_TABLE),
   lexicon=P(example=lexicon(), table={"form": "str", "lemma": "str", "category": "str",
                                       "reports_content": "bool"}))
ex("helpers.text.quotations.quotations", gazetteer=P(example=gazetteer(), table=GAZETTEER_TABLE))
ex("helpers.text.quotations.quotations_frame",
   gazetteer=P(example=gazetteer(), table=GAZETTEER_TABLE))
SCORED = {"paragraph": "pos_int", "start": "nonneg_int", "actor_id": "str"}


def _first_paragraphs(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["paragraph"] <= 2].reset_index(drop=True)


for _fn in ("evaluate", "false_alarms", "match_mentions", "misses"):
    ex(f"helpers.text.scoring.{_fn}",
       lambda: {"mentions": _first_paragraphs(mentions()), "gold": _first_paragraphs(gold())},
       mentions=P(table=SCORED), gold=P(table=SCORED))

# --------------------------------------------------------------------------- models
for _fn in ("balance_report", "triangle_census", "harary_is_balanced", "optimal_partitions"):
    ex(f"helpers.models.balance.{_fn}", lambda: {"nodes": list(NODES), "signs": dict(SIGNS)},
       nodes=SPANS, signs=SIGN)
ex("helpers.models.balance.frustrated_edges",
   lambda: {"nodes": list(NODES), "signs": dict(SIGNS),
            "camps": {"RUS": 1, "IRN": 1, "TUR": 1, "SYR": -1}},
   nodes=SPANS, signs=SIGN, camps=SIGN)
ex("helpers.models.balance.signs_from_frame", lambda: {"df": relations_small(),
                                                      "coding": "behaviour_2022"},
   df=P(table=RELATIONS_TABLE), nodes=P(free=True, example=["RUS", "IRN", "TUR", "SYR", "USA"]))
ex("helpers.models.balance.coding_label", lambda: {"coding": "formal"}, coding=SPANS)
ex("helpers.models.balance.coding_signs",
   lambda: {"relations": relations_small(), "coding": "behaviour_2022"},
   relations=P(table=RELATIONS_TABLE), actors=P(example=["RUS", "IRN", "TUR"]))
ex("helpers.models.balance.add_uncontested_coding", lambda: {"relations": relations_small()},
   relations=P(table={**RELATIONS_TABLE, "contested": "bool"}), name=SPANS)
ex("helpers.models.balance.evidence_table",
   lambda: {"relations": relations_small(), "coding": "behaviour_2022"},
   relations=P(table=RELATIONS_TABLE))
ex("helpers.models.balance.camp_lists", lambda: {"report": report(), "signs": dict(SIGNS)},
   signs=SIGN)
ex("helpers.models.balance.summarize",
   lambda: {"report": report(), "frustrated": [("RUS", "TUR")], "signs": dict(SIGNS)},
   signs=SIGN)

ex("helpers.models.astana.astana_bargain",
   lambda: {"ideals": dict(IDEALS), "status_quo": (0.6, 0.6)},
   ideals=P(lo=0, hi=1, free=True), status_quo=UNIT,
   weights=P(lo=0.1, hi=10, example={"RUS": 2.0}),
   unilateral=P(example=("TUR", (0.55, 0.95))))
ex("helpers.models.astana.convex_hull", lambda: {"points": [(0.5, 0.5), (1, 0), (0, 0)]},
   points=UNIT)
ex("helpers.models.astana.hull_distance",
   lambda: {"point": (0.5, 0.4), "ideals": dict(IDEALS)}, point=UNIT,
   ideals=P(lo=0, hi=1, free=True))
ex("helpers.models.astana.in_win_set",
   lambda: {"xy": [(0.5, 0.5)], "ideals": dict(IDEALS), "reversion": (0.5, 0.8)},
   xy=UNIT, ideals=P(lo=0, hi=1, free=True), reversion=UNIT)
ex("helpers.models.oil.teapot_choice",
   lambda: {"brent_usd": 100.0, "discount_usd": {"iran": 10.0, "urals": 30.0, "espo": 5.0}},
   brent_usd=P(lo=50, hi=200), discount_usd=P(lo=0, hi=40, free=True),
   friction_usd=P(lo=0, hi=15, example={"iran": 5.0}),
   quality_usd=P(lo=-5, hi=5, example={"iran": 1.0}),
   alpha_per_usd=P(lo=0, hi=1), runs_mbd=P(lo=1, hi=3), iran_offered_mbd=P(lo=0.3, hi=1.5),
   storage0_mb=P(lo=0, hi=120), days=P(lo=0, hi=180))
ex("helpers.models.oil.elasticity_of_substitution",
   lambda: {"alpha_per_usd": 0.15, "price_usd": 100.0})
ex("helpers.models.oil.tonnes_to_bpd", lambda: {"tonnes": 1e6, "days": 30.0})
ex("helpers.models.sanctions.deal_split",
   lambda: {"surplus": 100.0, "fallback_iran": 10.0, "fallback_us": 10.0},
   iran_power=P(lo=0, hi=1))
ex("helpers.models.sanctions.drezner",
   lambda: {"c_target": 5.0, "c_sender": 1.0, "abs_weight": 0.5}, abs_weight=P(lo=0, hi=1))
ex("helpers.models.sanctions.iran_fallback", lambda: {"revenue_busd": 30.0})
ex("helpers.models.sanctions.iran_oil_revenue_busd",
   lambda: {"barrels_sold_mbd": 1.0, "brent_usd": 100.0, "discount_usd": 10.0},
   barrels_sold_mbd=P(lo=0, hi=3), brent_usd=P(lo=20, hi=200), discount_usd=P(lo=0, hi=40))

# --------------------------------------------------------------------------- plots
ex("helpers.plots.display.show_figure",
   lambda: {"figure": Figure(figsize=(1, 1)), "alt_text": "A figure."}, alt_text=SPANS,
   title=P(free=True, example="T"))
ex("helpers.plots.rendering.text_pixels", lambda: {"text": "Hi"}, text=SPANS,
   fontsize=P(lo=1, hi=100), dpi=P(lo=10, hi=600))
ex("helpers.plots.rendering.TextStamp", lambda: {"xy": (10.0, 10.0), "text": "x"},
   text=SPANS, dpi=P(lo=10, hi=600))
ex("helpers.plots.rendering.StaticLayer", lambda: {"rgba": np.zeros((4, 4, 4), np.uint8)})
ex("helpers.plots.style.actor_color", lambda: {"actor_id": "IRN"},
   default=P(example="#999999"))
ex("helpers.plots.style.actor_name", lambda: {"actor_id": "IRN"}, actor_id=SPANS)
ex("helpers.plots.style.actor_style", lambda: {"actor_id": "IRN"})
ex("helpers.plots.style.check_ax", lambda: {"ax": ax()})
ex("helpers.plots.style.escape_mathtext", lambda: {"text": "$5"}, text=SPANS)
ex("helpers.plots.style.legend_handles", lambda: {"actor_ids": ["RUS", "IRN"]})
ex("helpers.plots.networks.actor_label", lambda: {"actor_id": "IRN"}, actor_id=SPANS)
ex("helpers.plots.networks.circle_positions", lambda: {"actors": ["A", "B", "C"]},
   actors=SPANS)
ex("helpers.plots.networks.camp_positions",
   lambda: {"camp_a": ["RUS", "IRN"], "camp_b": ["USA", "ISR"], "others": ["IND"],
            "ties": [("RUS", "USA"), ("RUS", "IRN")]}, camp_a=SPANS, camp_b=SPANS, others=SPANS,
   ties=SPANS)
ex("helpers.plots.networks.camp_label_anchor", lambda: {"x": 0.5, "y": -0.5},
   offset=P(lo=0, hi=10))
ex("helpers.plots.networks.order_actors", lambda: {"actors": ["USA", "RUS", "ZZZ"]},
   actors=SPANS)
ex("helpers.plots.networks.spread_order", lambda: {"actors": ["A", "B", "C", "D", "E"]},
   actors=SPANS)
ex("helpers.plots.networks.tie_key", lambda: {"a": "RUS", "b": "IRN"}, a=SPANS, b=SPANS)
ex("helpers.plots.networks.edge_width", lambda: {"weight": 1.0}, weight=P(lo=0, hi=1e6))
ex("helpers.plots.networks.draw_tie_key",
   lambda: {"fig": Figure(figsize=(4, 1)), "origin": (0.1, 0.5)}, origin=UNIT,
   width=P(lo=0.01, hi=1))
ex("helpers.plots.networks.stamp_tie_key",
   lambda: {"fig": Figure(figsize=(4, 1)), "origin": (0.1, 0.5)}, origin=UNIT)
ex("helpers.plots.networks.plot_signed_network",
   lambda: {"ax": ax(), "nodes": list(NODES), "signs": dict(SIGNS)},
   nodes=SPANS, signs=SIGN,
   positions=P(example={"RUS": (0.0, 1.0), "IRN": (1.0, 0.0), "TUR": (0.0, -1.0),
                        "SYR": (-1.0, 0.0)}),
   emphasize=P(example=[("RUS", "TUR")]), labels=P(free=True, example={"RUS": "Russia"}))
ex("helpers.plots.timeline.actors_in", lambda: {"events": events()},
   events=P(table={"actors": "actors"}))
ex("helpers.plots.timeline.plot_timeline", lambda: {"ax": ax(), "events": events()},
   events=P(table=EVENTS_TABLE), highlight=P(example="TUR"))
ex("helpers.plots.mentions.plot_mention_totals", lambda: {"ax": ax(), "totals": totals()},
   totals=P(table={"actor_id": "str", "name": "str", "mentions": "pos_int"}))
ex("helpers.plots.mentions.mention_totals_figure", lambda: {"totals": totals()},
   totals=P(table={"actor_id": "str", "name": "str", "mentions": "pos_int"}))
ex("helpers.plots.mentions.totals_alt_text", lambda: {"totals": totals()},
   totals=P(table={"name": "str", "mentions": "pos_int"}), top=P(lo=1, hi=10**6))
ex("helpers.plots.mentions.plot_mentions_per_paragraph",
   lambda: {"ax": ax(), "counts": counts(), "actor": "RUS"},
   kinds=P(example=list(_paragraphs()["kind"])))
ex("helpers.plots.mentions.draw_co_mention_key", lambda: {"ax": ax()},
   mentions=P(lo=1, hi=1000, example=[1, 10, 30]), weights=P(lo=1, hi=1000, example=[2, 5, 20]))
ex("helpers.plots.mentions.plot_co_mentions", lambda: {"ax": ax(), "graph": graph()},
   actor=P(example="RUS"), order=P(free=True, example=None))
ex("helpers.plots.balance.plot_balance",
   lambda: {"ax": ax(), "relations": relations_small(), "coding": "behaviour_2022",
            "actors": ["RUS", "IRN", "TUR", "SYR", "USA"]},
   relations=P(table=RELATIONS_TABLE))
ex("helpers.plots.balance.camp_labels",
   lambda: {"camp_a": ["RUS", "IRN"], "camp_b": ["USA"], "untied": ["IND"]})
ex("helpers.plots.balance.codings_alt_text",
   lambda: {"relations": relations_small(), "codings": ["behaviour_2022", "formal"],
            "actors": ["RUS", "IRN", "TUR", "SYR", "USA"]},
   relations=P(table=RELATIONS_TABLE))
ex("helpers.plots.balance.plot_sign_matrix",
   lambda: {"ax": ax(), "camp_a": ["RUS", "IRN"], "camp_b": ["USA"],
            "signs": {("RUS", "IRN"): 1, ("RUS", "USA"): -1}},
   signs=SIGN, others=P(example=["IND"]), emphasize=P(example=[("RUS", "USA")]))
ex("helpers.plots.balance.sign_matrix_figure",
   lambda: {"camp_a": ["RUS", "IRN"], "camp_b": ["USA"],
            "signs": {("RUS", "IRN"): 1, ("RUS", "USA"): -1}},
   signs=SIGN, others=P(example=["IND"]), emphasize=P(example=[("RUS", "USA")]), random=3)
ex("helpers.plots.balance.codings_figure",
   lambda: {"relations": relations_small(), "codings": ["behaviour_2022", "formal"],
            "actors": ["RUS", "IRN", "TUR", "SYR", "USA"]},
   relations=P(table=RELATIONS_TABLE), random=3)

# --------------------------------------------------------------------------- views
ex("helpers.views.protocol.Control",
   lambda: {"name": "x", "label": "X", "kind": "int", "default": 1, "minimum": 0,
            "maximum": 10, "step": 1},
   name=SPANS, label=SPANS, source=SPANS, step=P(lo=1e-9, hi=10))
ex("helpers.views.protocol.build", lambda: {"name": "timeline"}, random=3)


def _timeline_register() -> dict[str, Any]:
    from helpers.views import timeline

    return {"cls": timeline.TimelineView, "factory": timeline.default_view}


ex("helpers.views.protocol.register", _timeline_register)
ex("helpers.views.timeline.TimelineView", lambda: {"events": events()},
   events=P(table=EVENTS_TABLE), random=2)
ex("helpers.views.article_mentions.ArticleMentionsView",
   lambda: {"mentions": mentions()[["paragraph", "sentence", "actor_id"]],
            "paragraphs": paragraphs()[["number", "kind"]]},
   mentions=P(table={**MENTIONS_TABLE, "sentence": "pos_int"}),
   paragraphs=P(table={"number": "pos_int", "kind": "kind"}), random=2)
ex("helpers.views.alliances.AlliancesView", lambda: {"relations": relations_small()},
   relations=P(table=RELATIONS_TABLE), actors=P(example=["RUS", "IRN", "TUR", "SYR"]),
   toggles=P(free=True), random=2)

# ------------------------------------------------- plot modules of notebooks 03-05
# Written beside those modules (helpers/plots/astana.py, oil.py, sanctions.py), from their
# unit tests; their owners may refine them.

CUTOFF = pd.Timestamp("2022-07-19")
OPTION = ("TUR", (0.55, 0.95))


def _bargain() -> Any:
    from helpers.models.astana import astana_bargain

    return astana_bargain(IDEALS, (0.6, 0.6), unilateral=OPTION)


def _bargain_args(with_ax: bool = False) -> dict[str, Any]:
    out = {"ideals": dict(IDEALS), "status_quo": (0.6, 0.6), "result": _bargain(),
           "option": OPTION, "option_on": True}
    return {"ax": ax(), **out} if with_ax else out


BARGAIN = {"ideals": P(lo=0, hi=1, free=True), "status_quo": UNIT,
           "option": P(example=OPTION), "weights": P(lo=0.1, hi=10, example={"TUR": 2.0})}
#: The figures draw each actor in its registry colour and marker: ideals' keys are actor ids.
BARGAIN_DRAWN = {**BARGAIN, "ideals": P(lo=0, hi=1)}
ROUNDS_TABLE = {"round": "pos_int", "date": "date", "city": "str", "approximate": "bool"}
#: ``city`` may be missing (a video summit), so it is left out; ``format`` is a closed set.
SUMMITS_TABLE = {"summit": "pos_int", "date": "date", "format": "kind"}
TIMELINE = {"rounds": P(table=ROUNDS_TABLE), "summits": P(table=SUMMITS_TABLE),
            "milestones": P(table={"date": "date", "label": "str"}), "spans": SPANS,
            "lines": SPANS}


def _participation() -> dict[str, Any]:
    held = pd.DataFrame({1: [True, True, False], 2: [True, True, True], 3: [True, False, True]},
                        index=["RUS", "USA", "JOR"])
    named = pd.DataFrame({1: [False, True, False], 2: [False, False, True],
                          3: [False, False, False]}, index=held.index)
    roles = pd.Series({"RUS": "guarantor", "USA": "observer", "JOR": "observer"})
    return {"held": held, "named": named, "roles": roles}


def _rounds() -> dict[str, Any]:
    rounds = pd.DataFrame({"round": [1, 2, 3], "city": ["Astana", "Sochi", "Astana"],
                           "date": pd.to_datetime(["2017-01-23", "2018-07-30", "2022-11-22"]),
                           "approximate": [False, False, True]})
    summits = pd.DataFrame({"summit": [1, 2], "date": pd.to_datetime(["2017-11-22", "2020-07-01"]),
                            "city": ["Sochi", None], "format": ["in_person", "video"]})
    milestones = pd.DataFrame({"date": pd.to_datetime(["2017-05-04"]), "label": ["Memorandum"]})
    return {"rounds": rounds, "summits": summits, "milestones": milestones,
            "article_date": CUTOFF,
            "spans": [(pd.Timestamp("2019-12-11"), pd.Timestamp("2021-02-16"), "gap")],
            "lines": [(pd.Timestamp("2019-03-23"), "renamed")]}


def _frozen_bargain() -> dict[str, Any]:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from helpers.plots import astana as ap

    fig = Figure(figsize=(6, 4), dpi=100)
    canvas = FigureCanvasAgg(fig)
    axes = fig.add_axes((0.1, 0.1, 0.5, 0.8))
    ap.plot_bargain(axes, IDEALS, (0.6, 0.6), _bargain(), option=OPTION, option_on=True)
    return {"ax": axes, "canvas": canvas}


def _stamps() -> dict[str, Any]:
    from helpers.plots import astana as ap

    made = _frozen_bargain()
    return {"ax": made["ax"], "stamps": ap.freeze_bargain(made["ax"], made["canvas"])}


ex("helpers.plots.astana.plot_participation", lambda: {"ax": ax(), **_participation()},
   after_round=P(lo=1, hi=3))
ex("helpers.plots.astana.participation_figure", _participation, after_round=P(lo=1, hi=3),
   random=3)
ex("helpers.plots.astana.plot_rounds_timeline", lambda: {"ax": ax(), **_rounds()}, **TIMELINE)
ex("helpers.plots.astana.timeline_figure", _rounds, **TIMELINE, random=3)
ex("helpers.plots.astana.winset_mask",
   lambda: {"ideals": dict(IDEALS), "reversion": OPTION[1], "resolution": 20},
   ideals=P(lo=0, hi=1, free=True), reversion=UNIT, resolution=P(lo=2, hi=400))
ex("helpers.plots.astana.winset_polygon",
   lambda: {"ideals": dict(IDEALS), "reversion": OPTION[1], "samples": 90},
   ideals=P(lo=0, hi=1, free=True), reversion=UNIT, samples=P(lo=8, hi=5000))
ex("helpers.plots.astana.plot_bargain", lambda: _bargain_args(with_ax=True), **BARGAIN_DRAWN)
ex("helpers.plots.astana.update_bargain",
   lambda: {"ax": _frozen_bargain()["ax"], **_bargain_args()}, **BARGAIN_DRAWN, random=3)
ex("helpers.plots.astana.bargain_figure", _bargain_args, **BARGAIN_DRAWN, title=SPANS,
   random=3)
ex("helpers.plots.astana.panel_lines", _bargain_args, **BARGAIN)
ex("helpers.plots.astana.bargain_table", _bargain_args, **BARGAIN)
ex("helpers.plots.astana.bargain_alt_text", _bargain_args, **BARGAIN)
ex("helpers.plots.astana.freeze_bargain", _frozen_bargain, random=2)
ex("helpers.plots.astana.place_stamps", _stamps, random=2)


def _brent() -> pd.DataFrame:
    return _load("brent_monthly").copy()


def _urals() -> pd.DataFrame:
    return _load("urals_monthly").copy()


@cache
def _gaps() -> pd.DataFrame:
    from helpers.plots import oil as op

    return op.urals_gap(_load("urals_monthly"), _load("brent_monthly"), CUTOFF)


def _estimates() -> pd.DataFrame:
    est = _load("iran_crude_exports_estimates")
    return est[(est["period_end"] < CUTOFF) & (est["period_start"].dt.year >= 2021)].copy()


def _imports() -> pd.DataFrame:
    imp = _load("china_crude_imports_russia")
    rows = imp[(imp["supplier"] == "RUS") & (imp["period_type"] == "month")
               & (imp["period_start"].dt.year == 2022)].copy()
    rows["top_supplier"] = rows["notes"].fillna("").str.contains("top supplier")
    return rows


@cache
def _points() -> pd.DataFrame:
    from helpers.plots import oil as op

    return op.storage_points(_load("iran_floating_storage"), origin="FS02")


MARKS = {"invasion, 24 Feb 2022": pd.Timestamp("2022-02-24"), "article": CUTOFF}
REUTERS = (pd.Timestamp("2022-04-01"), pd.Timestamp("2022-06-30"), 34.85)


def _band() -> pd.DataFrame:
    from helpers.plots import oil as op

    return op.tracker_band(_estimates())


#: The columns each oil table must have (value, value_low and value_high of the estimates may
#: be missing, so they are checked by the module, not listed here). Mark labels, the Reuters
#: note and the reference line's label are free text.
BRENT_TABLE = {"date": "date", "price": "number"}
URALS_TABLE = {"period_start": "date", "period_end": "date", "period_type": "str",
               "measure": "str", "value": "number", "derived": "bool", "sources": "str"}
GAPS_TABLE = {"period": "str", "start": "date", "end": "date", "urals": "number",
              "gap_usd": "number", "before_article": "bool", "published_later": "bool?"}
IMPORTS_TABLE = {"row_id": "str", "period_start": "date", "period_end": "date",
                 "mbpd": "number", "top_supplier": "bool", "published_later": "bool?"}
ESTIMATES_TABLE = {"period_start": "date", "period_end": "date", "measure": "str",
                   "unit": "str", "tracker": "str"}
BAND_TABLE = {"measure": "str", "period_start": "date", "period_end": "date",
              "lowest": "number", "highest": "number"}
STORAGE_TABLE = {"row_id": "str", "measure": "str", "as_of": "str", "value": "number",
                 "qualifier": "str", "tracker": "str", "reporting_outlet": "str",
                 "location": "str", "sources": "str"}
RECORD_TABLE = {"row_id": "str", "value": "number", "qualifier": "str", "tracker": "str",
                "reporting_outlet": "str", "location": "str", "start": "date", "end": "date"}
PATH_TABLE = {"row_id": "str", "value": "number", "tracker": "str", "reporting_outlet": "str",
              "location": "str", "day_lo": "number", "day_hi": "number", "day_mid": "number"}
OIL_MARKS = P(free=True, example={"article": CUTOFF})
REFERENCE = P(free=True, example=("2021 average", 1.59))

ex("helpers.plots.oil.tracker_label", lambda: {"tracker": "Kpler"}, tracker=SPANS)
ex("helpers.plots.oil.urals_gap", lambda: {"urals": _urals(), "brent": _brent(),
                                           "cutoff": CUTOFF},
   urals=P(table=URALS_TABLE), brent=P(table=BRENT_TABLE))
ex("helpers.plots.oil.plot_prices",
   lambda: {"ax": ax(), "brent": _brent(), "gaps": _gaps().copy(), "cutoff": CUTOFF,
            "marks": dict(MARKS)},
   brent=P(table=BRENT_TABLE), gaps=P(table=GAPS_TABLE), marks=OIL_MARKS)
ex("helpers.plots.oil.plot_gap", lambda: {"ax": ax(), "gaps": _gaps().copy()},
   gaps=P(table=GAPS_TABLE), reuters_avg=P(example=REUTERS), reuters_note=SPANS)
ex("helpers.plots.oil.prices_figure",
   lambda: {"brent": _brent(), "gaps": _gaps().copy(), "cutoff": CUTOFF, "marks": dict(MARKS)},
   brent=P(table=BRENT_TABLE), gaps=P(table=GAPS_TABLE), marks=OIL_MARKS,
   reuters_avg=P(example=REUTERS), reuters_note=SPANS, random=3)
ex("helpers.plots.oil.plot_imports", lambda: {"ax": ax(), "imports": _imports(),
                                              "cutoff": CUTOFF},
   imports=P(table=IMPORTS_TABLE), reference=REFERENCE)
ex("helpers.plots.oil.imports_figure", lambda: {"imports": _imports(), "cutoff": CUTOFF},
   imports=P(table=IMPORTS_TABLE), reference=REFERENCE, random=3)
ex("helpers.plots.oil.tracker_band", lambda: {"estimates": _estimates()},
   estimates=P(table=ESTIMATES_TABLE))
ex("helpers.plots.oil.plot_tracker_estimates",
   lambda: {"ax": ax(), "estimates": _estimates(), "measure": "export_rate", "band": _band()},
   estimates=P(table={**ESTIMATES_TABLE, "row_id": "str"}), band=P(table=BAND_TABLE))
ex("helpers.plots.oil.trackers_figure",
   lambda: {"estimates": _estimates(), "band": _band()},
   estimates=P(table={**ESTIMATES_TABLE, "row_id": "str"}), band=P(table=BAND_TABLE),
   marks=OIL_MARKS, random=3)
ex("helpers.plots.oil.wording_window", lambda: {"as_of": "early April 2022"})
ex("helpers.plots.oil.storage_points",
   lambda: {"storage": _load("iran_floating_storage").copy(), "origin": "FS02"},
   storage=P(table=STORAGE_TABLE))
ex("helpers.plots.oil.plot_storage_record",
   lambda: {"ax": ax(), "points": _points().copy(), "marks": {"article": CUTOFF}},
   points=P(table=RECORD_TABLE), marks=OIL_MARKS)
ex("helpers.plots.oil.storage_record_figure",
   lambda: {"points": _points().copy(), "marks": {"article": CUTOFF}},
   points=P(table=RECORD_TABLE), marks=OIL_MARKS, random=3)
# Storage has no upper bound: the view's paths reach 120 + 1.5 x 180 = 390 mb.
ex("helpers.plots.oil.plot_storage_path",
   lambda: {"ax": ax(), "storage_mb": [22.0, 23.0, 24.0], "points": _points().copy()},
   storage_mb=P(lo=0), points=P(table=PATH_TABLE))
ex("helpers.plots.oil.plot_grade_volumes",
   lambda: {"ax": ax(), "grades": ["a", "b"], "volumes": [0.5, 1.0], "labels": ["A", "B"],
            "colors": ["#0072B2", "#E69F00"]},
   grades=SPANS, labels=SPANS, volumes=P(lo=0, hi=10), offered=P(lo=0, hi=10, example=("b", 1.2)))


def _zoom() -> dict[str, Any]:
    fig = Figure(figsize=(3, 2), dpi=50)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    axes = fig.add_subplot()
    (line,) = axes.plot([0, 1], [0, 1])
    return {"fig": fig, "axes": [axes], "dynamic": [line],
            "set_zoom": lambda key: axes.set_xlim(0, key)}


ex("helpers.plots.oil.ZoomBackgrounds", _zoom, random=2)


def _deals() -> dict[str, Any]:
    from helpers.models.sanctions import MODES, deal_split

    return {m: deal_split(100.0, 30.0, 10.0, 0.5, m) for m in MODES}


def _sanction_events() -> pd.DataFrame:
    return pd.DataFrame({
        "event_id": ["SE01", "SE05", "SE16"],
        "date": pd.to_datetime(["2015-07-14", "2018-05-08", "2022-08-08"]),
        "date_precision": ["day", "day", "day"],
        "measure": ["agreement", "withdrawal", "talks"],
        "label": ["Deal ($)", "US leaves", "Final text"],
        "after_article": [False, False, True],
    })


def _brent_marks() -> dict[str, Any]:
    brent = pd.DataFrame({"date": pd.to_datetime(["2022-01-15", "2022-02-15", "2022-03-15"]),
                          "price": [86.51, 97.13, 117.25]})
    marks = pd.DataFrame({"date": pd.to_datetime(["2022-02-24", "2022-03-08"]),
                          "label": ["invasion", "US ban"]})
    return {"brent": brent, "marks": marks}


INPUTS = {"brent_usd": 122.71, "discount_usd": 10.0, "barrels_mbd": 0.84,
          "russian_support_busd": 0.0, "iran_power": 0.5, "mode": "outside"}


def _share_ax() -> Any:
    from helpers.plots import sanctions as sp

    axes = ax()
    sp.plot_share_curves(axes, 100.0, 10.0, 0.5, 34.0, "impasse")
    return axes


def _split_ax() -> Any:
    from helpers.plots import sanctions as sp

    axes = ax()
    sp.plot_split_bars(axes, _deals(), 100.0, "outside")
    return axes


#: The domain of helpers.models.sanctions.deal_split, which these plots document as theirs:
#: S > 0 (the smallest float above 0 stands for the open bound), fallbacks >= 0, no upper bound.
POSITIVE = P(lo=5e-324)
SHARE = {"surplus": POSITIVE, "fallback_us": P(lo=0),
         "iran_power": P(lo=0, hi=1), "fallback_iran": P(lo=0)}
SANCTION_EVENTS = {"event_id": "str", "date": "date", "date_precision": "str", "measure": "str",
                   "label": "str", "after_article": "bool"}
SANCTION_BRENT = {"brent": P(table={"date": "date", "price": "number"}),
                  "marks": P(table={"date": "date", "label": "str"}),
                  "label_dates": P(example=["2022-03-15"])}

ex("helpers.plots.sanctions.by_gid", lambda: {"ax": ax()})
ex("helpers.plots.sanctions.date_text",
   lambda: {"date": pd.Timestamp("2022-03-01"), "precision": "month"})
ex("helpers.plots.sanctions.plot_jcpoa_timeline",
   lambda: {"ax": ax(), "events": _sanction_events()}, events=P(table=SANCTION_EVENTS))
ex("helpers.plots.sanctions.timeline_figure", lambda: {"events": _sanction_events()},
   events=P(table=SANCTION_EVENTS), random=3)
ex("helpers.plots.sanctions.plot_brent", lambda: {"ax": ax(), **_brent_marks()},
   **SANCTION_BRENT)
ex("helpers.plots.sanctions.brent_figure", _brent_marks, **SANCTION_BRENT, random=3)
ex("helpers.plots.sanctions.share_curve",
   lambda: {"surplus": 100.0, "fallback_us": 10.0, "iran_power": 0.4, "mode": "outside",
            "fallback_max": 120.0}, **SHARE, fallback_max=POSITIVE, n=P(lo=2, hi=10_000))
ex("helpers.plots.sanctions.plot_share_curves",
   lambda: {"ax": ax(), "surplus": 100.0, "fallback_us": 10.0, "iran_power": 0.5,
            "fallback_iran": 34.0}, **SHARE, unit=SPANS, fallback_max=POSITIVE)
ex("helpers.plots.sanctions.set_share_state",
   lambda: {"ax": _share_ax(), "surplus": 100.0, "fallback_us": 10.0, "iran_power": 0.3,
            "fallback_iran": 70.0, "active": "outside"}, **SHARE)
# ``results`` are deal_split(100, ...): a surplus other than 100 is refused (cross-argument).
ex("helpers.plots.sanctions.plot_split_bars",
   lambda: {"ax": ax(), "results": _deals(), "surplus": 100.0}, surplus=POSITIVE, unit=SPANS)
ex("helpers.plots.sanctions.set_split_bars",
   lambda: {"ax": _split_ax(), "results": _deals(), "surplus": 100.0, "active": "outside"},
   surplus=POSITIVE)
ex("helpers.plots.sanctions.panel_text",
   lambda: {"inputs": dict(INPUTS), "revenue": 34.56, "fallback": 34.56, "surplus": 100.0,
            "fallback_us": 10.0, "results": _deals(), "active": "outside"},
   revenue=P(lo=0), fallback=P(lo=0), surplus=POSITIVE, fallback_us=P(lo=0))
ex("helpers.plots.sanctions.describe",
   lambda: {"inputs": dict(INPUTS), "revenue": 34.56, "fallback": 34.56, "surplus": 100.0,
            "fallback_us": 10.0, "results": _deals()},
   revenue=P(lo=0), fallback=P(lo=0), surplus=POSITIVE, fallback_us=P(lo=0))


def _freeze() -> dict[str, Any]:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = Figure(figsize=(3, 2), dpi=50)
    FigureCanvasAgg(fig)
    axes = fig.add_subplot()
    (line,) = axes.plot([0, 1], [0, 1])
    return {"fig": fig, "live": {line}}


ex("helpers.plots.sanctions.freeze_static", _freeze, random=2)


# ------------------------------------------------- views of notebooks 03-05 (their factories)


def _oil_view() -> dict[str, Any]:
    from helpers.plots import oil as op

    points = op.storage_points(_load("iran_floating_storage"), origin="FS02")
    storage0 = float(points.set_index("row_id").loc["FS02", "value"])
    return {"points": points, "storage0_mb": storage0, "brent_usd": 105.0}


ex("helpers.views.astana.AstanaView", lambda: {"guarantors": ["RUS", "IRN", "TUR"]},
   ideals=P(lo=0, hi=1, free=True), status_quo=UNIT, option=P(example=OPTION), random=2)
ex("helpers.views.oil.OilView", _oil_view, points=P(table={**PATH_TABLE, "as_of": "str"}),
   storage0_mb=P(lo=0, hi=120), brent_usd=P(lo=60, hi=130), random=2)
ex("helpers.views.sanctions.SanctionsView", lambda: {"brent_usd": 110.0, "barrels_kbd": 840},
   brent_source=SPANS, barrels_source=SPANS, random=2)


# --------------------------------------------------------------------- claims (notebook 00)

CLAIMS_TABLE = {"claim_no": "pos_int", "paragraph": "pos_int_or_missing", "fragment": "str",
                "problem": "str_or_missing", "correction": "str_or_missing", "verdict": "verdict"}


def claims() -> pd.DataFrame:
    return _load("article_claims").copy()


ex("helpers.text.claims.filter_claims", lambda: {"claims": claims()},
   claims=P(table=CLAIMS_TABLE), query=P(free=True), first=P(lo=1, hi=99), last=P(lo=1, hi=99))
ex("helpers.text.claims.verdict_counts",
   lambda: {"shown": claims().head(5), "claims": claims()},
   shown=P(table=CLAIMS_TABLE), claims=P(table=CLAIMS_TABLE))
ex("helpers.views.claims.ClaimsView", lambda: {"claims": claims(), "paragraphs": 14},
   claims=P(table={**CLAIMS_TABLE, "sources": "str", "after_article": "bool"}),
   paragraphs=P(lo=2, hi=99), random=2)


# ------------------------------------------------------------------ known gaps, listed

#: Public callables that do not yet refuse every bad input clearly, each marked as an expected
#: failure. The mark is strict: a callable that becomes clean fails until it is removed from
#: this list. Empty now: every public callable of ``helpers`` passes; a module written before
#: its checks may be listed here for a while, never silently skipped.
NOT_YET_VALIDATED: frozenset[str] = frozenset()
