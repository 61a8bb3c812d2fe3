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
    return findings
