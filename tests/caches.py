"""Caches in tests."""

from django.core.cache import cache

from core import figure_cache


def forget_figures():
    """Nothing cached, in the shared cache or held by this process (core.figure_cache): the
    next read computes afresh, as with an empty cache on a new server (and history ids
    rolled back with an earlier test on SQLite are not taken for the same state)."""
    cache.clear()
    figure_cache._held.clear()
