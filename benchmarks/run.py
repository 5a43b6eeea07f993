"""Run every benchmark in this folder (``make bench``): each ``bench_*.py`` exposes ``main()``.

Benchmarks measure speed on demand; they are not tests and assert nothing.
Run one alone with ``python benchmarks/bench_notebooks.py``.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks named in ``argv`` (file stems), or all of them."""
    wanted = set(argv if argv is not None else sys.argv[1:])
    for path in sorted(HERE.glob("bench_*.py")):
        if wanted and path.stem not in wanted:
            continue
        print(f"\n=== {path.stem} ===", flush=True)
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        assert spec.loader is not None
        spec.loader.exec_module(module)
        module.main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
