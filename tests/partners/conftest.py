import pytest


@pytest.fixture(autouse=True)
def _grants(places_beyond_home):
    """Every partners test may import the shared files (see places_beyond_home)."""
