"""Easy Japanese analysis throughput against the `jreadability` package, on the same corpus.

Both sides analyse the same ~200 KB corpus (bench/_corpus.py: notice-sized documents), document
by document, with their MeCab tagger already loaded; jreadability gets a kept-alive tagger, its
fastest use. Glocal computes the score *and* every rule's findings. The best of several rounds
is taken for each. The last line is Glocal's throughput over jreadability's (target ≥ 1.0).
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import fugashi
from _corpus import documents
from jreadability import compute_readability

from glocal.easyja import analyze

ROUNDS = 5


def best_time(work) -> float:
    best = float("inf")
    for _ in range(ROUNDS):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    docs = documents()
    size_kb = sum(len(d.encode()) for d in docs) / 1000
    tagger = fugashi.Tagger()

    # Same scores first: a fast wrong answer would be no answer.
    for doc in docs:
        ours, theirs = analyze(doc).score, compute_readability(doc, tagger)
        if abs(ours - theirs) > 0.01:
            print(f"score mismatch: {ours} != {theirs} on {doc[:40]!r}")
            return 1

    reference = best_time(lambda: [compute_readability(doc, tagger) for doc in docs])
    glocal = best_time(lambda: [analyze(doc) for doc in docs])
    findings = sum(len(analyze(doc).findings) for doc in docs)

    print(f"corpus: {size_kb:.0f} KB in {len(docs)} documents; {findings} findings")
    print(f"jreadability: {size_kb / reference:8.0f} KB/s (score only)")
    print(f"glocal:       {size_kb / glocal:8.0f} KB/s (score, sentences and all findings)")
    print(f"ratio={reference / glocal:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
