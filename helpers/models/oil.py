"""Oil displacement: a teapot refiner's logit choice of crude, and Iran's floating storage.

The oil notebook asks whether discounted Russian crude pushed Iranian crude out of China's
independent ("teapot") refineries in 2022, so that unsold Iranian barrels piled up on tankers at
anchor in Asia. This module is the pure model behind that what-if widget. It has two parts.

**1. Which crude the refiners buy (multinomial logit; McFadden 1974).** The grades ``j`` are the
keys of ``discount_usd``. The notebook uses Iranian, Russian and "other" crude, the last being a
non-sanctioned benchmark such as Oman or Basrah. The delivered net cost of grade ``j`` in $/bbl is

    c_j = Brent - discount_j + friction_j - quality_j

where ``friction_j`` is the extra cost of buying the grade (sanctions risk, ship-to-ship
transfers, payment and insurance, extra freight) and ``quality_j`` is the value of the grade to
the refinery slate, both in $/bbl. The teapots' crude runs ``R`` (mb/d) are split by logit shares

    s_j = exp(-alpha * c_j) / sum_k exp(-alpha * c_k),       demand_j = R * s_j   (mb/d),

with ``alpha`` the price sensitivity per $/bbl (Anderson, de Palma & Thisse 1992; Train 2009).
Brent is common to every grade, so it cancels from the shares. The code subtracts it (and then
the cheapest remaining cost) *before* exponentiating, so the shares are computed stably and do not
depend on the Brent level at all, even in floating point. Two consequences students should see:
only cost *differences* matter, and the ratio of any two shares does not depend on a third grade
(independence of irrelevant alternatives, IIA). IIA is a strong assumption when Iranian and
Russian medium-sour grades are closer substitutes for each other than for light sweet crude. A
nested logit would relax it at the cost of one more parameter.

On the validated domain every net-cost gap is at most 65 $/bbl and ``alpha <= 1``, so every share
is at least about ``exp(-65) ~ 6e-29 > 0``: no share underflows to zero.

**2. Where the unsold Iranian barrels go (stock-flow of floating storage, one-day steps).** With
``D = R * s_iran`` the teapots' demand for Iranian crude and ``O`` the Iranian barrels loaded for
sale (both mb/d), and ``F_t`` the Iranian crude afloat (mb), for days ``t = 0 .. days - 1``:

    delivered_t = min(D, O + F_t),       F_{t+1} = F_t + O - delivered_t,       F_0 = storage0_mb.

This has the closed form ``F_t = F_0 + (O - D) t`` if ``D <= O`` (storage fills at the unsold rate
``O - D``), else ``F_t = max(0, F_0 - (D - O) t)`` (storage drains at ``D - O`` until it is
empty, after which only ``O`` is delivered). The code evaluates the closed form for the whole
horizon at once and derives ``delivered_t`` from it. Mass is conserved exactly:
``F_T - F_0 = T * O - sum_t delivered_t``.

**Stated simplifications.** Demand for Iranian crude that cannot be met once storage is empty is
*not* reallocated to other grades. The run level ``R`` is fixed, so refinery margins and China's
import-quota system are ignored. Discounts are given, not set by sellers. Friction and quality
terms are guesses unless calibrated. Customs data undercount Iranian barrels, which are often
relabelled (e.g. as Malaysian).

**Units.** $/bbl = US dollars per barrel; mb/d = million barrels per day; mb = million barrels;
revenue in million $ per day (mb/d times $/bbl).

**Where the numbers come from.** ``DOMAIN`` holds the ranges that every argument is validated
against. ``SLIDERS`` holds the (sometimes narrower) ranges that the widget offers. Each entry
carries its unit and source. The market facts behind them (2022 unless stated):

* Brent: $78 on 3 Jan, about $124 spot in the first week of March, Dated Brent $127.9 on 13 June,
  2022 average $100 (EIA *Today in Energy*, 4 Jan 2023; EIA *STEO*, Mar 2022; IEA *Oil Market
  Report*, 15 Jun 2022). The 2022 intraday high was $139.13 (Brent futures, 7 Mar 2022).
* Discounts to Brent: Urals about $35/bbl (34%) below Brent in early April 2022 (PIIE chart, Aug
  2022) and about $22 in early July; Iranian crude in China about $10 below Brent in early July
  2022 vs $4-5 before the invasion of Ukraine (both July figures: Bloomberg, 4 Jul 2022).
* Iranian exports: 840 kb/d in Q1 2022, almost all to China (Kpler, via Reuters, 9 May 2022),
  hence the default ``iran_offered_mbd = 0.85``.
* Floating storage near Singapore: 22 mb in early April 2022, 37 mb by mid-May, "nearly 40
  million barrels" on tankers in Asia (Kpler, via Reuters, 19 May 2022), hence the default
  ``storage0_mb = 22``. About 120 mb of Iranian crude were on the water in 2025 (Kpler, Vortexa).
* Teapot runs: teapots hold about a quarter of China's 16.46 mb/d refining capacity (2021, OPEC
  *Annual Statistical Bulletin* 2022) and ran at under half capacity in April 2022 (Reuters, 9 May
  2022). The default ``runs_mbd = 1.8`` is an **illustrative assumption** in that range.
* Price sensitivity: for the logit the elasticity of substitution between two grades is about
  ``alpha * p`` (see :func:`elasticity_of_substitution`), so ``alpha ~ sigma / p``. Crude-oil
  Armington elasticities (Armington 1969; GTAP's defaults, about 5 to 10, not verified here;
  Balistreri, Al-Qahtani & Dahl 2010 find larger ones) give ``sigma`` from 3 to 30 and, with
  ``p ~ $100``, ``alpha`` from about 0.03 to 0.30 per $/bbl. The default ``alpha = 0.15`` is
  **illustrative**: it was tuned so that the example below roughly reproduces Kpler's storage
  build. It is not an estimate.
* Friction and quality ranges are **illustrative assumptions** with no source.

**Calibration example (a tuned illustration, not an estimate).** With Brent $105, discounts
iran 10 / russia 20 / other 0, no friction, a quality premium of $3.3 for Iran only and the
defaults otherwise, the shares are about 0.259 / 0.706 / 0.035. That leaves 0.385 mb/d of Iranian
crude unsold, so storage rises from 22 to about 39 mb in 45 days. Kpler observed 22 -> 37 mb.
Discount, friction and quality enter only through their sum, and one storage figure cannot pin
down both ``alpha`` and a premium: fix one before fitting the other.

Nothing here reads a file, plots, or changes global state; importing the module has no side
effects.

References
----------
.. [1] McFadden, D. (1974). Conditional logit analysis of qualitative choice behavior. In
   P. Zarembka (ed.), *Frontiers in Econometrics*, Academic Press, 105-142.
.. [2] Anderson, S. P., de Palma, A. & Thisse, J.-F. (1992). *Discrete Choice Theory of Product
   Differentiation.* MIT Press.
.. [3] Train, K. (2009). *Discrete Choice Methods with Simulation*, 2nd ed. Cambridge UP.
.. [4] Armington, P. S. (1969). A theory of demand for products distinguished by place of
   production. *IMF Staff Papers* 16(1): 159-178.
.. [5] Balistreri, E. J., Al-Qahtani, A. & Dahl, C. A. (2010). Oil and petroleum product
   Armington elasticities: a new-geography-of-trade approach to estimation. *The Energy Journal*
   31(3): 167-179.
.. [6] Reuters (9 May 2022). China's Iranian oil imports ease on lure of Russian oil (Kpler and
   Vortexa data).
.. [7] Reuters (19 May 2022). More Russian oil going east squeezes Iranian crude sales to China
   (Kpler data).
.. [8] Reuters (20 Jun 2022), report on China's customs data for May 2022: a record 8.42 Mt of
   Russian crude (about 1.98 mb/d), ahead of Saudi Arabia's 7.82 Mt.
.. [9] PIIE chart (Aug 2022) on the Urals discount to Brent,
   https://www.piie.com/research/piie-charts/discounted-russian-oil-prices-have-started-recovering-maintaining-moscows
.. [10] EIA, *Today in Energy* (4 Jan 2023) and *Short-Term Energy Outlook* (Mar 2022); IEA,
   *Oil Market Report* (15 Jun 2022).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np

from helpers.checks import ParameterError, check_choice, check_int, check_number

__all__ = [
    "BARRELS_PER_TONNE",
    "DOMAIN",
    "SLIDERS",
    "OilResult",
    "elasticity_of_substitution",
    "teapot_choice",
    "tonnes_to_bpd",
]

#: Barrels per metric tonne of crude used to turn customs tonnages into barrels. 7.3 is the
#: factor Reuters applies to Chinese customs data: 8.42 Mt of Russian crude in May 2022 was
#: reported as 1.98 mb/d (Reuters, 20 Jun 2022), and 8.42e6 t * 7.3 / 31 d = 1.98e6 b/d. BP's
#: *Statistical Review of World Energy* uses 7.33 as a world average. The true factor depends on
#: density: ``1 / (0.158987 m3/bbl * rho)`` with ``rho`` in t/m3, about 7.18 bbl/t for a 30 deg
#: API crude and 7.62 for a 40 deg API crude.
BARRELS_PER_TONNE = 7.3

_Range = tuple[float, float, str, str]

#: Validated domain: parameter -> (lo, hi, unit, source). Arguments outside it raise
#: :class:`~helpers.checks.ParameterError`. For mappings the range applies to every value.
DOMAIN: Mapping[str, _Range] = MappingProxyType({
    "brent_usd": (50.0, 200.0, "$/bbl",
                  "course choice, wider than the slider: the lower bound keeps every net cost "
                  ">= $5/bbl and Iran's realised price >= $10/bbl for any discount and quality "
                  "in the domain; the upper bound is well above the 2022 intraday high of "
                  "$139.13 (Brent futures, 7 Mar 2022)"),
    "discount_usd": (0.0, 40.0, "$/bbl",
                     "Urals up to about $35 below Brent in early Apr 2022 (PIIE, Aug 2022); "
                     "Iran $4-5 before the invasion, about $10 in early Jul 2022 (Bloomberg, "
                     "4 Jul 2022)"),
    "friction_usd": (0.0, 15.0, "$/bbl",
                     "illustrative assumption: sanctions risk, ship-to-ship transfers, "
                     "payment, insurance and extra freight"),
    "quality_usd": (-5.0, 5.0, "$/bbl",
                    "illustrative assumption: refinery-slate value of the grade"),
    "alpha_per_usd": (0.0, 1.0, "per $/bbl",
                      "0 = price-blind refiners; 1 is far above the Armington-based range "
                      "0.03-0.30 (sigma 3-30 at about $100/bbl)"),
    "runs_mbd": (1.0, 3.0, "mb/d",
                 "teapots hold about a quarter of China's 16.46 mb/d capacity (2021, OPEC ASB "
                 "2022) and ran at under half of it in Apr 2022 (Reuters, 9 May 2022)"),
    "iran_offered_mbd": (0.3, 1.5, "mb/d",
                         "Iranian exports 840 kb/d in Q1 2022 (Kpler, via Reuters, 9 May "
                         "2022); about 1.4-1.5 mb/d to China in 2025 (tanker trackers)"),
    "storage0_mb": (0.0, 120.0, "mb",
                    "22 mb near Singapore in early Apr 2022 (Kpler, via Reuters, 19 May 2022); "
                    "about 120 mb on the water in 2025 (Kpler, Vortexa)"),
    "days": (0, 180, "days", "horizon of the storage path, one-day steps"),
})

#: Slider ranges of the widget: parameter -> (lo, hi, unit, source). Each lies inside
#: :data:`DOMAIN`; only Brent and alpha are narrower.
SLIDERS: Mapping[str, _Range] = MappingProxyType({
    "brent_usd": (60.0, 130.0, "$/bbl",
                  "2022: $78 on 3 Jan, about $124 spot in early Mar, Dated Brent $127.9 on "
                  "13 Jun, average $100 (EIA Today in Energy, 4 Jan 2023; EIA STEO, Mar 2022; "
                  "IEA OMR, 15 Jun 2022)"),
    "discount_usd": DOMAIN["discount_usd"],
    "friction_usd": DOMAIN["friction_usd"],
    "quality_usd": DOMAIN["quality_usd"],
    "alpha_per_usd": (0.02, 0.5, "per $/bbl",
                      "alpha ~ sigma / p with Armington elasticities sigma 3-30 for crude "
                      "(Armington 1969; GTAP; Balistreri et al. 2010) and p ~ $100/bbl; "
                      "default 0.15 is illustrative (tuned to Kpler's storage build)"),
    "runs_mbd": DOMAIN["runs_mbd"],
    "iran_offered_mbd": DOMAIN["iran_offered_mbd"],
    "storage0_mb": DOMAIN["storage0_mb"],
    "days": DOMAIN["days"],
})

#: Validated range of the price in :func:`elasticity_of_substitution` ($/bbl).
_PRICE_RANGE = (0.0, 200.0)
#: Validated range of the barrels-per-tonne factor: densities of about 1.05 to 0.74 t/m3.
_BBL_PER_TONNE_RANGE = (6.0, 8.5)
#: Longest period for :func:`tonnes_to_bpd` (a leap year).
_MAX_PERIOD_DAYS = 366.0


@dataclass(frozen=True, eq=False)
class OilResult:
    """Result of :func:`teapot_choice`. Compared by identity; the arrays are read-only.

    Attributes
    ----------
    grades : tuple of str
        The grades, in the order of the keys of ``discount_usd``.
    shares : dict of str to float
        Logit share of each grade in teapot runs, in (0, 1); they sum to 1.
    volumes_mbd : dict of str to float
        Teapot demand ``R * s_j`` for each grade (mb/d); they sum to ``runs_mbd``.
    net_cost_usd : dict of str to float
        Delivered net cost ``Brent - discount + friction - quality`` of each grade ($/bbl).
    iran_unsold_mbd : float
        ``max(0, O - D)``: Iranian barrels loaded but not demanded, which go to floating storage
        (mb/d).
    iran_drawdown_mbd : float
        ``max(0, D - O)``: the rate at which storage drains while it lasts (mb/d).
    iran_delivered_mbd : numpy.ndarray
        Iranian crude delivered on each day ``t = 0 .. days - 1`` (mb/d), ``days`` values.
    storage_mb : numpy.ndarray
        Iranian crude in floating storage at the start of each day ``t = 0 .. days`` (mb),
        ``days + 1`` values; ``storage_mb[0] == storage0_mb``.
    iran_revenue_musd_per_day : float
        Mean daily delivery times Iran's realised price ``Brent - discount_iran``, in million $
        per day. If ``days == 0`` the mean over an empty horizon is replaced by the day-0
        delivery rate ``min(D, O + F_0)``, so the value equals the one for ``days == 1``.
    """

    grades: tuple[str, ...]
    shares: dict[str, float]
    volumes_mbd: dict[str, float]
    net_cost_usd: dict[str, float]
    iran_unsold_mbd: float
    iran_drawdown_mbd: float
    iran_delivered_mbd: np.ndarray
    storage_mb: np.ndarray
    iran_revenue_musd_per_day: float


# --------------------------------------------------------------------------------------------
# validation
# --------------------------------------------------------------------------------------------


def _check_domain(name: str, value: Any, label: str | None = None) -> float:
    """Check ``value`` against ``DOMAIN[name]``; ``label`` names it in the message."""
    lo, hi, unit, _ = DOMAIN[name]
    return check_number(label or name, value, lo, hi, unit=unit)


def _check_grade_name(name: str, key: Any) -> str:
    if not isinstance(key, str) or not key.strip():
        raise ParameterError(f"{name} keys must be grade names (non-empty str), got {key!r} "
                             f"({type(key).__name__})")
    return key


def _check_mapping(name: str, value: Any) -> Mapping[Any, Any]:
    lo, hi, unit, _ = DOMAIN[name]
    if not isinstance(value, Mapping):
        raise ParameterError(f"{name} must be a mapping grade -> value in [{lo:g}, {hi:g}] "
                             f"{unit}, got {value!r} ({type(value).__name__})")
    return value


def _validate_discounts(discount_usd: Any) -> dict[str, float]:
    lo, hi, unit, _ = DOMAIN["discount_usd"]
    mapping = _check_mapping("discount_usd", discount_usd)
    if len(mapping) < 2:
        raise ParameterError(f"discount_usd must hold at least 2 grades (grade -> discount to "
                             f"Brent in [{lo:g}, {hi:g}] {unit}), got {len(mapping)}: "
                             f"{dict(mapping)!r}")
    return {_check_grade_name("discount_usd", k): _check_domain("discount_usd", v,
                                                                f"discount_usd[{k!r}]")
            for k, v in mapping.items()}


def _validate_extra(name: str, value: Any, grades: tuple[str, ...]) -> dict[str, float]:
    """Validate an optional per-grade mapping; missing grades get 0."""
    out = dict.fromkeys(grades, 0.0)
    if value is None:
        return out
    for k, v in _check_mapping(name, value).items():
        check_choice(f"{name} key (a grade of discount_usd)", _check_grade_name(name, k),
                     grades)
        out[k] = _check_domain(name, v, f"{name}[{k!r}]")
    return out


# --------------------------------------------------------------------------------------------
# model
# --------------------------------------------------------------------------------------------


def _logit_shares(relative_cost: np.ndarray, alpha: float) -> np.ndarray:
    """Logit shares ``exp(-alpha c) / sum exp(-alpha c)``, with the cheapest cost set to 0."""
    weights = np.exp(-alpha * (relative_cost - relative_cost.min()))
    return weights / weights.sum()


def _storage_path(demand: float, offered: float, storage0: float,
                  days: int) -> tuple[np.ndarray, np.ndarray]:
    """Closed-form storage ``F_0 .. F_days`` (mb) and deliveries ``0 .. days-1`` (mb/d)."""
    t = np.arange(days + 1, dtype=float)
    if demand <= offered:
        storage = storage0 + (offered - demand) * t
    else:
        storage = np.maximum(0.0, storage0 - (demand - offered) * t)
    delivered = np.minimum(demand, offered + storage[:-1])
    storage.setflags(write=False)
    delivered.setflags(write=False)
    return storage, delivered


def teapot_choice(brent_usd: float,
                  discount_usd: Mapping[str, float],
                  friction_usd: Mapping[str, float] | None = None,
                  quality_usd: Mapping[str, float] | None = None,
                  alpha_per_usd: float = 0.15,
                  runs_mbd: float = 1.8,
                  iran_offered_mbd: float = 0.85,
                  storage0_mb: float = 22.0,
                  days: int = 45,
                  iran_key: str = "iran") -> OilResult:
    """Teapot refiners' logit choice among crude grades, and Iran's floating-storage path.

    Parameters
    ----------
    brent_usd : float
        Brent price, $/bbl, in [50, 200] (slider [60, 130]). It cancels from the shares and
        matters only for net costs and revenue.
    discount_usd : Mapping[str, float]
        Grade -> discount to Brent, $/bbl, each in [0, 40]. Its keys (at least 2 non-empty
        strings) are the grades, and their order is kept in the result.
    friction_usd : Mapping[str, float] or None
        Grade -> extra cost of buying the grade (sanctions risk, ship-to-ship transfers,
        payment, insurance, freight), $/bbl, each in [0, 15]. Keys must be grades; missing
        grades get 0. Illustrative.
    quality_usd : Mapping[str, float] or None
        Grade -> value premium for the refinery slate, $/bbl, each in [-5, 5]. Keys must be
        grades; missing grades get 0. Illustrative.
    alpha_per_usd : float
        Logit price sensitivity, per $/bbl, in [0, 1] (slider [0.02, 0.5]); 0 gives equal
        shares. The default 0.15 is illustrative (tuned to Kpler's 2022 storage build).
    runs_mbd : float
        Teapot crude runs ``R``, mb/d, in [1, 3]. The default 1.8 is an illustrative assumption.
    iran_offered_mbd : float
        Iranian barrels loaded for sale ``O``, mb/d, in [0.3, 1.5]; the default 0.85 follows
        Kpler's 840 kb/d for Q1 2022.
    storage0_mb : float
        Initial Iranian floating storage ``F_0``, million bbl, in [0, 120]; the default 22 is
        Kpler's figure for early April 2022.
    days : int
        Horizon in days, an integer in [0, 180].
    iran_key : str
        The grade whose barrels go to floating storage; must be a key of ``discount_usd``.

    Returns
    -------
    OilResult
        Shares, demand volumes, net costs, the Iranian storage path and revenue.

    Raises
    ------
    ParameterError
        If any argument is outside its domain (see :data:`DOMAIN`) or of the wrong type; the
        message names the parameter (e.g. ``discount_usd['russia']``), its range and unit.

    Notes
    -----
    Demand for Iranian crude that cannot be met once storage is empty is not reallocated to the
    other grades. With ``D`` Iranian demand and ``O`` the offered volume, storage grows by
    ``O - D`` per day if ``D <= O`` and otherwise drains by ``D - O`` per day until it is empty.

    Examples
    --------
    A Russian discount of $30 against Iran's $10 takes most of the teapot market:

    >>> r = teapot_choice(105.0, {"iran": 10, "russia": 30, "other": 0})
    >>> {grade: round(share, 3) for grade, share in r.shares.items()}
    {'iran': 0.047, 'russia': 0.943, 'other': 0.01}
    >>> round(r.iran_unsold_mbd, 3), round(float(r.storage_mb[-1]), 1)
    (0.766, 56.4)
    """
    discounts = _validate_discounts(discount_usd)
    grades = tuple(discounts)
    friction = _validate_extra("friction_usd", friction_usd, grades)
    quality = _validate_extra("quality_usd", quality_usd, grades)
    check_choice("iran_key (a grade of discount_usd)", iran_key, grades)
    brent = _check_domain("brent_usd", brent_usd)
    alpha = _check_domain("alpha_per_usd", alpha_per_usd)
    runs = _check_domain("runs_mbd", runs_mbd)
    offered = _check_domain("iran_offered_mbd", iran_offered_mbd)
    storage0 = _check_domain("storage0_mb", storage0_mb)
    lo, hi, _, _ = DOMAIN["days"]
    n_days = check_int("days", days, int(lo), int(hi))

    # Cost relative to Brent: Brent cancels from the shares exactly, not just up to rounding.
    relative = np.array([friction[g] - discounts[g] - quality[g] for g in grades])
    shares = _logit_shares(relative, alpha)
    demand = runs * float(shares[grades.index(iran_key)])
    storage, delivered = _storage_path(demand, offered, storage0, n_days)
    mean_delivered = float(delivered.mean()) if n_days else min(demand, offered + storage0)

    return OilResult(
        grades=grades,
        shares={g: float(s) for g, s in zip(grades, shares, strict=True)},
        volumes_mbd={g: runs * float(s) for g, s in zip(grades, shares, strict=True)},
        net_cost_usd={g: brent + float(c) for g, c in zip(grades, relative, strict=True)},
        iran_unsold_mbd=max(0.0, offered - demand),
        iran_drawdown_mbd=max(0.0, demand - offered),
        iran_delivered_mbd=delivered,
        storage_mb=storage,
        iran_revenue_musd_per_day=mean_delivered * (brent - discounts[iran_key]),
    )


# --------------------------------------------------------------------------------------------
# conversions
# --------------------------------------------------------------------------------------------


def elasticity_of_substitution(alpha_per_usd: float, price_usd: float) -> float:
    """Logit elasticity of substitution between two grades at a common price: ``alpha * p``.

    In the logit ``ln(s_j / s_k) = -alpha (p_j - p_k)``. Near ``p_j = p_k = p`` a relative
    price change ``d ln(p_j / p_k)`` is a dollar change of ``p d ln(p_j / p_k)``, so
    ``sigma = -d ln(s_j / s_k) / d ln(p_j / p_k) = alpha * p``. Inverting it, ``alpha = sigma / p``
    turns Armington elasticities into the ``alpha`` slider.

    Parameters
    ----------
    alpha_per_usd : float
        Logit price sensitivity, per $/bbl, in [0, 1].
    price_usd : float
        Common delivered price of the two grades, $/bbl, in [0, 200].

    Returns
    -------
    float
        The (dimensionless) elasticity of substitution.

    Raises
    ------
    ParameterError
        If an argument is not a finite number in its range.

    Examples
    --------
    >>> round(elasticity_of_substitution(0.15, 100.0), 12)
    15.0
    """
    lo, hi, unit, _ = DOMAIN["alpha_per_usd"]
    alpha = check_number("alpha_per_usd", alpha_per_usd, lo, hi, unit=unit)
    price = check_number("price_usd", price_usd, *_PRICE_RANGE, unit="$/bbl")
    return alpha * price


def tonnes_to_bpd(tonnes: float, days: float,
                  barrels_per_tonne: float = BARRELS_PER_TONNE) -> float:
    """Convert a tonnage over a period (e.g. a monthly customs figure) to barrels per day.

    Parameters
    ----------
    tonnes : float
        Crude volume over the period, metric tonnes, finite and >= 0.
    days : float
        Length of the period in days, in (0, 366] (a month, a quarter, a leap year).
    barrels_per_tonne : float
        Conversion factor, bbl/t, in [6, 8.5] (densities of about 1.05 to 0.74 t/m3); the
        default is :data:`BARRELS_PER_TONNE`.

    Returns
    -------
    float
        Barrels per day.

    Raises
    ------
    ParameterError
        If an argument is not a finite number in its range.

    Examples
    --------
    China's record 8.42 Mt of Russian crude in May 2022 (Reuters, 20 Jun 2022: 1.98 mb/d):

    >>> round(tonnes_to_bpd(8.42e6, 31) / 1e6, 2)
    1.98
    """
    t = check_number("tonnes", tonnes, 0.0, math.inf, unit="t")
    d = check_number("days", days, 0.0, _MAX_PERIOD_DAYS, lo_open=True, unit="days")
    factor = check_number("barrels_per_tonne", barrels_per_tonne, *_BBL_PER_TONNE_RANGE,
                          unit="bbl/t")
    return t * factor / d
