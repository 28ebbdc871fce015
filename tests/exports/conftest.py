import pytest

from tests.dashboards.fixtures import executed, grow, published  # noqa: F401


@pytest.fixture(autouse=True)
def _fresh_figures(settings):
    """Every request computes its figures: the one-minute cache has a test of its own."""
    settings.PROTOKOL_DASHBOARD_CACHE_SECONDS = 0
