"""Hostile and careless values: what a tool, an attacker or a slipped finger sends."""

from __future__ import annotations

# Text that a form field, a query string, a path segment or a JSON string may carry.
TEXT = [
    "²",  # a superscript digit: str.isdigit() says yes, int() says no
    "①",  # a circled digit, alike
    "٣",  # an Arabic-Indic digit: int() reads it as 3
    "9999-12-31",  # a date whose next day does not exist
    "0001-01-01",
    "9999-12",
    "2026-02-30",
    "a\x00b",  # PostgreSQL refuses NUL in text
    "\x00",
    "9" * 30,
    "-1",
    "1e400",
    "NaN",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "\u202e\u200b",
    "x" * 5000,
]

# A JSON value of any type, where the API expects a string, number or object.
JSON = [None, True, 0, -1, 10**20, 1.5, [], {}, [1], {"a": 1}]
