"""Shared argument checks: numpy booleans are booleans, never numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.checks import ParameterError, check_cells, check_flag, check_number


def test_a_numpy_boolean_is_a_flag():
    assert check_flag("on", np.True_) is True and check_flag("on", np.False_) is False
    column = pd.DataFrame({"seat": pd.Series([np.True_, np.False_], dtype=object)})
    assert check_cells("held", column, "seat", "bool").tolist() == [True, False]


def test_a_numpy_boolean_is_not_a_number():
    with pytest.raises(ParameterError, match="weight"):
        check_number("weight", np.True_, 0, 2)
