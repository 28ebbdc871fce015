#!/usr/bin/env python
"""Django's command-line utility; the ``protokol`` console script does the same and more."""

import sys

from protokol.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
