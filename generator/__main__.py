"""`python -m generator` is the `telepolicy` command."""

import sys

from generator.cli import main

sys.exit(main())
