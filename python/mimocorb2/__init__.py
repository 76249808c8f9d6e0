"""mimocorb2's Python runtime: the original mimoCoRB2's worker API on mimocorb2's buffers.

Worker files of the original run unchanged: ``import mimocorb2 as mi2``, ``mi2.Importer(io)``...
Control starts each process of a ``.py`` worker with this package on ``sys.path``; no install.
"""

try:
    import numpy  # noqa: F401
except ImportError as error:  # pragma: no cover - depends on the machine
    raise ImportError(
        "mimocorb2's Python workers need numpy: install the Debian package python3-numpy "
        "(apt install python3-numpy), or name an interpreter that has numpy with the worker key 'python:'"
    ) from error

from .mimo_worker import BufferIO
from .worker_templates import Exporter, Filter, Importer, IsAlive, Observer, Processor, SetupError, UfuncError

__version__ = "0.1.0"

__all__ = ["BufferIO", "SetupError", "UfuncError", "Importer", "Exporter", "Filter", "Processor", "Observer", "IsAlive"]
