"""Command line: `python -m explorer snapshot` records the live catalog into the history (for a scheduler)."""

import sys

from explorer.history.cli import main

sys.exit(main(sys.argv[1:]))
