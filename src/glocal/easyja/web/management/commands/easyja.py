"""glocal easyja check|ruby FILE|-: the Easy Japanese engine on the command line."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from glocal import easyja
from glocal.easyja.kanji import DEFAULT_SET, SET_NAMES
from glocal.easyja.web.report import plain_report

# Office files come as UTF-8 (with or without a BOM) or as Shift_JIS (CP932).
ENCODINGS = ("utf-8-sig", "cp932")


def read_text(name: str, encoding: str | None) -> str:
    if name == "-":
        data = sys.stdin.buffer.read()
        label = "standard input"
    else:
        path = Path(name)
        label = str(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {label}: {exc.strerror}.") from exc
    for candidate in (encoding,) if encoding else ENCODINGS:
        try:
            return data.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
    tried = encoding or " or ".join(ENCODINGS)
    raise CommandError(f"{label} is not text in {tried}; give the right one with --encoding.")


class Command(BaseCommand):
    help = "Check Japanese text against the Easy Japanese rules, or add furigana to it."
    requires_system_checks = []

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="check|ruby")
        check = actions.add_parser("check", help="score, level and findings for a text")
        check.add_argument("file", help="a text file, or - for standard input")
        check.add_argument("--json", action="store_true", help="print JSON instead of a report")
        check.add_argument("--lang", choices=("ja", "en"), default="ja", help="message language")
        check.add_argument("--max-chars", type=int, default=40, help="longest sentence")
        check.add_argument("--max-clauses", type=int, default=3, help="most clauses a sentence")
        check.add_argument("--kanji-set", choices=SET_NAMES, default=DEFAULT_SET)
        check.add_argument(
            "--fail-on",
            choices=easyja.SEVERITIES,
            help="exit with status 2 when there is a finding this severe or worse",
        )
        check.add_argument("--encoding", help="the file's encoding (default: UTF-8, else CP932)")
        ruby = actions.add_parser("ruby", help="the text as HTML with furigana")
        ruby.add_argument("file", help="a text file, or - for standard input")
        ruby.add_argument(
            "--above-grade",
            type=int,
            choices=range(0, 8),
            metavar="0-7",
            help="only words with a kanji past this school grade (7: past jōyō)",
        )
        ruby.add_argument("--encoding", help="the file's encoding (default: UTF-8, else CP932)")

    def handle(self, *args, action, file, encoding=None, **options):
        text = read_text(file, encoding)
        if not text.strip():
            raise CommandError(f"{'standard input' if file == '-' else file} is empty.")
        if action == "ruby":
            self.stdout.write(easyja.ruby_html(text, above_grade=options["above_grade"]))
            return
        try:
            settings = easyja.Options(
                max_sentence_chars=options["max_chars"],
                max_clauses=options["max_clauses"],
                kanji_set=options["kanji_set"],
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        result = easyja.analyze(text, settings)
        language = options["lang"]
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(language), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(plain_report(result, language))
        threshold = options["fail_on"]
        if threshold:
            worse = easyja.SEVERITIES[: easyja.SEVERITIES.index(threshold) + 1]
            if any(f.severity in worse for f in result.findings):
                sys.exit(2)
