"""`python -m wvisit` runs the same entry point as the `wvisit` command."""

import sys

from wvisit.cli import main

sys.exit(main())
