"""A slider dragged in a real kernel: the values a drag sends are coalesced, the latest wins.

A fake front end (jupyter_client) sends a burst of slider values to a view's widget in an
IPython kernel, as a hand dragging the handle does, and then asks the kernel what it drew.
Drawing every value in turn would put the figure behind the handle; drawing only some is the
point, provided the last value drawn is the last value sent.
"""

from __future__ import annotations

import time

import pytest

jupyter_client = pytest.importorskip("jupyter_client.manager")

SETUP = '''
from helpers import views
view = views.build("sanctions")
drawn = []
_draw = view.draw
def counting(params):
    drawn.append(params["brent_usd"])
    _draw(params)
view.draw = counting
view.widget()
print("MODEL", view._live[0]["brent_usd"].model_id)
'''


def _run(kc, code: str) -> str:
    """Execute ``code`` and return its printed output once the kernel is idle again."""
    msg_id = kc.execute(code)
    out = []
    while True:
        msg = kc.get_iopub_msg(timeout=60)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "stream":
            out.append(msg["content"]["text"])
        elif msg["msg_type"] == "error":
            raise AssertionError("\n".join(msg["content"]["traceback"]))
        elif msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return "".join(out)


def test_a_burst_of_slider_values_is_drawn_once_or_a_few_times_ending_on_the_last():
    km, kc = jupyter_client.start_new_kernel(kernel_name="python3")
    try:
        model = _run(kc, SETUP).split("MODEL")[1].split()[0]
        sent = [60.0 + i for i in range(30)]
        for value in sent:
            kc.shell_channel.send(kc.session.msg("comm_msg", {
                "comm_id": model, "data": {"method": "update", "state": {"value": value},
                                           "buffer_paths": []}}))
        time.sleep(2.0)
        report = _run(kc, "print(len(drawn) - 1, drawn[-1], view.params['brent_usd'])").split()
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    redraws, last_drawn, state = int(report[0]), float(report[1]), float(report[2])
    assert last_drawn == state == sent[-1], "the figure must end on the released value"
    assert 1 <= redraws <= len(sent) // 3, f"{redraws} redraws of {len(sent)} values: none merged"
