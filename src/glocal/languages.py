"""Content languages: the one registry of the languages notices are written in.

Tags are BCP 47. Easy Japanese has no registered tag, so it uses the private-use tag
`ja-x-easy`: still Japanese to browsers, screen readers and `:lang(ja)`.
Plain Python (no Django), so the Easy Japanese library and the loaders can use it too.
"""

from dataclasses import dataclass


class UnknownLanguage(ValueError):
    def __init__(self, tag: str):
        super().__init__(f"Unknown language {tag!r}; use one of: {', '.join(TAGS)}.")
        self.tag = tag


@dataclass(frozen=True)
class ContentLanguage:
    tag: str  # BCP 47, as in lang="…"
    native: str  # its name in its own language and script
    japanese: str
    english: str
    locale: str  # Babel locale for dates, times and numbers
    direction: str = "ltr"
    # A clock pattern where the locale's short time reads badly (Korean gets "PM 3:30").
    time_pattern: str = "short"

    @property
    def is_japanese(self) -> bool:
        return self.tag in (JAPANESE, EASY_JAPANESE)


JAPANESE, EASY_JAPANESE = "ja", "ja-x-easy"

# Japanese first, then the languages of Japan's largest foreign resident groups.
CONTENT_LANGUAGES = (
    ContentLanguage("ja", "日本語", "日本語", "Japanese", "ja"),
    ContentLanguage("ja-x-easy", "やさしい にほんご", "やさしい日本語", "Easy Japanese", "ja"),
    ContentLanguage("en", "English", "英語", "English", "en"),
    ContentLanguage(
        "zh-Hans", "简体中文", "中国語（簡体字）", "Chinese (Simplified)", "zh_Hans_CN"
    ),
    ContentLanguage(
        "zh-Hant", "繁體中文", "中国語（繁体字）", "Chinese (Traditional)", "zh_Hant_TW"
    ),
    ContentLanguage("ko", "한국어", "韓国語", "Korean", "ko", time_pattern="aaaa h:mm"),
    ContentLanguage("vi", "Tiếng Việt", "ベトナム語", "Vietnamese", "vi"),
    ContentLanguage("tl", "Tagalog", "タガログ語", "Tagalog (Filipino)", "fil"),
    ContentLanguage("pt", "Português", "ポルトガル語", "Portuguese", "pt_BR"),
    ContentLanguage("es", "Español", "スペイン語", "Spanish", "es"),
    ContentLanguage("ne", "नेपाली", "ネパール語", "Nepali", "ne"),
    ContentLanguage("id", "Bahasa Indonesia", "インドネシア語", "Indonesian", "id"),
    ContentLanguage("th", "ไทย", "タイ語", "Thai", "th"),
    ContentLanguage("my", "မြန်မာဘာသာ", "ミャンマー語", "Burmese", "my"),
    ContentLanguage("km", "ភាសាខ្មែរ", "クメール語", "Khmer", "km"),
    ContentLanguage("mn", "Монгол хэл", "モンゴル語", "Mongolian", "mn"),
)
TAGS = tuple(language.tag for language in CONTENT_LANGUAGES)
_BY_TAG = {language.tag: language for language in CONTENT_LANGUAGES}
_BY_LOWER = {tag.lower(): tag for tag in TAGS}


def get(tag: str) -> ContentLanguage:
    """The language for a tag, matched without regard to case (zh-hans is zh-Hans)."""
    found = _BY_TAG.get(tag) or _BY_TAG.get(_BY_LOWER.get(tag.lower(), ""))
    if found is None:
        raise UnknownLanguage(tag)
    return found


def normalise(tag: str) -> str:
    return get(tag).tag


def choices() -> list[tuple[str, str]]:
    return [
        (language.tag, f"{language.japanese} ({language.native})") for language in CONTENT_LANGUAGES
    ]
