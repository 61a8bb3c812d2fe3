"""Findings as people read them: line and column, grouped, and highlighted in the text."""

from dataclasses import dataclass
from itertools import pairwise

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from glocal import easyja

_LABELS = {
    "ja": {"error": "エラー", "warning": "警告", "info": "情報", "score": "スコア"},
    "en": {"error": "error", "warning": "warning", "info": "info", "score": "score"},
}


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def plain_report(result: easyja.Analysis, language: str = "ja") -> str:
    labels = _LABELS[language]
    level = result.level_label(language)
    counts = result.counts()
    summary = ", ".join(f"{labels[s]} {counts[s]}" for s in easyja.SEVERITIES)
    lines = [f"{labels['score']} {result.score:.2f} ({level}) · {summary}"]
    for finding in result.findings:
        line, column = line_column(result.text, finding.start)
        lines.append(
            f"{line}:{column}: {labels[finding.severity]} [{finding.rule}] 「{finding.text}」"
            f" {finding.message(language)}"
        )
        if finding.replacement is not None:
            lines.append(f"    → {finding.replacement}  ({finding.start}–{finding.end})")
        elif finding.suggestion:
            lines.append(f"    → {finding.suggestion}")
    return "\n".join(lines)


@dataclass(frozen=True)
class Piece:
    text: str
    findings: tuple[int, ...]  # numbers of the findings covering this piece


def pieces(result: easyja.Analysis) -> list[Piece]:
    """The text cut at every finding boundary, each piece with the findings that cover it."""
    starting: dict[int, list[int]] = {}
    ending: dict[int, list[int]] = {}
    for number, finding in enumerate(result.findings, start=1):
        starting.setdefault(finding.start, []).append(number)
        ending.setdefault(finding.end, []).append(number)
    cuts = sorted({0, len(result.text), *starting, *ending})
    active: set[int] = set()
    out = []
    for start, end in pairwise(cuts):
        active.difference_update(ending.get(start, ()))
        active.update(starting.get(start, ()))
        out.append(Piece(result.text[start:end], tuple(sorted(active))))
    return out


def _tooltip(finding: easyja.Finding, language: str) -> str:
    tip = finding.message(language)
    instead = finding.replacement if finding.replacement is not None else finding.suggestion
    return f"{tip} → {instead}" if instead else tip


def highlighted(result: easyja.Analysis, language: str = "ja") -> SafeString:
    """The text as HTML with each finding marked in place. Marks point to their findings in the
    list (aria-describedby, for screen readers) and show them on hover (title)."""
    findings = dict(enumerate(result.findings, start=1))
    severities = {n: f.severity for n, f in findings.items()}
    html = []
    for piece in pieces(result):
        if not piece.findings:
            html.append(escape(piece.text))
            continue
        present = {severities[n] for n in piece.findings}
        worst = next(s for s in easyja.SEVERITIES if s in present)
        refs = " ".join(f"finding-{n}" for n in piece.findings)
        tip = "\n".join(_tooltip(findings[n], language) for n in piece.findings)
        html.append(
            format_html(
                '<mark class="finding finding-{}" aria-describedby="{}" title="{}">{}</mark>',
                worst,
                refs,
                tip,
                piece.text,
            )
        )
    return mark_safe("".join(str(part) for part in html))  # each part is escaped above
