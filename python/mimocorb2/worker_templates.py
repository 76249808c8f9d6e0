"""The worker templates of the original mimoCoRB2 (``mimocorb2.worker_templates``), on mimocorb2's buffers.

Semantics are the TypeScript port's where docs/worker-api.md "Changes from the original" says so:
a Filter writes only to the sinks it selects, a Processor may give several events per sink, an
Observer yields only new events, an Exporter that is left early drains its source.
"""

import sys
import time
import traceback

import numpy as np

from ._runtime import runtime
from .mimo_worker import BufferIO  # noqa: F401  (the original's module exposes it here too)

DATA = 0
METADATA = 1

_OBSERVE_POLL_S = 0.005
_BATCH_S = 0.02


def _message_of(args, kwargs):
    """The message of SetupError/UfuncError, called as (message) or as the original's (instance, message, exception)."""
    message = kwargs.get("message")
    rest = [a for a in args if isinstance(a, str)]
    if message is None:
        message = rest[0] if rest else "error"
    exception = kwargs.get("exception") or next((a for a in args if isinstance(a, BaseException)), None)
    return f"{message} ({exception})" if exception is not None else message


class SetupError(RuntimeError):
    """A template does not fit the worker's buffers (raised before data flows)."""

    def __init__(self, *args, **kwargs):
        super().__init__(_message_of(args, kwargs))


class UfuncError(RuntimeError):
    """The user's function failed or returned something the template cannot use."""

    def __init__(self, *args, **kwargs):
        super().__init__(_message_of(args, kwargs))


_COUNTS = {0: "no", 1: "1"}


class Base:
    """What every template has: the io and its parts under the original's names."""

    TEMPLATE = "Base"
    ARITY = None  # (sources, sinks, observes); a sinks of -1 means "at least 1", None "any"

    def __init__(self, io):
        self.io = io
        self.read = io.read
        self.write = io.write
        self.observe = io.observe
        self.config = io.config
        self.logger = io.logger
        self.name = io.name
        self.run_dir = io.run_dir
        self.setup_dir = io.setup_dir
        self.shutdown_sinks = io.shutdown_sinks
        if self.ARITY is not None:
            self._check_arity(*self.ARITY)

    def _check_arity(self, sources, sinks, observes):
        got = (len(self.read), len(self.write), len(self.observe))
        fits = got[0] == sources and got[2] == observes and (
            sinks is None or (got[1] >= 1 if sinks == -1 else got[1] == sinks)
        )
        if fits:
            return
        sink_text = "any sinks" if sinks is None else "at least 1 sink" if sinks == -1 else f"{_COUNTS.get(sinks, sinks)} sinks"
        needs = f"{_COUNTS.get(sources, sources)} sources, {sink_text}, {_COUNTS.get(observes, observes)} observed buffers"
        names = lambda xs: f" ({', '.join(x.name for x in xs)})" if xs else ""  # noqa: E731
        raise SetupError(
            f"worker '{self.name}': {self.TEMPLATE} needs {needs}; got {got[0]} sources{names(self.read)}, "
            f"{got[1]} sinks{names(self.write)}, {got[2]} observes{names(self.observe)}. "
            f"Fix the sources, sinks or observes of Workers.{self.name} in the setup file."
        )

    def _check_sinks_match_source(self):
        source = self.read[0]
        for sink in self.write:
            if sink.data_example.dtype != source.data_example.dtype or sink.data_example.shape != source.data_example.shape:
                raise SetupError(
                    f"worker '{self.name}': {self.TEMPLATE} sink '{sink.name}' must have the data_length and data_dtype "
                    f"of the source '{source.name}' (events pass on unchanged): got {sink.data_example.shape[0]} x "
                    f"{sink.data_example.dtype.descr} instead of {source.data_example.shape[0]} x {source.data_example.dtype.descr}"
                )

    def drain_sources(self):
        """Reads and releases every source until its stream has ended, so upstream never blocks."""
        for source in self.read:
            while source.reader.next() is not None:
                pass

    def _results(self, ufunc):
        """(slot, ufunc(data)) for every event of the source until its stream ends."""
        if not callable(ufunc):
            self._fail(f"ufunc is not callable (got {type(ufunc).__name__})")
        source = self.read[0]
        while True:
            slot = source.reader.next()
            if slot is None:
                return
            data = source.arrays.data(slot)
            try:
                result = ufunc(data)
            except Exception as error:
                self._fail("ufunc failed", error, ufunc_input=data)
            yield slot, result

    def _fail(self, message, exception=None, ufunc_input=None):
        """Logs the user's error with its traceback, closes sinks, drains sources, raises UfuncError."""
        text = f"worker '{self.name}': {self.TEMPLATE}: {message}"
        if exception is not None:
            text += ":\n" + "".join(traceback.format_exception(exception)).rstrip()
        if ufunc_input is not None:
            text += f"\ninput: {ufunc_input!r}"
        print(text, file=sys.stderr, flush=True)
        self.shutdown_sinks()
        self.drain_sources()
        error = UfuncError(f"worker '{self.name}': {self.TEMPLATE}: {message}" + (f" ({exception!r})" if exception else ""))
        error.logged = True
        raise error from exception

    def _store(self, sink, slot, value, what):
        try:
            sink.arrays.store(slot, value)
        except (ValueError, TypeError, KeyError, IndexError) as error:
            example = sink.data_example
            self._fail(
                f"{what} for buffer '{sink.name}' does not fit its events "
                f"({example.shape[0]} records of {example.dtype.descr}): {error}"
            )


class Importer(Base):
    """0 sources, 1 sink: ``Importer(io)(ufunc)`` writes every event the generator ``ufunc()`` yields."""

    TEMPLATE = "Importer"
    ARITY = (0, 1, 0)

    def __init__(self, io):
        super().__init__(io)
        self.counter = 0
        self.data_example = io.data_out_examples[0]
        self.metadata_example = io.metadata_out_examples[0]
        runtime.ready()

    def __call__(self, ufunc):
        if not callable(ufunc):
            self._fail(f"ufunc is not callable (got {type(ufunc).__name__})")
        runtime.go()
        sink = self.write[0]
        writer = sink.writer
        generator = None
        try:
            generator = ufunc()
            time_last = time.time()
            while True:
                try:
                    data = next(generator)
                except StopIteration:
                    break
                except Exception as error:
                    self._fail("ufunc failed", error)
                time_data = time.time()
                if data is None:
                    break
                slot = writer.acquire()
                if slot is None:
                    break  # a stop was requested
                self._store(sink, slot, data, "an event of the Importer")
                metadata = sink.arrays.metadata(slot)
                metadata["counter"] = writer.next_counter()
                metadata["timestamp"] = time_data
                now = time.time()
                metadata["deadtime"] = (now - time_data) / (now - time_last) if now > time_last else 0.0
                writer.commit()
                self.counter += 1
                time_last = now
        except Exception as error:
            if generator is None:
                self._fail("ufunc failed", error)
            raise
        finally:
            if hasattr(generator, "close"):
                generator.close()
        self.shutdown_sinks()


class _Passer:
    """Hands events of one source on to sinks with batched token writes."""

    def __init__(self, template):
        self.template = template
        self.source = template.read[0]
        self.batch_start = None

    def commit(self, sink):
        """Commits; the token waits in the outbox while more events wait (at most 20 ms)."""
        now = time.perf_counter()
        if self.batch_start is None:
            self.batch_start = now
        flush = not self.source.reader.has_tokens_waiting or now - self.batch_start > _BATCH_S
        sink.writer.commit(flush)
        if flush:
            self.batch_start = None

    def flush(self):
        for sink in self.template.write:
            sink.writer.flush()
        self.batch_start = None

    def copy(self, slot, sink):
        """A byte copy of the event (metadata and data) into a slot of ``sink``."""
        target = sink.writer.acquire()
        if target is None:
            return
        sink.arrays.copy_slot(self.source.file, slot, target)
        self.commit(sink)


class Exporter(Base):
    """1 source, any sinks of its layout: ``for data, metadata in Exporter(io)``."""

    TEMPLATE = "Exporter"
    ARITY = (1, None, 0)

    def __init__(self, io):
        super().__init__(io)
        self._check_sinks_match_source()
        self.data_example = io.data_in_examples[0]
        self.metadata_example = io.metadata_in_examples[0]
        runtime.ready()

    def __iter__(self):
        source = self.read[0]
        passer = _Passer(self)
        finished = False
        try:
            while True:
                slot = source.reader.next()
                if slot is None:
                    finished = True
                    break
                for sink in self.write:
                    passer.copy(slot, sink)
                yield source.arrays.data(slot), source.arrays.metadata(slot)
        finally:
            passer.flush()
            self.shutdown_sinks()
            if not finished:
                self.drain_sources()


class Filter(Base):
    """1 source, at least 1 sink of its layout: ``Filter(io)(ufunc)``, ``ufunc(data)`` -> bool or a bool per sink."""

    TEMPLATE = "Filter"
    ARITY = (1, -1, 0)

    def __init__(self, io):
        super().__init__(io)
        self._check_sinks_match_source()
        self.data_example = io.data_in_examples[0]
        self.metadata_example = io.metadata_in_examples[0]
        runtime.ready()

    def __call__(self, ufunc):
        sinks = self.write
        passer = _Passer(self)
        for slot, result in self._results(ufunc):
            if not isinstance(result, np.ndarray) and not result:
                continue  # as the original: whatever is falsy (False, None, 0, []) drops the event
            if isinstance(result, (bool, np.bool_)):
                for sink in sinks:
                    passer.copy(slot, sink)
                continue
            if not isinstance(result, (list, tuple, np.ndarray)) or len(result) != len(sinks):
                self._fail(
                    f"ufunc must return True, False, None or a list of {len(sinks)} booleans (one per sink), got {result!r}"
                )
            for sink, selected in zip(sinks, result):
                if selected:
                    passer.copy(slot, sink)
        passer.flush()
        self.shutdown_sinks()


def _events_for_sink(entry):
    """One sink's entry of a Processor result: None (nothing), a list of arrays (several events), or one event."""
    if entry is None:
        return ()
    if isinstance(entry, list) and entry and all(isinstance(item, np.ndarray) for item in entry):
        return entry
    return (entry,)


class Processor(Base):
    """1 source, at least 1 sink: ``Processor(io)(ufunc)``, ``ufunc(data)`` -> None or one entry per sink."""

    TEMPLATE = "Processor"
    ARITY = (1, -1, 0)

    def __init__(self, io):
        super().__init__(io)
        self.data_example = io.data_in_examples[0]
        self.metadata_example = io.metadata_in_examples[0]
        runtime.ready()

    def __call__(self, ufunc):
        source = self.read[0]
        sinks = self.write
        passer = _Passer(self)
        for slot, results in self._results(ufunc):
            if results is None:
                continue
            # Like the original, any sequence with one entry per sink: also a numpy array (a structured
            # array of one record for one sink is that record).
            sized = isinstance(results, (list, tuple)) or (isinstance(results, np.ndarray) and results.ndim > 0)
            if not sized or len(results) != len(sinks):
                got = f"{len(results)} entries" if sized else repr(results)
                self._fail(f"ufunc must return None or a list with one entry per sink ({len(sinks)}), got {got}")
            metadata = source.arrays.metadata(slot)
            for sink, entry in zip(sinks, results):
                for event in _events_for_sink(entry):
                    target = sink.writer.acquire()
                    if target is None:
                        continue
                    self._store(sink, target, event, "a result of the Processor")
                    sink.arrays.metadata(target)[...] = metadata
                    passer.commit(sink)
        passer.flush()
        self.shutdown_sinks()


class Observer(Base):
    """1 observed buffer: ``for data, metadata in Observer(io)()`` gets copies of new events, then ``(None, None)``."""

    TEMPLATE = "Observer"
    ARITY = (0, 0, 1)

    def __init__(self, io):
        super().__init__(io)
        self.data_example = io.data_observe_examples[0]
        self.metadata_example = io.metadata_observe_examples[0]
        runtime.ready()

    def __call__(self):
        observed = self.observe[0]
        while True:
            event = observed.latest()
            if event is not None:
                metadata, data = event
                yield data, metadata
                continue
            if observed.observer.is_ended:
                last = observed.latest()  # committed just before the end
                if last is not None:
                    yield last[1], last[0]
                break
            time.sleep(_OBSERVE_POLL_S)
        yield None, None


class IsAlive(Base):
    """1 observed buffer: ``IsAlive(io)()`` is True while the observed buffer's stream has not ended."""

    TEMPLATE = "IsAlive"
    ARITY = (0, 0, 1)

    def __init__(self, io):
        super().__init__(io)
        runtime.ready()

    def __call__(self):
        return not self.observe[0].file.is_ended

    alive = __call__


__all__ = ["SetupError", "UfuncError", "Importer", "Exporter", "Filter", "Processor", "Observer", "IsAlive"]
