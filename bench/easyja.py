"""Easy Japanese analysis throughput against the `jreadability` package, on the same corpus.

Both sides read the same ~200 KB corpus (bench/_corpus.py, mostly formal notices) with their
MeCab tagger already loaded; jreadability gets a kept-alive tagger, its fastest use. Glocal
computes the score *and* every rule's findings. Two ways, each timed in alternating rounds
(best of several, the garbage collector run before each):

- the corpus as one text, as DESIGN.md's benchmark reads it: this is the `ratio=` line;
- the corpus as 105 notice-sized documents, as staff paste them, printed for comparison.
"""

import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import fugashi
from _corpus import documents, generate
from jreadability import compute_readability

from glocal.easyja import analyze

ROUNDS = 7


def timed(work) -> float:
    gc.collect()
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def race(texts: list[str], tagger) -> tuple[float, float]:
    """Best seconds for jreadability and for Glocal over `texts`, in alternating rounds."""
    reference = glocal = float("inf")
    for _ in range(ROUNDS):
        reference = min(reference, timed(lambda: [compute_readability(t, tagger) for t in texts]))
        glocal = min(glocal, timed(lambda: [analyze(t) for t in texts]))
    return reference, glocal


def main() -> int:
    whole, docs = generate(), documents()
    size_kb = len(whole.encode()) / 1000
    tagger = fugashi.Tagger()

    # Same scores first: a fast wrong answer would be no answer.
    for text in [whole, *docs]:
        ours, theirs = analyze(text).score, compute_readability(text, tagger)
        if abs(ours - theirs) > 0.01:
            print(f"score mismatch: {ours} != {theirs} on {text[:40]!r}")
            return 1
    findings = len(analyze(whole).findings)
    print(f"corpus: {size_kb:.0f} KB, {findings} findings; scores agree with jreadability")

    reference, glocal = race(docs, tagger)
    print(
        f"as {len(docs)} documents: jreadability {size_kb / reference:5.0f} KB/s, "
        f"glocal {size_kb / glocal:5.0f} KB/s, ratio {reference / glocal:.2f}"
    )
    reference, glocal = race([whole], tagger)
    print(
        f"as one text:      jreadability {size_kb / reference:5.0f} KB/s, "
        f"glocal {size_kb / glocal:5.0f} KB/s (score, sentences and all findings)"
    )
    print(f"ratio={reference / glocal:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
