"""``python -m bench``; see ``bench/run.py``."""

import sys
from pathlib import Path

# `make bench` puts hooks/ on PYTHONPATH; this lets `python -m bench` work without it too.
_HOOKS = str(Path(__file__).resolve().parent.parent / "hooks")
if _HOOKS not in sys.path:
    sys.path.insert(0, _HOOKS)

from bench.run import main  # noqa: E402 - needs the path above

sys.exit(main())
