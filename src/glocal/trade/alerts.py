"""Placeholder replaced below."""


def changed(version_id: int) -> None:
    return None
