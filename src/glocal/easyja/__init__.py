"""Easy Japanese (やさしい日本語) analysis: readability, rule findings and furigana.

A plain Python library over fugashi and UniDic with no Django import, so the CLI, the API, the
editor panel and the notices all share it:

    >>> from glocal.easyja import analyze, ruby_html
    >>> result = analyze("ご注意ください。")
    >>> result.level.id, [f.rule for f in result.findings]
"""

from .analysis import Analysis, EmptyTextError, analyze
from .findings import ERROR, INFO, SEVERITIES, WARNING, Finding
from .furigana import ruby_html
from .options import Options
from .readability import LEVELS, Level
from .rules import RULE_IDS

__all__ = [
    "ERROR",
    "INFO",
    "LEVELS",
    "RULE_IDS",
    "SEVERITIES",
    "WARNING",
    "Analysis",
    "EmptyTextError",
    "Finding",
    "Level",
    "Options",
    "analyze",
    "ruby_html",
]
