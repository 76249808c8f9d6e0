"""Starts one Python worker process of mimocorb2 (control runs ``python -P run_worker.py <label>``).

The folder of this file goes first on sys.path, so ``import mimocorb2`` in a worker file finds
this runtime, not a ``mimocorb2/`` folder in the working directory (``-P`` keeps that off the path).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from mimocorb2._entry import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv))
