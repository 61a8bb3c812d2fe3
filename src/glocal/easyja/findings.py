"""A finding: one thing that makes the text harder, where it is, and what to write instead."""

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)


class Finding:
    """Messages are templates filled in when read: a long notice has thousands of findings and
    a page shows few of them."""

    __slots__ = ("_en", "_ja", "_params", "end", "replacement", "rule", "severity", "start")
    __slots__ += ("suggestion", "text")

    def __init__(
        self,
        rule,
        severity,
        start,
        end,
        text,
        ja,
        en,
        suggestion=None,
        params=None,
        replacement=None,
    ):
        self.rule = rule
        self.severity = severity
        self.start = start  # character offsets into the analysed text, end exclusive
        self.end = end
        self.text = text
        self.suggestion = suggestion  # advice, possibly with ◯ to fill in or ／ alternatives
        # Text that can be pasted over text[start:end] as it is, or None when there is none.
        self.replacement = replacement
        self._ja, self._en, self._params = ja, en, params

    @property
    def message_ja(self) -> str:
        return self._ja.format_map(self._params) if self._params else self._ja

    @property
    def message_en(self) -> str:
        return self._en.format_map(self._params) if self._params else self._en

    def message(self, language: str = "ja") -> str:
        return self.message_en if language == "en" else self.message_ja

    def as_dict(self, language: str = "ja") -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "message": self.message(language),
            "messages": {"ja": self.message_ja, "en": self.message_en},
            "suggestion": self.suggestion,
            "replacement": self.replacement,
        }

    def __eq__(self, other):
        if not isinstance(other, Finding):
            return NotImplemented
        return self.as_dict() == other.as_dict()

    __hash__ = None

    def __repr__(self) -> str:
        return f"<Finding {self.rule} {self.severity} {self.start}:{self.end} {self.text!r}>"
