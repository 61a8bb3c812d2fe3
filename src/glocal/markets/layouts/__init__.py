"""The layouts a statistics file may come in, each turned into tidy rows (header first) for
glocal.markets.importer.

- `tidy`: one figure per row (see the importer).
- `jnto-arrivals`: JNTO's monthly visitor arrivals, countries × months (`jnto`).
- `jta-stays`: the Japan Tourism Agency's overnight-stay survey, prefectures × nationalities
  (`jta`); the period from `--period` or the title.
- `customs-exports`: the Ministry of Finance's trade statistics CSV by HS code and customs
  country code, thousands of yen (`customs`).

The publishers' layouts are reconstructed from what is publicly described of them, not checked
against downloaded files: each module says what it assumes.

A layout yields lists of cells; a `Numbered` list carries the row of the file it came from (and
where a cell came from elsewhere), so that the importer's problems name the cell the reader sees
in their spreadsheet. A file whose shape the layout does not recognise raises `UnreadableFile`
saying what was expected.
"""

from collections.abc import Callable, Iterable, Iterator

from django.utils.translation import gettext as _

from glocal.core.uploads import UnreadableFile
from glocal.markets.layouts.common import Numbered, column_letter, tidy
from glocal.markets.layouts.customs import customs_exports
from glocal.markets.layouts.jnto import jnto_arrivals
from glocal.markets.layouts.jta import jta_stays

__all__ = ["LAYOUTS", "OPTIONS", "Numbered", "column_letter", "read"]

LAYOUTS: dict[str, Callable[..., Iterator[list[str]]]] = {
    "tidy": tidy,
    "jnto-arrivals": jnto_arrivals,
    "jta-stays": jta_stays,
    "customs-exports": customs_exports,
}
# What each layout may be told on the command line, for what its file does not say.
OPTIONS: dict[str, tuple[str, ...]] = {
    "jta-stays": ("period", "status"),
    "customs-exports": ("status",),
}


def read(layout: str, rows: Iterable[list[str]], **options) -> Iterator[list[str]]:
    """The tidy rows of a file in `layout`; options left None are not given."""
    given = {name: value for name, value in options.items() if value is not None}
    refused = sorted(set(given) - set(OPTIONS.get(layout, ())))
    if refused:
        raise UnreadableFile(
            _("The %(layout)s layout takes no --%(option)s.")
            % {"layout": layout, "option": refused[0]}
        )
    return LAYOUTS[layout](rows, **given)
