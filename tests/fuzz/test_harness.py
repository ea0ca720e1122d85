"""The fuzz harness can fail: it tells clear refusals from silent, deep and vague outcomes."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers.checks import ParameterError, check_number
from tests.fuzz import harness
from tests.fuzz.harness import NOTHING, P, Probe


def _probe(value, invalid=True, param="x"):
    return Probe(param, value, invalid, repr(value))


def test_a_clear_refusal_is_clear():
    r = harness.run_probe(lambda: check_number("x", math.nan, 0, 1), _probe(math.nan))
    assert r.outcome == "clear"


def test_an_accepted_invalid_value_is_silent():
    r = harness.run_probe(lambda: 0.5, _probe(math.nan))
    assert r.outcome == "silent"
    assert harness.run_probe(lambda: 0.5, _probe(0.5, invalid=False)).outcome == "accepted"


def test_a_complex_result_or_a_warning_is_silent_even_for_a_doubtful_value():
    assert harness.run_probe(lambda: (-1.0) ** 0.8, _probe(-1.0, False)).outcome == "silent"

    def warns():
        import warnings

        warnings.warn("fell back to another font", UserWarning, stacklevel=1)

    assert harness.run_probe(warns, _probe("x", False)).outcome == "silent"


def test_an_error_from_inside_a_library_is_deep():
    frame = pd.DataFrame({"a": [1]})
    r = harness.run_probe(lambda: frame["x"], _probe("x"))
    assert r.outcome == "deep", r.detail
    r = harness.run_probe(lambda: None.columns, _probe(None))  # AttributeError
    assert r.outcome == "deep"


def test_a_project_error_that_does_not_name_the_parameter_is_vague():
    def project_error():
        raise ParameterError("something is wrong")  # a ParameterError is clear by contract

    assert harness.run_probe(project_error, _probe(1)).outcome == "clear"
    from helpers.text.paragraphs import _trim_spans  # a helpers frame raising TypeError

    r = harness.run_probe(lambda: _trim_spans("abc", [(None, 1)]), _probe(None))
    assert r.outcome == "vague", r.detail


def test_names_param_matches_whole_words_only():
    assert harness.names_param("signs[('A', 'B')] must be -1, 0 or +1", "signs")
    assert not harness.names_param("the maximum is 3", "max")


def test_probes_follow_the_annotation_and_the_spec():
    floats = harness.probes_for("alpha", float, NOTHING, 0.5, P(lo=0, hi=1))
    bad = {p.label for p in floats if p.invalid}
    assert {"nan", "inf", "-inf", "None", "'zz'", "True"} <= bad
    assert any(p.label.startswith("hi+span") and p.invalid for p in floats)
    ints = harness.probes_for("n", int, NOTHING, 3, P())
    assert {"2.5", "-1", "1000000000"} <= {p.label for p in ints if p.invalid}
    frame = pd.DataFrame({"paragraph": [1, 2], "actor_id": ["RUS", "IRN"]})
    tables = harness.probes_for("mentions", pd.DataFrame, NOTHING, frame,
                                P(table={"paragraph": "pos_int", "actor_id": "str"}))
    labels = {p.label for p in tables if p.invalid}
    assert {"without column 'paragraph'", "paragraph[0]=0", "paragraph[0]=2.5",
            "actor_id[0]=None", "empty DataFrame()"} <= labels


def test_the_guard_stops_a_probe_that_allocates_too_much():
    import numpy as np

    r = harness.run_probe(lambda: np.ones(10**11), _probe(10**11))
    assert r.outcome == "deep" and "MemoryError" in r.detail


@pytest.mark.parametrize("tp", [int, float, str, bool, pd.DataFrame])
def test_every_type_family_has_invalid_probes(tp):
    assert any(p.invalid for p in harness.probes_for("x", tp, NOTHING, NOTHING, P()))
