"""Deprecated: moved to :mod:`helpers.text.numbers` (also exported by :mod:`helpers.text`).

This module re-exports the public names of :mod:`helpers.text.numbers` for one release and
warns on import; change ``from helpers import numbers_zh`` to ``from helpers.text import numbers``.
"""

from __future__ import annotations

import sys
import warnings

from helpers.text.numbers import *  # noqa: F403  (re-export of the moved module)
from helpers.text.numbers import __all__  # noqa: F401


def _importer_level() -> int:
    """stacklevel that points at the code importing this module (2, plus the import machinery's frames)."""
    level, frame = 2, sys._getframe(2)
    machinery = ("helpers/__init__.py", "helpers\\__init__.py")
    while frame is not None and ("importlib" in (name := frame.f_code.co_filename) or name.endswith(machinery)):
        if "_bootstrap" not in name:  # warnings skips those frames itself
            level += 1
        frame = frame.f_back
    return level


warnings.warn(
    "helpers.numbers_zh is deprecated and will be removed in the next release; use helpers.text.numbers "
    "(or the same names from helpers.text)",
    DeprecationWarning,
    stacklevel=_importer_level(),
)
