"""The evaluation sets in tests/easyja/data/ and precision and recall per rule on them."""

from collections import Counter
from pathlib import Path

from glocal.easyja import WARNING, analyze

DATA = Path(__file__).resolve().parent / "data"


def _rows(name: str) -> list[list[str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    return rows[1:]  # the header


def official() -> list[tuple[str, str, frozenset[str]]]:
    """(source kind, sentence, warning rules an editor would raise)."""
    return [
        (source, text, frozenset() if expected == "-" else frozenset(expected.split(",")))
        for source, text, expected in _rows("eval_official.tsv")
    ]


def easy() -> list[str]:
    return [text for _source, text in _rows("eval_easy.tsv")]


def warnings(text: str) -> frozenset[str]:
    return frozenset(f.rule for f in analyze(text).findings if f.severity == WARNING)


def score() -> tuple[dict[str, Counter], list[tuple[str, frozenset, frozenset]]]:
    """Per rule: true positives, false positives and false negatives over (sentence, rule)
    pairs; and the sentences where the checker and the editor differ."""
    per_rule: dict[str, Counter] = {}
    differences = []
    for _source, text, expected in official():
        found = warnings(text)
        for rule in found | expected:
            counts = per_rule.setdefault(rule, Counter())
            counts[
                "tp" if rule in found and rule in expected else "fp" if rule in found else "fn"
            ] += 1
        if found != expected:
            differences.append((text, found - expected, expected - found))
    return per_rule, differences


def table(per_rule: dict[str, Counter]) -> str:
    lines = [f"{'rule':22} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>10} {'recall':>7}"]
    total = Counter()
    for rule in sorted(per_rule):
        counts = per_rule[rule]
        total.update(counts)
        lines.append(_line(rule, counts))
    lines.append(_line("all warnings", total))
    return "\n".join(lines)


def precision(counts: Counter) -> float:
    flagged = counts["tp"] + counts["fp"]
    return counts["tp"] / flagged if flagged else 1.0


def recall(counts: Counter) -> float:
    wanted = counts["tp"] + counts["fn"]
    return counts["tp"] / wanted if wanted else 1.0


def _line(rule: str, counts: Counter) -> str:
    return (
        f"{rule:22} {counts['tp']:4} {counts['fp']:4} {counts['fn']:4} "
        f"{precision(counts):10.0%} {recall(counts):7.0%}"
    )


if __name__ == "__main__":
    rules, differences = score()
    print(table(rules))
    for text, extra, missed in differences:
        print(f"{text}\n    extra {sorted(extra)} missed {sorted(missed)}")
    for text in easy():
        if warnings(text):
            print("EASY WARNED", text, sorted(warnings(text)))
