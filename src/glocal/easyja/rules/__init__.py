"""The rules. Each module's `check(doc)` yields findings; RULE_IDS lists every rule id.

Rules follow the guidelines Japanese public bodies write Easy Japanese by: 在留支援のための
やさしい日本語ガイドライン (出入国在留管理庁・文化庁, 2020) and the Hirosaki University
「やさしい日本語」作成のためのガイドライン for disaster information. See README.md.
"""

from dataclasses import dataclass
from operator import attrgetter

from ..options import Options
from ..sentences import Sentence
from ..tokens import Tagged
from . import dates, negation, politeness, structure, vocabulary, voice


@dataclass(frozen=True, slots=True)
class Document:
    text: str
    tagged: Tagged
    sentences: list[Sentence]
    options: Options


MODULES = (structure, politeness, negation, voice, vocabulary, dates)
RULE_IDS = tuple(rule for module in MODULES for rule in module.RULES)
# Rules about words: where two of their findings overlap, they are about the same words, and
# the one over the longer span says it (危険性 over 危険, 避難情報 over 避難).
WORD_RULES = frozenset(vocabulary.RULES) | {"vague_time", "honorific"}


def _merge_overlapping(findings: list) -> list:
    """Findings sorted by start (longer first): word findings that overlap an earlier, longer
    one are dropped; a longer one replaces a shorter one it overlaps."""
    kept = []
    last_word = None  # the word finding that reaches furthest so far
    for finding in findings:
        if finding.rule not in WORD_RULES:
            kept.append(finding)
            continue
        if last_word is not None and finding.start < last_word.end:
            if finding.end - finding.start <= last_word.end - last_word.start:
                continue
            kept.remove(last_word)
        kept.append(finding)
        last_word = finding
    return kept


def check(doc: Document) -> list:
    findings = []
    skip = doc.options.skip
    for module in MODULES:
        if not skip.issuperset(module.RULES):
            findings.extend(module.check(doc))
    if skip:
        findings = [f for f in findings if f.rule not in skip]
    # By start, longer spans first, then by rule: three stable sorts on C-level keys.
    findings.sort(key=attrgetter("rule"))
    findings.sort(key=attrgetter("end"), reverse=True)
    findings.sort(key=attrgetter("start"))
    return _merge_overlapping(findings)
