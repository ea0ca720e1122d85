"""The benchmark times a table view as well as a figure view (it crashed on a table view once)."""

from __future__ import annotations

from helpers import views
from scripts import bench


def test_a_table_view_and_a_figure_view_are_timed(monkeypatch):
    every = views.registry()
    some = {name: every[name] for name in ("claims", "sanctions")}
    monkeypatch.setattr(views, "registry", lambda: some)
    samples = bench.view_latencies(per_control=1)
    assert sorted(samples) == ["claims", "sanctions"]
    assert all(len(v) > 0 and min(v) > 0 for v in samples.values()), samples
