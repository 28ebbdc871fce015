"""The production calendar as the administrator maintains it (overrides of the packaged one)."""
