"""`python -m telepolicy.generator` is the `telepolicy` command."""

import sys

from telepolicy.generator.cli import main

sys.exit(main())
