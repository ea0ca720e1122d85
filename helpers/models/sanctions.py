"""Sanctions and the JCPOA talks: who gets how much of a revived deal, and when there is none.

The article behind this notebook says Tehran bet that Russian backing and high oil prices would
win it concessions from the United States on reviving the 2015 nuclear deal (the JCPOA). This
module turns that claim into a small bargaining model that students can push around.

The deal and the fallbacks
--------------------------
A revived deal is worth ``S`` (``surplus``) to Iran and the US *together*, for example the
value of lifted sanctions plus the value of limits on the nuclear programme. Bargaining decides
how ``S`` is divided: Iran gets ``iran`` and the US gets ``us = S - iran``. What each side can
count on *without* a deal is its **fallback**: ``f_I`` (``fallback_iran``) and ``f_U``
(``fallback_us``), in the same units as ``S`` (normalised with ``S = 1``, or billion US dollars
per year). ``beta`` (``iran_power``, between 0 and 1) is Iran's bargaining power: in the
alternating-offers model of Rubinstein (1982) it is the US discount rate over the sum of the two
discount rates, so the more patient side has more power. It has no observable counterpart, and
the default 0.5 is illustrative.

There are two ways to read a fallback, and they give different answers (Binmore, Rubinstein &
Wolinsky 1986; Muthoo 1999, 2000).

**Reading 1: impasse payoffs (mode ``"impasse"``).** The fallback is what a side keeps earning
*while talks are stuck but still going on*: for Iran, oil sold to China despite sanctions and
Russian support; for the US, the value of keeping the pressure on. Income of this kind makes
waiting cheaper, so it strengthens a side at the table. Each side first gets its fallback, and
the two split what is left over in the ratio ``beta : (1 - beta)``. This is
"split-the-difference"::

    iran = f_I + beta * (S - f_I - f_U)

Every extra dollar of impasse income raises Iran's share of the deal by ``1 - beta`` dollars.
This is the article's thesis in model form: more oil income and more Russian help while talks
stall mean a better deal for Tehran.

**Reading 2: outside options (mode ``"outside"``).** The fallback is something a side can get
only by *walking away for good*, for instance by choosing a deeper alignment with Russia instead
of any deal. While talking, it earns nothing from it. A threat to walk away changes the deal only
if it is credible, that is, only if the option is worth more than what the side would get from
the deal anyway. If the option is worth less, the threat is empty and changes nothing. If it is
worth more, the other side concedes just enough to keep it at the table, and the option then
binds one for one. This is the *outside-option principle* (Binmore, Rubinstein & Wolinsky 1986;
tested in the laboratory by Binmore, Shaked & Sutton 1989)::

    iran = max(f_I, min(beta * S, S - f_U))

So in this reading Russian support changes nothing until it beats Iran's share of the deal.

**No deal.** In both readings there is no deal when the fallbacks together are worth more than
the deal, ``f_I + f_U > S`` (no division of ``S`` gives both sides at least their fallback). Then
each side keeps its fallback: ``iran = f_I`` and ``us = f_U``, so ``iran + us`` exceeds ``S``.
With this convention ``iran`` and ``us`` are continuous across the no-deal boundary, and ``iran``
never falls when Iran's fallback or its bargaining power rises.

Regimes
-------
:func:`deal_split` also says which case applies:

* ``mode="impasse"``: ``"split_the_difference"`` or ``"no_deal"``;
* ``mode="outside"``, decided in this order: ``"no_deal"`` if ``f_I + f_U > S``;
  ``"iran_option_binds"`` if ``f_I > beta * S``; ``"us_option_binds"`` if
  ``f_U > (1 - beta) * S``; otherwise ``"interior"`` (Iran gets ``beta * S``). The boundary cases
  ``f_I = beta * S`` and ``f_U = (1 - beta) * S`` count as interior: there both formulas agree.

Oil and Iran's fallback
-----------------------
:func:`iran_oil_revenue_busd` turns three oil-market numbers into Iran's crude export revenue::

    revenue [$bn/yr] = barrels sold [million bbl/day] * (Brent - discount) [$/bbl] * 365 / 1000

(million barrels a day times dollars a barrel is millions of dollars a day; times 365 days and
divided by 1000 this is billions of dollars a year). :func:`iran_fallback` then adds Russian
support to give Iran's fallback in $bn/yr. That mapping is **illustrative**: the sources say that
Iran's impasse income consists of sanctioned oil sales and Russian support, but give no formula
for combining them, and nobody has measured the value of the deal ``S`` in $bn/yr. If you pass a
fallback in $bn/yr to :func:`deal_split`, ``surplus`` must be in $bn/yr too. The same war that
raised Brent in 2022 also widened Iran's discount and cut its volumes, so the net effect on the
fallback is an empirical question (see the examples of :func:`iran_oil_revenue_busd`).

The conflict-expectations companion
-----------------------------------
:func:`drezner` is Drezner's (1998, 1999) sanctions game. A sender (the US) demands a concession
``D`` from a target (Iran). The target either gives in, with payoffs ``(D, -D)``, or stands firm;
the sender then either backs down, with payoffs ``(0, 0)``, or imposes sanctions that cost it
``c_s`` and the target ``c_t``, with payoffs ``(-c_s, -c_t)``. Each side cares about absolute
gains with weight ``w`` (``abs_weight``) and about gains *relative to the other side* with weight
``1 - w``: ``U = w * P_own + (1 - w) * (P_own - P_other)``. ``w`` is high between allies and low
between adversaries that expect future conflict. Solving the game backwards from these payoffs
(a derivation written for this course, not quoted from Drezner) gives:

* the threat is credible if and only if ``(1 - w) * c_t - c_s > 0``;
* the largest demand the target accepts is ``D* = [c_t - (1 - w) * c_s] / (2 - w)`` (0 if
  negative);
* the concession obtained is ``D*`` if the threat is credible, otherwise 0.

This is Drezner's *sanctions paradox*: allies (``w`` near 1) would concede the most, but a threat
against them is not credible; adversaries face credible threats but concede little.

All functions are pure (they only read their arguments), take a few microseconds per call (mostly
the input checks), and answer bad input with :class:`helpers.checks.ParameterError` naming the
parameter and its valid range. Importing the module has no side effects.

Limits
------
Complete information (so no delay and no war of attrition), transferable utility (no indivisible
red lines such as enrichment levels), no ratification stage in the Majlis or Congress (Putnam
1988), and a bargaining power ``beta`` that cannot be observed.

References
----------
.. [1] Nash, J. F. (1950). The bargaining problem. *Econometrica* 18(2): 155-162.
.. [2] Rubinstein, A. (1982). Perfect equilibrium in a bargaining model. *Econometrica* 50(1):
   97-109.
.. [3] Binmore, K., Rubinstein, A. & Wolinsky, A. (1986). The Nash bargaining solution in
   economic modelling. *RAND Journal of Economics* 17(2): 176-188.
.. [4] Binmore, K., Shaked, A. & Sutton, J. (1989). An outside option experiment. *Quarterly
   Journal of Economics* 104(4): 753-770.
.. [5] Muthoo, A. (1999). *Bargaining Theory with Applications.* Cambridge University Press.
.. [6] Muthoo, A. (2000). A non-technical introduction to bargaining theory. *World Economics*
   1(2): 145-166.
.. [7] Drezner, D. W. (1998). Conflict expectations and the paradox of economic coercion.
   *International Studies Quarterly* 42(4): 709-731.
.. [8] Drezner, D. W. (1999). *The Sanctions Paradox: Economic Statecraft and International
   Relations.* Cambridge University Press.
.. [9] Putnam, R. D. (1988). Diplomacy and domestic politics: the logic of two-level games.
   *International Organization* 42(3): 427-460.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from helpers.checks import ParameterError, check_choice, check_number

__all__ = [
    "BARRELS_MAX_MBD",
    "BRENT_MAX_USD",
    "BRENT_MIN_USD",
    "CREDIBILITY_TOL",
    "DAYS_PER_YEAR",
    "DISCOUNT_MAX_USD",
    "IMPASSE_REGIMES",
    "MODES",
    "OUTSIDE_REGIMES",
    "DealResult",
    "DreznerResult",
    "deal_split",
    "drezner",
    "iran_fallback",
    "iran_oil_revenue_busd",
]

#: The two readings of a fallback accepted by :func:`deal_split`.
MODES: tuple[str, ...] = ("impasse", "outside")

#: Regimes of ``mode="impasse"``.
IMPASSE_REGIMES: tuple[str, ...] = ("split_the_difference", "no_deal")

#: Regimes of ``mode="outside"``. They are *decided* in another order: ``no_deal`` first, then
#: ``iran_option_binds``, then ``us_option_binds``, and ``interior`` otherwise.
OUTSIDE_REGIMES: tuple[str, ...] = ("interior", "iran_option_binds", "us_option_binds", "no_deal")

#: Margin (in cost units) by which the sender's deadlock payoff must beat backing down for its
#: threat to count as credible in :func:`drezner`, so a tie up to rounding is not credible.
CREDIBILITY_TOL: float = 1e-12

#: Days per year used to turn $M/day into $bn/yr (``* 365 / 1000``).
DAYS_PER_YEAR: int = 365

#: Largest crude export volume accepted, million barrels per day (mb/d). It covers everything from
#: a full embargo (0) to above Iran's exports before US sanctions returned, about 2.5-2.8 mb/d in
#: April-May 2018 (IEA statement, April 2019; Bloomberg tanker tracking, June 2019). For scale:
#: Q1 2022 average 840 kb/d (Kpler, via Reuters, 9 May 2022).
BARRELS_MAX_MBD: float = 3.0

#: Validated Brent range, US$ per barrel. A generous envelope chosen for what-if sliders (a
#: modelling choice, not data) around the 2022 values: $78 on 3 January, $100 on average (EIA,
#: *Today in Energy*, 4 January 2023) and $127.9 for Dated Brent on 13 June (IEA, *Oil Market
#: Report*, 15 June 2022).
BRENT_MIN_USD: float = 20.0
BRENT_MAX_USD: float = 200.0

#: Largest discount to Brent accepted, US$ per barrel. Iranian crude sold to China at $4-5 below
#: Brent before the invasion of Ukraine and about $10 below in early July 2022 (Bloomberg, 4 July
#: 2022); the widest discount on Russian Urals in 2022 was about $35 (PIIE chart, August 2022),
#: so 40 covers every discount in these sources. The discount must also be below Brent.
DISCOUNT_MAX_USD: float = 40.0

_INF = float("inf")


# ------------------------------------------------------------------------------ results


@dataclass(frozen=True)
class DealResult:
    """Outcome of :func:`deal_split` (a frozen record; :meth:`as_dict` gives a plain dict).

    Attributes
    ----------
    deal : bool
        Whether a deal is reached (``False`` iff ``fallback_iran + fallback_us > surplus``).
    iran, us : float
        What each side gets, in the units of ``surplus`` (amounts, not fractions). With a deal
        ``iran + us == surplus`` (up to rounding); without one each keeps its fallback.
    regime : str
        One of :data:`IMPASSE_REGIMES` or :data:`OUTSIDE_REGIMES`, depending on ``mode``.
    mode : str
        ``"impasse"`` or ``"outside"``, as passed in.
    """

    deal: bool
    iran: float
    us: float
    regime: str
    mode: str

    def as_dict(self) -> dict[str, Any]:
        """Return ``deal``, ``iran``, ``us``, ``regime`` and ``mode`` as a plain dict.

        Examples
        --------
        >>> deal_split(1, 0, 0).as_dict()
        {'deal': True, 'iran': 0.5, 'us': 0.5, 'regime': 'split_the_difference', 'mode': 'impasse'}
        """
        return {"deal": self.deal, "iran": self.iran, "us": self.us, "regime": self.regime,
                "mode": self.mode}


@dataclass(frozen=True)
class DreznerResult:
    """Outcome of :func:`drezner` (a frozen record; :meth:`as_dict` gives a plain dict).

    Attributes
    ----------
    sender_credible : bool
        Whether the sender prefers imposing sanctions to backing down once the target stands firm.
    max_concession : float
        The largest demand the target would accept if the threat were credible (``>= 0``), in the
        units of the costs.
    concession_obtained : float
        ``max_concession`` if the threat is credible, otherwise 0.
    """

    sender_credible: bool
    max_concession: float
    concession_obtained: float

    def as_dict(self) -> dict[str, Any]:
        """Return the three fields as a plain dict.

        Examples
        --------
        >>> drezner(1, 0.3, 0.5).as_dict()["sender_credible"]
        True
        """
        return {"sender_credible": self.sender_credible, "max_concession": self.max_concession,
                "concession_obtained": self.concession_obtained}


# ------------------------------------------------------------------------------ bargaining


def _check_nonnegative(name: str, value: Any, unit: str = "") -> float:
    """Return ``value`` as a float if it is a finite number ``>= 0`` (shown as ``[0, inf)``)."""
    return check_number(name, value, 0.0, _INF, hi_open=True, unit=unit)


def _check_mode(mode: Any) -> str:
    """Return ``mode`` if it is one of :data:`MODES`; refuse non-strings before comparing."""
    if not isinstance(mode, str):  # an array would make ``in`` ambiguous
        raise ParameterError(f"mode must be one of {sorted(MODES)}, got {mode!r} "
                             f"({type(mode).__name__})")
    return check_choice("mode", mode, MODES)


def _exceeds(a: float, b: float, s: float) -> bool:
    """Whether ``a + b > s`` in exact arithmetic (finite ``a, b, s``), not after rounding ``a + b``.

    Rounding is monotone, so only a rounded sum equal to ``s`` is in doubt; the exact rounding
    error of the sum (Knuth's two-sum) settles it.
    """
    t = a + b
    if t != s:
        return t > s  # also right when a + b overflows to inf
    b_virtual = t - a
    error = (a - (t - b_virtual)) + (b - b_virtual)  # a + b == t + error exactly
    return error > 0.0


def _impasse_share(surplus: float, fi: float, fu: float, beta: float) -> float:
    """Iran's amount under split-the-difference, for ``fi + fu <= surplus``."""
    slack = max(0.0, surplus - fi - fu)  # >= 0 even when fi + fu rounds onto surplus
    return fi + beta * slack


def _outside_share(surplus: float, fi: float, fu: float, beta: float) -> tuple[float, str]:
    """Iran's amount and the regime under the outside-option principle, for a deal."""
    iran = max(fi, min(beta * surplus, surplus - fu))
    if fi > beta * surplus:
        return iran, "iran_option_binds"
    if fu > (1.0 - beta) * surplus:
        return iran, "us_option_binds"
    return iran, "interior"


def deal_split(surplus: float, fallback_iran: float, fallback_us: float,
               iran_power: float = 0.5, mode: str = "impasse") -> DealResult:
    """Divide a revived nuclear deal between Iran and the US, given each side's fallback.

    Parameters
    ----------
    surplus : float
        ``S``, the value of the deal to both sides together, ``> 0`` (normalised, e.g. 1, or in
        $bn/yr).
    fallback_iran, fallback_us : float
        Each side's fallback, ``>= 0``, in the units of ``surplus``: an impasse payoff in
        ``mode="impasse"``, an outside option in ``mode="outside"``.
    iran_power : float, default 0.5
        Iran's bargaining power ``beta`` in ``[0, 1]``. The default is illustrative.
    mode : {"impasse", "outside"}, default "impasse"
        ``"impasse"``: ``iran = f_I + beta * (S - f_I - f_U)`` (split-the-difference).
        ``"outside"``: ``iran = max(f_I, min(beta * S, S - f_U))`` (outside-option principle).

    Returns
    -------
    DealResult
        ``deal``, ``iran``, ``us``, ``regime`` and ``mode``. With a deal ``us = S - iran``;
        without one (``f_I + f_U > S``) ``iran = f_I``, ``us = f_U`` and ``regime = "no_deal"``.
        The reference design returns a dict; :meth:`DealResult.as_dict` gives that dict.

    Raises
    ------
    ParameterError
        If a number is not finite, is a bool or is out of its range, or ``mode`` is unknown.

    Notes
    -----
    The no-deal test ``f_I + f_U > S`` is decided exactly, not after rounding the sum, so a pair
    of fallbacks that overshoots ``S`` by less than a rounding error still gives no deal. In
    ``mode="outside"`` the amount always comes from the closed form above and the regime from
    the ordered tests; at the kinks the formulas on either side agree, so the regime label there
    is a naming convention and never changes a number.

    Examples
    --------
    Iran's fallback 0.3, the US's 0.2, equal bargaining power. As impasse payoffs, Iran keeps its
    0.3 and gets half of the remaining 0.5; as outside options neither threat binds:

    >>> r = deal_split(1, 0.3, 0.2)
    >>> r.deal, round(r.iran, 12), round(r.us, 12), r.regime
    (True, 0.55, 0.45, 'split_the_difference')
    >>> r = deal_split(1, 0.3, 0.2, mode="outside")
    >>> r.deal, r.iran, r.us, r.regime
    (True, 0.5, 0.5, 'interior')

    The two readings are not ordered in general: with fallbacks (0, 0.5) outside options give
    Iran more than impasse payoffs do.

    >>> deal_split(1, 0, 0.5, mode="outside").iran, deal_split(1, 0, 0.5, mode="impasse").iran
    (0.5, 0.25)

    An outside option worth more than half the deal binds; fallbacks worth more than the deal
    leave no deal:

    >>> deal_split(1, 0.7, 0.2, mode="outside").regime
    'iran_option_binds'
    >>> deal_split(1, 0.7, 0.4)
    DealResult(deal=False, iran=0.7, us=0.4, regime='no_deal', mode='impasse')
    """
    s = check_number("surplus", surplus, 0.0, _INF, lo_open=True, hi_open=True)
    fi = _check_nonnegative("fallback_iran", fallback_iran)
    fu = _check_nonnegative("fallback_us", fallback_us)
    beta = check_number("iran_power", iran_power, 0.0, 1.0)
    mode = _check_mode(mode)
    if _exceeds(fi, fu, s):
        return DealResult(deal=False, iran=fi, us=fu, regime="no_deal", mode=mode)
    if mode == "impasse":
        iran, regime = _impasse_share(s, fi, fu, beta), "split_the_difference"
    else:
        iran, regime = _outside_share(s, fi, fu, beta)
    return DealResult(deal=True, iran=iran, us=s - iran, regime=regime, mode=mode)


# ------------------------------------------------------------------------------ Drezner


def drezner(c_target: float, c_sender: float, abs_weight: float) -> DreznerResult:
    """Drezner's conflict-expectations game: is the threat credible, and what does it win.

    Parameters
    ----------
    c_target : float
        ``c_t >= 0``, the cost of sanctions (deadlock) to the target.
    c_sender : float
        ``c_s >= 0``, the cost of sanctions to the sender, in the same units.
    abs_weight : float
        ``w`` in ``[0, 1]``, the weight both sides put on absolute rather than relative gains
        (high for allies, low for adversaries). Not the same thing as ``iran_power``.

    Returns
    -------
    DreznerResult
        ``sender_credible`` iff ``(1 - w) * c_t - c_s >`` :data:`CREDIBILITY_TOL`;
        ``max_concession = max(0, [c_t - (1 - w) * c_s] / (2 - w))``;
        ``concession_obtained = max_concession`` if credible, else 0.

    Raises
    ------
    ParameterError
        If a cost is negative or not a finite number, or ``abs_weight`` is outside ``[0, 1]``.

    Notes
    -----
    Drezner's game also has a first move, whether to make a demand at all ("status quo ante").
    It is left out: when making a demand costs almost nothing, the sender makes one exactly when
    its threat is credible, so ``concession_obtained`` already says what happens.

    Examples
    --------
    Illustrative costs ``c_t = 1``, ``c_s = 0.3``. An ally (``w = 0.9``) would concede 0.88 but
    the threat is empty; an adversary (``w = 0.1``) faces a credible threat but concedes 0.38:

    >>> r = drezner(1, 0.3, 0.9)
    >>> r.sender_credible, round(r.max_concession, 2), r.concession_obtained
    (False, 0.88, 0.0)
    >>> r = drezner(1, 0.3, 0.1)
    >>> r.sender_credible, round(r.concession_obtained, 2)
    (True, 0.38)
    """
    ct = _check_nonnegative("c_target", c_target)
    cs = _check_nonnegative("c_sender", c_sender)
    w = check_number("abs_weight", abs_weight, 0.0, 1.0)
    credible = (1.0 - w) * ct - cs > CREDIBILITY_TOL
    max_concession = max(0.0, (ct - (1.0 - w) * cs) / (2.0 - w))
    return DreznerResult(sender_credible=credible, max_concession=max_concession,
                         concession_obtained=max_concession if credible else 0.0)


# ------------------------------------------------------------------------------ oil -> fallback


def iran_oil_revenue_busd(barrels_sold_mbd: float, brent_usd: float, discount_usd: float) -> float:
    """Iran's crude export revenue in billion US$ per year.

    ``revenue = barrels_sold_mbd * (brent_usd - discount_usd) * 365 / 1000``: million barrels a
    day times dollars a barrel is $M per day; times 365 / 1000 it is $bn per year.

    Parameters
    ----------
    barrels_sold_mbd : float
        Crude actually sold, million barrels per day, in ``[0, BARRELS_MAX_MBD]`` = [0, 3].
    brent_usd : float
        Brent price, US$ per barrel, in ``[BRENT_MIN_USD, BRENT_MAX_USD]`` = [20, 200].
    discount_usd : float
        Iran's discount to Brent, US$ per barrel, in ``[0, DISCOUNT_MAX_USD]`` = [0, 40] and
        strictly below ``brent_usd``.

    Returns
    -------
    float
        Revenue in $bn per year (``>= 0``).

    Raises
    ------
    ParameterError
        If an argument is not a finite number in its range, or the discount is not below Brent.

    Examples
    --------
    February 2022, before the war's effects: 0.84 mb/d (Q1 2022 average, Kpler via Reuters,
    9 May 2022) at $97 Brent (February average, EIA *Short-Term Energy Outlook*, March 2022) less a
    $4.5 discount (Bloomberg, 4 July 2022) is about $78 M/day:

    >>> round(iran_oil_revenue_busd(0.84, 97, 4.5), 2)
    28.36

    July 2022: about 0.70 mb/d (Kpler, May-June) at $111 less $10 (Bloomberg, 4 July 2022), about
    $71 M/day. Brent was higher, yet the revenue fell:

    >>> round(iran_oil_revenue_busd(0.70, 111, 10), 2)
    25.81
    """
    q = check_number("barrels_sold_mbd", barrels_sold_mbd, 0.0, BARRELS_MAX_MBD, unit="mb/d")
    p = check_number("brent_usd", brent_usd, BRENT_MIN_USD, BRENT_MAX_USD, unit="$/bbl")
    d = check_number("discount_usd", discount_usd, 0.0, DISCOUNT_MAX_USD, unit="$/bbl")
    if d >= p:
        raise ParameterError(f"discount_usd must be a finite number in [0, {DISCOUNT_MAX_USD:g}] "
                             f"$/bbl and below brent_usd = {p:g}, got {discount_usd!r}")
    return q * (p - d) * DAYS_PER_YEAR / 1000.0


def iran_fallback(revenue_busd: float, russian_support_busd: float = 0.0) -> float:
    """Iran's fallback in $bn/yr: oil revenue under sanctions plus Russian support (illustrative).

    This mapping is **illustrative**, a teaching simplification: the sources name sanctioned oil
    sales and Russian support as Iran's income while talks stall, but give no formula for
    combining them, so they are simply added. Pass the result to :func:`deal_split` as
    ``fallback_iran`` only with ``surplus`` in $bn/yr as well. In ``mode="impasse"`` the sum is
    read as income while talks stall; in ``mode="outside"`` as the value of walking away.

    Parameters
    ----------
    revenue_busd : float
        Oil revenue under sanctions, $bn/yr, ``>= 0`` (e.g. from :func:`iran_oil_revenue_busd`).
    russian_support_busd : float, default 0.0
        Value of Russian support, $bn/yr, ``>= 0``. The default 0 means "no support"; no source
        puts a number on it, so any other value is a student's assumption.

    Returns
    -------
    float
        ``revenue_busd + russian_support_busd``, in $bn/yr.

    Raises
    ------
    ParameterError
        If an argument is negative or not a finite number.

    Examples
    --------
    >>> iran_fallback(25.0, russian_support_busd=5.0)
    30.0
    """
    r = _check_nonnegative("revenue_busd", revenue_busd, unit="$bn/yr")
    s = _check_nonnegative("russian_support_busd", russian_support_busd, unit="$bn/yr")
    return r + s
