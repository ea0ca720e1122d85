"""Pure models of the course: numpy and pandas only.

No module here imports matplotlib, ipywidgets or the data layer's file readers, and none reads a
file: data arrive as arguments. Each model validates its inputs with :mod:`helpers.checks` and
documents its equations, domain and sources in its module docstring.
"""
