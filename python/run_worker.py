"""Starts one Python worker process of mimocorb2 (control runs ``python -P run_worker.py <label>``).

The folder of this file goes first on sys.path, so ``import mimocorb2`` in a worker file finds
this runtime, not a ``mimocorb2/`` folder in the working directory (``-P`` keeps that off the
path). The entry is loaded by its path, before the package: so that a missing numpy is reported
through the protocol like any other failure of the worker.
"""

import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
# No __pycache__ inside the installed package (it may be read-only, or shared by several users).
sys.dont_write_bytecode = True

if __name__ == "__main__":
    spec = importlib.util.spec_from_file_location("mimocorb2_entry", os.path.join(HERE, "mimocorb2", "_entry.py"))
    entry = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(entry)
    sys.exit(entry.main(sys.argv))
