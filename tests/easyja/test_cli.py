"""glocal easyja check|ruby FILE|- as a user runs it."""

import json
import os
import subprocess
import sys

from tests.core.test_settings import run_glocal

TEXT = "ご注意ください。\n15:30に集合。"


def easyja(tmp_path, *args, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    """Run the command with bytes on standard input (run_glocal takes no input)."""
    command = [sys.executable, "-m", "glocal", "easyja", *args]
    environment = {"GLOCAL_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    if "PYTHONPATH" in os.environ:  # a worktree's sources, not the installed ones
        environment["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return subprocess.run(
        command, input=stdin, capture_output=True, env=environment, timeout=120, check=False
    )


def test_check_prints_a_report_with_line_and_column(tmp_path):
    source = tmp_path / "notice.txt"
    source.write_text(TEXT, encoding="utf-8")
    result = run_glocal("easyja", "check", str(source), GLOCAL_HOME=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "スコア" in result.stdout
    assert "1:1: 警告 [honorific] 「ご注意ください」" in result.stdout
    assert "→ 注意してください" in result.stdout
    assert "2:1: 警告 [date_format] 「15:30」" in result.stdout


def test_check_json_has_offsets_into_the_input(tmp_path):
    result = easyja(tmp_path, "check", "-", "--json", "--lang", "en", stdin=TEXT.encode())
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data["score"], float)
    assert data["level"] is None  # two short sentences: no band
    assert data["level_label"] == "too short for a reliable level"
    assert data["level_reliable"] is False
    assert [s["text"] for s in data["sentences"]] == ["ご注意ください。", "15:30に集合。"]
    clock = next(f for f in data["findings"] if f["rule"] == "date_format")
    assert TEXT[clock["start"] : clock["end"]] == "15:30"
    assert clock["suggestion"] == "午後3時30分"
    assert clock["replacement"] == "午後3時30分"
    assert clock["message"].startswith("Clock times")


def test_shift_jis_files_are_read(tmp_path):
    source = tmp_path / "sjis.txt"
    source.write_bytes("避難所に行ってください。".encode("cp932"))
    result = run_glocal("easyja", "ruby", str(source), GLOCAL_HOME=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "<ruby>避難所<rt>ひなんじょ</rt></ruby>" in result.stdout


def test_fail_on_warning_exits_2(tmp_path):
    result = easyja(tmp_path, "check", "-", "--fail-on", "warning", stdin=TEXT.encode())
    assert result.returncode == 2
    clean = easyja(tmp_path, "check", "-", "--fail-on", "warning", stdin="雨です。".encode())
    assert clean.returncode == 0


def test_empty_input_is_refused_with_a_message(tmp_path):
    result = easyja(tmp_path, "check", "-", stdin=b"  \n ")
    assert result.returncode == 1
    assert "standard input is empty" in result.stderr.decode()


def test_unreadable_file_is_refused_with_a_message(tmp_path):
    result = run_glocal("easyja", "check", str(tmp_path / "missing.txt"), GLOCAL_HOME=str(tmp_path))
    assert result.returncode == 1
    assert "Cannot read" in result.stderr
    assert "missing.txt" in result.stderr


def test_binary_file_is_refused_with_a_message(tmp_path):
    source = tmp_path / "image.png"
    source.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\x00\x81")
    result = run_glocal("easyja", "ruby", str(source), GLOCAL_HOME=str(tmp_path))
    assert result.returncode == 1
    assert "is not text" in result.stderr
