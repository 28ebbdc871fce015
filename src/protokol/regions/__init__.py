"""The 89 subjects of the Russian Federation, loaded from ``protokol.extraction`` data."""
