"""SQLite whose writers queue on a lock file instead of sleeping on the database lock.

SQLite admits one writer at a time. A writer that finds the database locked is put to sleep by
SQLite's busy handler for 1, 2, 5, 10, 15 … 100 milliseconds before it tries again, so under a
burst of short writes (phones checking people in at the door, a worker sending alerts) the lock
is often free while the writers sleep. Here a transaction first takes an exclusive `flock` on
`<database>.writer`, trying again every 0.05 to 0.2 ms, so the next writer starts soon after the
last one commits, across threads and processes alike. (bench/checkin.py: ratio 0.32–0.34 with
these pauses, 0.28–0.35 with pauses up to 0.5 ms, 0.30 up to 2 ms, 0.27–0.31 without a queue.)

The wait is bounded by the database timeout: past it the transaction goes on under SQLite's own
lock, as it would without this file. (A blocking flock woke writers sooner still, but has no
timeout: behind a long import the door would wait without end instead of failing.) Writes
outside a transaction, and any other program opening the database, are served by SQLite's lock
alone.
"""

import fcntl
import os
import time

from django.db.backends.sqlite3 import base

FIRST_PAUSE = 0.00005  # seconds; doubled after each try, up to LONGEST_PAUSE
LONGEST_PAUSE = 0.0002


class DatabaseWrapper(base.DatabaseWrapper):
    _queue_fd: int | None = None
    _in_queue = False

    def _writer_queue(self) -> int | None:
        """This connection's own descriptor of the lock file: flock belongs to an open file,
        so each thread's connection waits on the others'. None for a database in memory."""
        if self._queue_fd is None and not self.is_in_memory_db():
            path = f"{self.settings_dict['NAME']}.writer"
            self._queue_fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        return self._queue_fd

    def _join_queue(self) -> None:
        queue = self._writer_queue()
        if queue is None:
            return
        deadline = time.monotonic() + float(self.settings_dict["OPTIONS"].get("timeout", 5))
        pause = FIRST_PAUSE
        while True:
            try:
                fcntl.flock(queue, fcntl.LOCK_EX | fcntl.LOCK_NB)
                self._in_queue = True
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    return  # SQLite's busy timeout has the last word
                time.sleep(pause)
                pause = min(pause * 2, LONGEST_PAUSE)

    def _leave_queue(self) -> None:
        if self._in_queue:
            self._in_queue = False
            fcntl.flock(self._queue_fd, fcntl.LOCK_UN)

    def _start_transaction_under_autocommit(self):
        # Only a transaction that takes the write lock at BEGIN waits its turn.
        if self.transaction_mode == "IMMEDIATE":
            self._join_queue()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._leave_queue()
            raise

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._leave_queue()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._leave_queue()

    def _close(self):
        try:
            return super()._close()
        finally:
            self._leave_queue()
            if self._queue_fd is not None:
                os.close(self._queue_fd)
                self._queue_fd = None
