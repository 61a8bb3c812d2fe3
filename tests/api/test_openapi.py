"""The published API is a contract: its OpenAPI document is compared with a reviewed snapshot.

After an intended change, refresh it with `UPDATE_SNAPSHOTS=1 pytest tests/api/test_openapi.py`.
"""

import json
import os
from pathlib import Path

SNAPSHOT = Path(__file__).with_name("openapi.json")


def test_openapi_matches_snapshot(client):
    current = client.get("/api/v1/openapi.json").json()
    if os.environ.get("UPDATE_SNAPSHOTS"):
        text = json.dumps(current, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        SNAPSHOT.write_text(text, encoding="utf-8")
    assert SNAPSHOT.exists(), "no snapshot: run with UPDATE_SNAPSHOTS=1, review and commit it"
    assert current == json.loads(SNAPSHOT.read_text(encoding="utf-8"))
