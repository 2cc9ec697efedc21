"""Text a spreadsheet would run as a formula: the one table every CSV test plants."""

from __future__ import annotations

FORMULA_PAYLOADS = [
    "=1+1",
    "+1",
    "-1",  # text, not a number the code wrote
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    '=HYPERLINK("http://x","klikk")',
    "=cmd|' /C calc'!A0",
]
# What a spreadsheet takes as the start of a formula; a written cell must not start so.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
