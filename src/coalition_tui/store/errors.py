"""The one base of the exceptions this package raises on purpose: each carries a one-line message
for a person (what is wrong, where, what to do); a caller that catches :class:`CoalitionError` has
caught every refusal, and anything else is a bug."""

from __future__ import annotations


class CoalitionError(Exception):
    """A refusal with a one-line reason for a person."""
