"""A throwaway PostgreSQL server for the test suite, started with initdb and pg_ctl.

PostgreSQL refuses to run as root, so as root the server runs as the `postgres` system user
that Debian's package creates.
"""

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


class PostgresUnavailable(Exception):
    pass


def _bindir() -> Path:
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(candidate, "initdb").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    raise PostgresUnavailable(
        "initdb was not found: install PostgreSQL (apt-get install postgresql)"
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class PostgresServer:
    root: Path
    port: int
    bindir: Path
    run_as: str | None

    def _run(self, *args: str) -> None:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.run_as:
            command = ["runuser", "-u", self.run_as, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise PostgresUnavailable(f"{args[0]} failed: {result.stderr.strip()}")

    @classmethod
    def start(cls) -> "PostgresServer":
        bindir = _bindir()
        run_as = None
        root = Path(tempfile.mkdtemp(prefix="glocal-pg-"))
        if os.geteuid() == 0:
            try:
                pw = pwd.getpwnam("postgres")
            except KeyError:
                raise PostgresUnavailable("running as root needs the 'postgres' user") from None
            run_as = "postgres"
            os.chown(root, pw.pw_uid, pw.pw_gid)
        server = cls(root=root, port=_free_port(), bindir=bindir, run_as=run_as)
        data = root / "data"
        server._run(
            "initdb",
            "-D",
            str(data),
            "--auth=trust",
            "--username=glocal",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        options = (
            f"-p {server.port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=100"
        )
        server._run(
            "pg_ctl", "-D", str(data), "-o", options, "-l", str(root / "log"), "-w", "start"
        )
        return server

    @property
    def url(self) -> str:
        return f"postgres://glocal@127.0.0.1:{self.port}/glocal"

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
