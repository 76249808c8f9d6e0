"""Atomic operations on words of a shared mapping, through libatomic (Python has none of its own).

GCC's ``libatomic.so.1`` (Debian package ``libatomic1``) exports ``__atomic_*`` functions that take
a plain address; for 4 and 8 bytes on x86-64 and aarch64 they are lock-free, so they agree with
Node's ``Atomics`` on the same words in another process. Each call costs a ctypes round trip
(about 0.5 µs), so the protocol reads words with plain loads where a compare-and-swap checks them
afterwards, and calls these only to change shared words.
"""

import ctypes
import platform

SEQ_CST = 5

#: x86-64 keeps a core's aligned stores in order and never reorders loads with loads (TSO), so a
#: word that only its owner writes may be stored with a plain write there; elsewhere libatomic.
PLAIN_STORES_ARE_ORDERED = platform.machine() in ("x86_64", "AMD64")

try:
    _lib = ctypes.CDLL("libatomic.so.1")
except OSError as error:  # pragma: no cover - depends on the machine
    raise ImportError(
        "mimocorb2's Python runtime needs libatomic.so.1 for its shared-memory atomics: "
        "install the Debian package libatomic1 (apt install libatomic1)"
    ) from error


def _bind(name, restype, *argtypes):
    function = getattr(_lib, name)
    function.restype = restype
    function.argtypes = argtypes
    return function


_ptr = ctypes.c_void_p
_int = ctypes.c_int

_load4 = _bind("__atomic_load_4", ctypes.c_int32, _ptr, _int)
_store4 = _bind("__atomic_store_4", None, _ptr, ctypes.c_int32, _int)
_cas4 = _bind("__atomic_compare_exchange_4", ctypes.c_bool, _ptr, _ptr, ctypes.c_int32, _int, _int)
_add4 = _bind("__atomic_fetch_add_4", ctypes.c_int32, _ptr, ctypes.c_int32, _int)
_exchange4 = _bind("__atomic_exchange_4", ctypes.c_int32, _ptr, ctypes.c_int32, _int)
_load8 = _bind("__atomic_load_8", ctypes.c_int64, _ptr, _int)
_add8 = _bind("__atomic_fetch_add_8", ctypes.c_int64, _ptr, ctypes.c_int64, _int)

# One expected-value cell per process: the protocol is used from one thread.
_expected = ctypes.c_int32(0)
_expected_address = ctypes.addressof(_expected)

#: ctypes calls made so far in this process (for the benchmark's "where the time goes").
calls = [0]


def load32(address):
    calls[0] += 1
    return _load4(address, SEQ_CST)


def store32(address, value):
    calls[0] += 1
    _store4(address, value, SEQ_CST)


def cas32(address, expected, desired):
    """Compare-and-swap of an int32; True when the word was ``expected`` and is now ``desired``."""
    calls[0] += 1
    _expected.value = expected
    return _cas4(address, _expected_address, desired, SEQ_CST, SEQ_CST)


def add32(address, value):
    """Adds ``value``; returns the word before."""
    calls[0] += 1
    return _add4(address, value, SEQ_CST)


def exchange32(address, value):
    calls[0] += 1
    return _exchange4(address, value, SEQ_CST)


def load64(address):
    calls[0] += 1
    return _load8(address, SEQ_CST)


def add64(address, value):
    """Adds ``value`` to an int64; returns the value before."""
    calls[0] += 1
    return _add8(address, value, SEQ_CST)
