"""Protokol: meeting protocols turned into controlled execution across the regions."""
