"""Glocal: international affairs for Japanese local governments."""

__version__ = "0.1.0"
