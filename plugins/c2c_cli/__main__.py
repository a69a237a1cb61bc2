"""`python -m c2c_cli`: the `c2c` command through the running interpreter."""

import sys

from . import main

sys.exit(main())
