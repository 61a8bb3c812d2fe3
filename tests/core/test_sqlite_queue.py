"""Writers on the embedded SQLite queue on `<database>.writer`: a transaction holds the file's
lock from BEGIN to COMMIT or ROLLBACK, the next writer gets it as soon as it is free, and a wait
longer than the database timeout gives up its place and goes on under SQLite's own lock."""

import fcntl
import os
import threading
import time

import pytest

from glocal.core.sqlite.base import DatabaseWrapper


@pytest.fixture(autouse=True)
def own_database_files(django_db_blocker):
    """These tests open their own database files, not the test database."""
    with django_db_blocker.unblock():
        yield


def database(path, timeout=5.0) -> DatabaseWrapper:
    settings = {
        "ENGINE": "glocal.core.sqlite",
        "NAME": str(path),
        "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": timeout},
        "ATOMIC_REQUESTS": False,
        "AUTOCOMMIT": True,
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
        "TIME_ZONE": None,
        "USER": "",
        "PASSWORD": "",
        "HOST": "",
        "PORT": "",
        "TEST": {},
    }
    connection = DatabaseWrapper(settings, alias=f"queue-test-{threading.get_ident()}")
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS arrival (ticket INTEGER UNIQUE)")
    return connection


def begin(connection) -> None:
    connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)


def end(connection, how="commit") -> None:
    getattr(connection, how)()
    connection.set_autocommit(True)


def queue_is_free(path) -> bool:
    """Whether another writer could take its place now."""
    fd = os.open(f"{path}.writer", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(fd)


@pytest.mark.parametrize("how", ["commit", "rollback"])
def test_a_transaction_holds_the_queue_until_it_ends(tmp_path, how):
    path = tmp_path / "glocal.sqlite3"
    connection = database(path)
    begin(connection)
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO arrival VALUES (1)")
    assert not queue_is_free(path)
    end(connection, how)
    assert queue_is_free(path)
    connection.close()


def test_closing_a_connection_in_a_transaction_frees_the_queue(tmp_path):
    path = tmp_path / "glocal.sqlite3"
    connection = database(path)
    begin(connection)
    assert not queue_is_free(path)
    connection.close()
    assert queue_is_free(path)


def test_a_second_writer_waits_its_turn_and_both_rows_are_kept(tmp_path):
    path = tmp_path / "glocal.sqlite3"
    first_in, times = threading.Event(), {}

    def first():
        connection = database(path)
        begin(connection)
        first_in.set()
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO arrival VALUES (1)")
        time.sleep(0.3)
        times["first committed"] = time.monotonic()
        end(connection)
        connection.close()

    def second():
        first_in.wait()
        connection = database(path)
        begin(connection)
        times["second began"] = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO arrival VALUES (2)")
        end(connection)
        connection.close()

    threads = [threading.Thread(target=f, daemon=True) for f in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    waited = times["second began"] - times["first committed"]
    assert 0 <= waited < 0.05  # in turn, and promptly
    reader = database(path)
    with reader.cursor() as cursor:
        cursor.execute("SELECT ticket FROM arrival ORDER BY ticket")
        assert cursor.fetchall() == [(1,), (2,)]
    reader.close()


def test_a_wait_past_the_timeout_goes_on_under_sqlites_lock(tmp_path):
    path = tmp_path / "glocal.sqlite3"
    connection = database(path, timeout=0.3)
    stuck = os.open(f"{path}.writer", os.O_RDWR | os.O_CREAT)
    fcntl.flock(stuck, fcntl.LOCK_EX)  # a writer that never lets go of its place
    started = time.monotonic()
    begin(connection)
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO arrival VALUES (1)")
    end(connection)
    assert 0.3 <= time.monotonic() - started < 3
    os.close(stuck)
    assert queue_is_free(path)  # it did not keep a place it never had
    begin(connection)  # and the next transaction queues again
    assert not queue_is_free(path)
    end(connection)
    connection.close()


def test_a_database_in_memory_has_no_queue(tmp_path):
    connection = database(":memory:")
    begin(connection)
    end(connection)
    connection.close()
    assert not list(tmp_path.iterdir())
    assert not os.path.exists(":memory:.writer")
