"""Cross-cutting pieces: access rules, region visibility, layout, system checks."""
