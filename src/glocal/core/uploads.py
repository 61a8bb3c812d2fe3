"""The upload guard: limits on what an importer reads from a file someone sent.

Every importer reads its files through here or through `glocal.core.tables` (which uses this):
`load_yaml(file, limits=...)` for YAML, `tables.read_table(file, name, limits=...)` and
`tables.iter_table(…)` for CSV and XLSX, `tables.read_workbook(…)` for every sheet. A file
beyond a limit raises `TooLarge`, an `UnreadableFile` whose message names the limit, so that a
view answers 422 with it, a form shows it and a command stops with it; never a crash, and never
after the file has taken the server's memory or minutes of its time.

Two sets of limits: `WEB` for uploads through the staff pages and the API (the default), and
`COMMAND_LINE` for `glocal … import`, which may read larger files (never less than the web's).
Each limit is a `GLOCAL_UPLOAD_<NAME>` (web) or `GLOCAL_UPLOAD_CLI_<NAME>` (command line)
variable, read once at start-up; the README's "Uploads" section lists them.
"""

import io
import zipfile
from dataclasses import dataclass, fields
from typing import BinaryIO

from django.utils.translation import gettext as _

from glocal import env

MB = 1024 * 1024


class UnreadableFile(ValueError):
    """A file that cannot be read as what it claims to be; the message says why."""


class TooLarge(UnreadableFile):
    """A file beyond one of the limits; the message names the limit."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int  # the file as sent
    max_unpacked_bytes: int  # all the parts of an XLSX once unzipped
    max_parts: int  # files inside an XLSX
    max_rows: int  # rows of a sheet or CSV (a row number beyond it is refused, even if empty)
    max_columns: int  # columns of one row (trailing empty cells are not counted)
    max_cells: int  # cells of a whole file
    max_field_chars: int  # one cell or CSV field
    max_line_chars: int  # one CSV record (one line, or several for a quoted field with newlines)
    max_yaml_values: int  # scalars, lists and mappings in a YAML document
    max_depth: int  # lists and mappings nested in a YAML document


def _limits(prefix: str, defaults: Limits, floor: Limits | None = None) -> Limits:
    values = {
        f.name: env.integer(prefix + f.name.upper(), getattr(defaults, f.name))
        for f in fields(Limits)
    }
    if floor is not None:  # the command line never allows less than the web
        values = {name: max(value, getattr(floor, name)) for name, value in values.items()}
    return Limits(**values)


WEB = _limits(
    "GLOCAL_UPLOAD_",
    Limits(
        max_bytes=10 * MB,
        max_unpacked_bytes=50 * MB,
        max_parts=1000,
        max_rows=100_000,
        max_columns=256,
        max_cells=1_000_000,
        max_field_chars=32_767,  # Excel's own limit for a cell
        max_line_chars=MB,
        max_yaml_values=250_000,
        max_depth=100,
    ),
)
COMMAND_LINE = _limits(
    "GLOCAL_UPLOAD_CLI_",
    Limits(
        max_bytes=200 * MB,
        max_unpacked_bytes=1000 * MB,
        max_parts=1000,
        max_rows=2_000_000,
        max_columns=256,
        max_cells=20_000_000,
        max_field_chars=32_767,
        max_line_chars=MB,
        max_yaml_values=5_000_000,
        max_depth=100,
    ),
    floor=WEB,
)


def chosen(limits: Limits | None) -> Limits:
    """The limits asked for, else the web's (read when called, so settings and tests apply)."""
    return limits if limits is not None else WEB


def size(n: int) -> str:
    """10 MB, 512 KB, 900 bytes: a limit as people read it."""
    for unit, name in ((MB, "MB"), (1024, "KB")):
        if n >= unit:
            return f"{n / unit:,.1f}".removesuffix(".0") + f" {name}"
    return f"{n:,} bytes"


def count(n: int) -> str:
    return f"{n:,}"


def too_large(limit: int) -> TooLarge:
    return TooLarge(_("The file is too large (limit %(limit)s).") % {"limit": size(limit)})


# -- the file as sent ---------------------------------------------------------------------------


def open_bounded(file: bytes | BinaryIO, limits: Limits | None = None) -> BinaryIO:
    """A seekable binary stream of the file at its start, once its size is within the limit.
    `file` is bytes, an uploaded file or an open binary file; nothing beyond the limit is read."""
    limit = chosen(limits).max_bytes
    if isinstance(file, bytes | bytearray | memoryview):
        if len(file) > limit:
            raise too_large(limit)
        return io.BytesIO(file)
    if not _seekable(file):  # a pipe: read one byte past the limit to know
        data = file.read(limit + 1)
        if len(data) > limit:
            raise too_large(limit)
        return io.BytesIO(data)
    length = getattr(file, "size", None)
    if length is None:
        length = file.seek(0, io.SEEK_END)
    if length > limit:
        raise too_large(limit)
    file.seek(0)
    return file


def _seekable(file) -> bool:
    try:
        return bool(file.seekable())
    except (AttributeError, OSError, ValueError):
        return False


def read_bounded(file: bytes | BinaryIO, limits: Limits | None = None) -> bytes:
    """The file's bytes, but never more than one past the limit: enough for the readers here
    to refuse it by its size, without first holding a file of any size in memory."""
    limit = chosen(limits).max_bytes
    if isinstance(file, bytes):
        return file[: limit + 1]
    if _seekable(file):
        file.seek(0)
    return file.read(limit + 1)


# -- zipped files (XLSX) ------------------------------------------------------------------------


def unpacked_too_large(limit: int) -> TooLarge:
    return TooLarge(
        _("The workbook is too large once unpacked (limit %(limit)s).") % {"limit": size(limit)}
    )


class _Budget:
    """Bytes unpacked so far, over every part: stops reading while streaming, since the sizes a
    zip declares for its parts are written by whoever made the file."""

    def __init__(self, limit: int):
        self.limit, self.used = limit, 0

    def spend(self, n: int) -> None:
        self.used += n
        if self.used > self.limit:
            raise unpacked_too_large(self.limit)


class _CountedPart:
    """One part being unpacked, read in pieces so that no read runs past the budget."""

    PIECE = 64 * 1024

    def __init__(self, part, budget: _Budget):
        self.part, self.budget = part, budget

    def read(self, n: int = -1) -> bytes:
        if n is None or n < 0:
            return b"".join(iter(lambda: self.read(self.PIECE), b""))
        data = self.part.read(min(n, self.PIECE))
        self.budget.spend(len(data))
        return data

    def close(self) -> None:
        self.part.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class BoundedZip(zipfile.ZipFile):
    """A zip whose parts are counted as they are unpacked, after checking the number of parts
    and the sizes they declare. Raises TooLarge beyond either, and zipfile's errors for a
    damaged file."""

    def __init__(self, stream: BinaryIO, limits: Limits | None = None):
        super().__init__(stream)
        limits = chosen(limits)
        parts = self.infolist()
        if len(parts) > limits.max_parts:
            raise TooLarge(
                _("The workbook has too many parts (limit %(limit)s).")
                % {"limit": count(limits.max_parts)}
            )
        if sum(part.file_size for part in parts) > limits.max_unpacked_bytes:
            raise unpacked_too_large(limits.max_unpacked_bytes)
        self.budget = _Budget(limits.max_unpacked_bytes)

    def open(self, name, mode="r", pwd=None, **kwargs):
        part = super().open(name, mode, pwd, **kwargs)
        return _CountedPart(part, self.budget) if mode == "r" else part


# -- YAML ---------------------------------------------------------------------------------------


def _yaml():
    import yaml  # only the importers that read YAML pay for it

    return yaml


def yaml_loader():
    """yaml.SafeLoader refusing aliases (`*name`: a 500-byte "billion laughs" names one list a
    billion times) and bounding nesting and the number of values. Subclass it to add
    constructors; `load_yaml` takes the subclass."""
    yaml = _yaml()

    class GuardedLoader(yaml.SafeLoader):
        limits = WEB

        def too_deep(self, line: int) -> TooLarge:
            return TooLarge(
                _("line %(line)s: the document nests too deeply (limit %(limit)s levels).")
                % {"line": line, "limit": self.limits.max_depth}
            )

        # The scanner looks at every open bracket for each token it reads: 100,000 of them
        # take minutes before a single value is made, so the depth is checked there first.
        def fetch_flow_collection_start(self, TokenClass):
            if self.flow_level >= self.limits.max_depth:
                raise self.too_deep(self.line + 1)
            super().fetch_flow_collection_start(TokenClass)

        def add_indent(self, column):
            if len(self.indents) >= self.limits.max_depth:
                raise self.too_deep(self.line + 1)
            return super().add_indent(column)

        def compose_node(self, parent, index):
            event = self.peek_event()
            line = event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent):
                raise UnreadableFile(
                    _("line %(line)s: aliases (*%(name)s) are not accepted; write the value out.")
                    % {"line": line, "name": event.anchor}
                )
            self.values = getattr(self, "values", 0) + 1
            if self.values > self.limits.max_yaml_values:
                raise TooLarge(
                    _("line %(line)s: the document has too many values (limit %(limit)s).")
                    % {"line": line, "limit": count(self.limits.max_yaml_values)}
                )
            self.depth = getattr(self, "depth", 0) + 1
            try:
                if self.depth > self.limits.max_depth:
                    raise self.too_deep(line)
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

    return GuardedLoader


def load_yaml(file: bytes | BinaryIO, limits: Limits | None = None, loader=None):
    """The one document in a UTF-8 YAML file, read with `loader` (a subclass of
    `yaml_loader()`; the plain guarded loader by default). UnreadableFile for a broken file,
    TooLarge for one beyond the limits."""
    yaml = _yaml()
    stream = open_bounded(file, limits)
    try:
        text = stream.read().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(_("A YAML file must be UTF-8 text.")) from exc
    reader = (loader or yaml_loader())(text)
    reader.limits = chosen(limits)
    try:
        return reader.get_single_data()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = _("line %(line)s: ") % {"line": mark.line + 1} if mark else ""
        reason = getattr(exc, "problem", None) or str(exc)
        raise UnreadableFile(
            _("This is not valid YAML: %(where)s%(reason)s") % {"where": where, "reason": reason}
        ) from exc
    finally:
        reader.dispose()
