"""``python -m helpers.build``: see :mod:`helpers.build.run`."""

import sys

from helpers.build.run import main

sys.exit(main())
