"""Protocols: import, review, publication, and the documents sent to the regions."""
