"""The layouts a statistics file may come in, each turned into tidy rows (header first) for
glocal.markets.importer. Only the tidy layout is supported so far; the publishers' own
spreadsheets (JNTO's countries × months, the overnight-stay survey's prefecture × nationality,
customs' HS × country) are to be added here, each as a function from rows to tidy rows."""

from collections.abc import Callable, Iterable, Iterator


def tidy(rows: Iterable[list[str]]) -> Iterator[list[str]]:
    return iter(rows)


LAYOUTS: dict[str, Callable[[Iterable[list[str]]], Iterator[list[str]]]] = {"tidy": tidy}
