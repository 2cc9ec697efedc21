"""Towards VTA (seed 001): AoK participants on the joint qualification path with iVekst,
and the new VTA places the municipality establishes against a straight-line plan.

`rules` holds the steps, what a move may be, and the plan per quarter; `path` and
`places` the use cases shared by the web pages, the API and the command line.
"""
