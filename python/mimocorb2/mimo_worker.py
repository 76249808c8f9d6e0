"""BufferIO and the raw buffer interfaces, as the original mimoCoRB2's ``mimocorb2.mimo_worker``.

``with io.write[0] as (metadata, data)``, ``with io.read[0] as (metadata, data)`` and
``with io.observe[0] as (metadata, data)`` work as in the original, on mimocorb2's buffers.
"""

import logging
import time
from pathlib import Path

from . import _buffer
from ._display import Display
from ._runtime import runtime

_OBSERVE_POLL_S = 0.005


class Config(dict):
    """The worker's merged config (a dict), as control resolved it from the setup file."""


class MissingKeyError(KeyError):
    """A key the worker reads that its config does not have; prints its message without KeyError's quotes."""

    def __str__(self):
        return str(self.args[0])


class _Flag:
    """Reads a flag of the buffer file each time, like the original's multiprocessing.Value."""

    def __init__(self, read):
        self._read = read

    @property
    def value(self):
        return self._read()

    def __bool__(self):
        return self._read()


class _BufferInfo:
    """What the original's ``interface.buffer`` (its mimoBuffer) tells about the buffer's layout."""

    metadata_length = 1

    def __init__(self, interface):
        self.name = interface.name
        self.slot_count = interface.slot_count
        self.data_length = interface.data_example.shape[0]
        self.data_dtype = interface.data_example.dtype
        self.data_example = interface.data_example
        self.metadata_dtype = interface.metadata_example.dtype
        self.metadata_example = interface.metadata_example


class _Interface:
    def __init__(self, file):
        self.file = file
        self.arrays = _buffer.SlotArrays(file)
        self.name = file.name
        self.slot_count = file.slot_count
        self.data_example = self.arrays.example
        self.metadata_example = self.arrays.metadata_example
        self.buffer = _BufferInfo(self)
        self._stats_since = (time.monotonic(), file.stats()["written"])

    def get_stats(self):
        """The buffer's statistics now: the original's keys (``event_count``, ``filled_slots`` and
        ``empty_slots`` as fractions of the slots, ``flush_event_received``, ``rate`` in events per
        second since the previous call, ``paused_count``, ``paused``; not ``average_deadtime``) and
        this port's counters (``written``, ``read``, ``overwritten``, ... as ``BufferStats``)."""
        stats = self.file.stats()
        now = time.monotonic()
        written = stats["written"]
        seconds = now - self._stats_since[0]
        rate = (written - self._stats_since[1]) / seconds if seconds > 0 else 0.0
        self._stats_since = (now, written)
        return {
            "event_count": written,
            "filled_slots": stats["filled"] / self.slot_count,
            "empty_slots": stats["free"] / self.slot_count,
            "flush_event_received": stats["ended"],
            "rate": rate,
            "paused_count": stats["discarded"],
            "paused": stats["paused"],
            **stats,
        }

    def __repr__(self):
        return f"{type(self).__name__}({self.name!r})"


class BufferReader(_Interface):
    """``with reader as (metadata, data)``: the next event, ``(None, None)`` once the stream ended.

    ``data`` is a view on the slot when numpy can view it (one field, or data_length 1), else a
    packed copy; both are valid inside the ``with`` block (copy what you keep)."""

    def __init__(self, file):
        super().__init__(file)
        self.reader = _buffer.Reader(file)
        self.is_shutdown = _Flag(lambda: file.is_ended)
        self.slot = None

    def __enter__(self):
        runtime.ready()
        self.slot = self.reader.next()
        if self.slot is None:
            return [None, None]
        return [self.arrays.metadata(self.slot), self.arrays.data(self.slot)]

    def __exit__(self, exc_type, exc_value, traceback):
        # The slot is released by the next read (or close), so its token can travel in a batch.
        return None

    def close(self):
        self.reader.close()


class BufferWriter(_Interface):
    """``with writer as (metadata, data)``: fill a free slot; it is committed when the block ends.

    Blocks while the buffer is full. ``data`` is the slot itself when numpy can view it, else a
    packed array that is scattered into the slot's columns when the block ends. An exception
    in the block leaves the slot uncommitted. Once a stop was requested (``is_shutdown.value``),
    the block gets a scratch slot that is never committed."""

    def __init__(self, file):
        super().__init__(file)
        self.writer = _buffer.Writer(file)
        self.is_shutdown = _Flag(lambda: file.is_stop_requested or file.is_ended)
        self._slot = None
        self._packed = None
        self._refused = False

    def __enter__(self):
        runtime.go()
        slot = self.writer.acquire()
        self._refused = slot is None
        self._slot = _buffer.SCRATCH if slot is None else slot
        metadata, _, view = self.arrays.arrays(self._slot)
        if view is not None:
            return [metadata, view]
        if self._packed is None:
            self._packed = self.arrays.example.copy()
        return [metadata, self._packed]

    def __exit__(self, exc_type, exc_value, traceback):
        slot, self._slot = self._slot, None
        if exc_type is not None or self._refused:
            return None
        if self._packed is not None:
            self.arrays.store(slot, self._packed)
        self.writer.commit()
        return None

    def shutdown_buffer(self):
        """This process writes no more; the last writer of the buffer ends its stream."""
        self.writer.close()

    send_flush_event = shutdown_buffer


class BufferObserver(_Interface):
    """``with observer as (metadata, data)``: a copy of a newly committed event (waits for one),
    ``(None, None)`` once the buffer's stream has ended."""

    def __init__(self, file):
        super().__init__(file)
        self.observer = _buffer.Observer(file)
        self.is_shutdown = _Flag(lambda: file.is_ended)

    def latest(self):
        """(metadata, data) copies of a new event, or None without waiting."""
        if not self.observer.latest():
            return None
        return self.arrays.from_bytes(self.observer.copy)

    def __enter__(self):
        runtime.ready()
        while True:
            event = self.latest()
            if event is not None:
                return list(event)
            if self.observer.is_ended:
                return [None, None]
            time.sleep(_OBSERVE_POLL_S)

    def __exit__(self, exc_type, exc_value, traceback):
        return None


class BufferIO:
    """What a worker function receives: its name, config, buffers and directories."""

    def __init__(self, name, sources, sinks, observes, config, setup_dir, run_dir, process_index=0, display_dir=None):
        self.name = name
        self._display_dir = display_dir
        self._displays = {}
        self.process_index = process_index
        self.config = Config(config)
        self.logger = logging.getLogger(f"{__name__}.{name}")
        self.setup_dir = Path(setup_dir)
        self.run_dir = Path(run_dir)
        self.read = [BufferReader(_buffer.BufferFile(path)) for path in sources]
        self.write = [BufferWriter(_buffer.BufferFile(path)) for path in sinks]
        self.observe = [BufferObserver(_buffer.BufferFile(path)) for path in observes]
        for suffix, interfaces in (("in", self.read), ("out", self.write), ("observe", self.observe)):
            setattr(self, f"data_{suffix}_examples", [i.data_example for i in interfaces])
            setattr(self, f"metadata_{suffix}_examples", [i.metadata_example for i in interfaces])
            setattr(self, f"buffer_names_{suffix}", [i.name for i in interfaces])

    # The TypeScript API's names for the same lists.
    @property
    def sources(self):
        return self.read

    @property
    def sinks(self):
        return self.write

    @property
    def observes(self):
        return self.observe

    def shutdown_sinks(self):
        """Ends this process's writing; the last writer of a buffer ends its stream."""
        for writer in self.write:
            writer.shutdown_buffer()

    def close_sources(self):
        for reader in self.read:
            reader.close()

    def display(self, name, max_rate_hz=5.0):
        """A display of this process, shown as a tab of control's terminal UI (same name, same display)."""
        display = self._displays.get(name)
        if display is None:
            display = self._displays[name] = Display(self._display_dir, self.name, self.process_index, name, max_rate_hz)
        return display

    def flush_displays(self):
        for display in self._displays.values():
            display.flush()

    def ready(self):
        """Tells control this process is ready (templates do it; for workers without one)."""
        runtime.ready()

    def __getitem__(self, key):
        if key not in self.config:
            known = ", ".join(sorted(self.config)) or "none"
            raise MissingKeyError(f"worker '{self.name}': key '{key}' is not in its config (its keys: {known})")
        return self.config[key]

    def get(self, key, default=None):
        return self.config.get(key, default)

    def __str__(self):
        return (
            f"BufferIO(sources={self.buffer_names_in}, sinks={self.buffer_names_out}, "
            f"observes={self.buffer_names_observe}, config={dict(self.config)})"
        )
