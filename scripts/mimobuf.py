#!/usr/bin/env python3
"""Read a mimocorb2 buffer file (``<name>.mimobuf``) with numpy, also while a run writes to it.

The file is mapped read-only: nothing here takes a token or writes a byte, so looking never
disturbs the processes of a run. Needs numpy and nothing else. The format is described in
docs/buffer-format.md of mimocorb2.

As a module::

    import sys; sys.path.insert(0, "/path/to/mimocorb2/scripts")
    from mimobuf import BufferFile

    with BufferFile("/dev/shm/mimocorb2/<run>/raw.mimobuf") as buf:
        buf.description            # the JSON description stored in the file (a dict)
        buf.counters()             # written, read, discarded, ... summed over the processes
        buf.slot_states()          # {"free": n, "writing": n, "filled": n, "reading": n}
        ev = buf.latest()          # a consistent copy of the most recently committed slot
        ev = buf.slot(3)           # ... or of slot 3
        ev.counter, ev.timestamp, ev.deadtime, ev.data["ch1"]   # numpy arrays of data_length
        buf.slots["ch1"]           # live view of every slot (slot_count x data_length); see below

``slot(i)`` and ``latest()`` copy under the slot's sequence lock (read seq, copy, read seq
again, retry while it is odd or changed), so their data and metadata always belong to one event;
``.consistent`` is False only if every attempt overlapped a writer. ``slots`` is a live,
unsynchronised view of the mapped file: fast for a look at all slots, but a slot being rewritten
can show parts of two events there.

As a script::

    python3 scripts/mimobuf.py FILE [--slot N] [--json]

prints a summary (or one JSON object) of the buffer, and with ``--slot N`` that slot's data.
Exit code 2 if FILE is missing or is not a mimocorb2 buffer file.
"""

import json
import mmap
import os
import stat
import sys
import time

import numpy as np

MAGIC = b"MIMOBUF\0"
LAYOUT_VERSION = 2
PREAMBLE_BYTES = 64
SLOT_STATES = ("free", "writing", "filled", "reading")
ROLES = ("none", "writer", "reader")
STATUSES = ("free", "active", "done", "reclaimed")
NO_TOKEN = 0xFFFFFFFD  # an inbox entry that holds no token
SEQLOCK_ATTEMPTS = 20
SEQLOCK_BACKOFF_S = 0.001

# The regions of the file, as numpy dtypes (docs/buffer-format.md).
_STATE_DTYPE = np.dtype(
    {
        "names": ["paused", "stop_requested", "ended", "open_writers", "last_committed",
                  "reclaiming", "control_pid", "forced_end",
                  "event_counter", "redelivered", "created", "ended_at", "undeliverable"],
        "formats": ["<i4"] * 8 + ["<i8", "<f8", "<f8", "<f8", "<f8"],
        "offsets": [0, 4, 8, 12, 16, 20, 24, 28, 64, 72, 80, 88, 96],
        "itemsize": 256,
    }
)
_COUNTER_NAMES = ["events", "discarded", "overwritten", "waited_seconds", "dropped", "stale_tokens"]
_SLOT_TABLE_DTYPE = np.dtype({"names": ["word", "owner", "seq"], "formats": ["<i4"] * 3,
                              "offsets": [0, 4, 8], "itemsize": 16})


class BufferFileError(Exception):
    """The file is missing, truncated, or not a mimocorb2 buffer file of a known layout."""


class Slot:
    """A consistent copy of one slot: metadata as numbers, each field as a numpy array."""

    def __init__(self, index, seq, consistent, attempts, state, record, fields):
        self.index = index
        self.seq = seq
        self.consistent = consistent
        self.attempts = attempts
        self.state = state
        #: the slot as one numpy structured record (a copy)
        self.record = record
        self.counter = int(record["counter"])
        self.timestamp = float(record["timestamp"])
        self.deadtime = float(record["deadtime"])
        #: field name -> numpy array of data_length elements (a copy)
        self.data = {name: record[name] for name in fields}

    def __repr__(self):
        return f"Slot(index={self.index}, counter={self.counter}, consistent={self.consistent})"


class BufferFile:
    """A buffer file mapped read-only. Use as a context manager, or call close()."""

    def __init__(self, path):
        self.path = os.fspath(path)
        try:
            # O_NONBLOCK: opening a FIFO given by mistake must not wait for a writer to open it too.
            fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK)
        except OSError as error:
            raise BufferFileError(f"cannot open buffer file {self.path}: {error.strerror}") from error
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise BufferFileError(f"{self.path} is not a mimocorb2 buffer file: "
                                      f"it is {_kind_of_file(info.st_mode)}, not a regular file")
            size = info.st_size
            preamble = os.pread(fd, PREAMBLE_BYTES, 0)
            if len(preamble) < PREAMBLE_BYTES or preamble[:8] != MAGIC:
                raise BufferFileError(
                    f"{self.path} is not a mimocorb2 buffer file (it does not start with the MIMOBUF magic)")
            version, json_length = np.frombuffer(preamble, "<u4", 2, 8)
            if version != LAYOUT_VERSION:
                raise BufferFileError(f"{self.path} has buffer layout version {version}; "
                                      f"this reader knows version {LAYOUT_VERSION}")
            try:
                self.description = json.loads(os.pread(fd, int(json_length), PREAMBLE_BYTES).decode("utf-8"))
            except ValueError as error:
                raise BufferFileError(f"{self.path} has an unreadable description: {error}") from error
            if self.description.get("format") != "mimocorb2-buffer":
                raise BufferFileError(f"{self.path}: not a mimocorb2 buffer description")
            d = self.description
            # Touching a page past the end of the file would kill this process with SIGBUS.
            if size < d["file_size"]:
                raise BufferFileError(f"{self.path} is truncated: {size} bytes, "
                                      f"its description says {d['file_size']}")
            self._map = mmap.mmap(fd, d["file_size"], mmap.MAP_SHARED, mmap.PROT_READ)
        finally:
            os.close(fd)
        self.name = d["name"]
        self.slot_count = d["slot_count"]
        self.data_length = d["data_length"]
        self.fields = [f["name"] for f in d["fields"]]
        #: numpy dtype of one slot: counter, timestamp, deadtime, then one (dtype, data_length) per field
        self.slot_dtype = np.dtype(
            {
                "names": [m["name"] for m in d["metadata"]] + self.fields,
                "formats": [m["dtype"] for m in d["metadata"]]
                + [(f["dtype"], (self.data_length,)) for f in d["fields"]],
                "offsets": [m["offset"] for m in d["metadata"]] + [f["offset"] for f in d["fields"]],
                "itemsize": d["slot_size"],
            }
        )
        self._state = np.ndarray((), _STATE_DTYPE, self._map, d["state_offset"])
        self._attachments = np.ndarray(
            (d["attachment_count"],), self._attachment_dtype(d), self._map, d["attachments_offset"]
        )
        self._table = np.ndarray((self.slot_count,), _SLOT_TABLE_DTYPE, self._map, d["slot_table_offset"])
        self._bytes = np.ndarray((d["file_size"],), np.uint8, self._map)
        #: live, unsynchronised structured view of all slots (read-only)
        self.slots = np.ndarray((self.slot_count,), self.slot_dtype, self._map, d["slots_offset"])

    @staticmethod
    def _attachment_dtype(d):
        return np.dtype(
            {
                "names": ["pid", "role", "status"] + _COUNTER_NAMES + ["inbox"],
                "formats": ["<i4"] * 3 + ["<f8"] * 6 + [("<u4", (d["inbox_capacity"],))],
                "offsets": [0, 4, 8, 16, 24, 32, 40, 48, 56, 128],
                "itemsize": d["attachment_stride"],
            }
        )

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        """Drops this object's views; the mapping goes once no array you kept uses it."""
        self.slots = self._state = self._attachments = self._table = self._bytes = None
        try:
            self._map.close()
        except BufferError:
            pass  # an array the caller still holds views the map; it is unmapped with that array

    def flags(self):
        """paused, stop_requested, ended, forced_end (bools); reclaiming, open_writers, last_committed."""
        s = self._state.copy()
        return {
            "paused": bool(s["paused"]),
            "stop_requested": bool(s["stop_requested"]),
            "ended": bool(s["ended"]),
            "forced_end": bool(s["forced_end"]),
            "reclaiming": int(s["reclaiming"]),
            "open_writers": int(s["open_writers"]),
            "expected_writers": int(self.description["writers"]),
            "last_committed": int(s["last_committed"]),
        }

    def processes(self):
        """The process entries in use: pid, role, status, alive, and that process's counters."""
        result = []
        for index, entry in enumerate(self._attachments.copy()):
            if entry["pid"] == 0:
                continue
            item = {
                "index": index,
                "pid": int(entry["pid"]),
                "role": ROLES[entry["role"]] if 0 <= entry["role"] < len(ROLES) else "unknown",
                "status": STATUSES[entry["status"]] if 0 <= entry["status"] < len(STATUSES) else "unknown",
                "alive": _is_pid_alive(int(entry["pid"])),
            }
            item.update({name: _count(entry[name]) for name in _COUNTER_NAMES})
            item["inbox_tokens"] = int((entry["inbox"] != NO_TOKEN).sum()) if entry["status"] != 0 else 0
            result.append(item)
        return result

    def counters(self):
        """The buffer's counters, with the same keys as ``mimocorb2 inspect --json``."""
        # Readers' counts are taken before writers', so a live buffer never shows read > written.
        readers = self._attachments.copy()
        writers = self._attachments.copy()
        state = self._state.copy()
        is_reader = readers["role"] == 2
        is_writer = writers["role"] == 1
        in_use = writers["role"] != 0

        def total(name):
            return _count(readers[name][is_reader].sum() + writers[name][is_writer].sum())

        return {
            "written": _count(writers["events"][is_writer].sum()),
            "read": _count(readers["events"][is_reader].sum()),
            "discarded": total("discarded"),
            "overwritten": total("overwritten"),
            "redelivered": _count(state["redelivered"]),
            "dropped": total("dropped"),
            "undeliverable": _count(state["undeliverable"]),
            "waited_seconds": float(writers["waited_seconds"][in_use].sum()),
            "stale_tokens": total("stale_tokens"),
            "event_counter": int(state["event_counter"]),
        }

    def slot_states(self):
        """How many slots are free, writing, filled and reading."""
        counts = np.bincount(self._table["word"].copy() & 3, minlength=4)
        return {name: int(n) for name, n in zip(SLOT_STATES, counts)}

    def slot(self, index):
        """A consistent copy of slot ``index`` (see the module's docstring)."""
        if not 0 <= index < self.slot_count:
            raise IndexError(f"slot must be from 0 to {self.slot_count - 1}, got {index}")
        size = self.slot_dtype.itemsize
        start = self.description["slots_offset"] + index * size
        seq_view = self._table["seq"][index:index + 1]
        consistent = False
        attempts = 0
        seq = 0
        copy = None
        while not consistent and attempts < SEQLOCK_ATTEMPTS:
            if attempts > 0:
                time.sleep(SEQLOCK_BACKOFF_S)
            attempts += 1
            seq = int(seq_view[0])
            copy = self._bytes[start:start + size].copy()
            consistent = seq % 2 == 0 and int(seq_view[0]) == seq
        record = copy.view(self.slot_dtype)[0]
        state = SLOT_STATES[int(self._table["word"][index]) & 3]
        return Slot(index, seq, consistent, attempts, state, record, self.fields)

    def latest(self):
        """A consistent copy of the most recently committed slot, or None before the first commit."""
        last = int(self._state["last_committed"])
        return None if last < 0 else self.slot(last)


def _kind_of_file(mode):
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"


def _count(value):
    """A counter stored as float64: an int when it is whole (event counts), else a float."""
    value = float(value)
    return int(value) if value.is_integer() else value


def _is_pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _float_json(value):
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return value


def _column_json(array):
    """A field column as ``mimocorb2 inspect --json`` writes it: float32 as its shortest decimal,
    NaN and infinities as strings, integers beyond 2**53 as decimal strings, bytes decoded."""
    kind = array.dtype.kind
    if kind == "S":
        return [v.decode("latin-1") for v in array.tolist()]
    if kind == "f":
        # str() of a numpy float32 is the shortest decimal that reads back as the same float32
        values = [float(str(v)) for v in array] if array.dtype.itemsize == 4 else array.tolist()
        return [_float_json(v) for v in values]
    if kind in "iu":
        return [v if abs(v) < 2**53 else str(v) for v in array.tolist()]
    return array.tolist()


def _slot_json(slot):
    return {
        "index": slot.index,
        "state": slot.state,
        "seq": slot.seq,
        "consistent": slot.consistent,
        "metadata": {"counter": slot.counter, "timestamp": slot.timestamp, "deadtime": slot.deadtime},
        "data": {name: _column_json(array) for name, array in slot.data.items()},
    }


def _summary(buf, slot_index):
    d = buf.description
    flags = buf.flags()
    lines = [
        f"buffer '{buf.name}' in {buf.path}",
        f"layout         {buf.slot_count} slots, data_length {buf.data_length}, slot {d['slot_size']} B",
    ]
    lines += [f"field {f['name']:<9} {f['dtype']} x {buf.data_length}" for f in d["fields"]]
    lines.append("flags          " + ", ".join(
        f"{k.replace('_', ' ')} {'yes' if flags[k] else 'no'}"
        for k in ("paused", "stop_requested", "ended", "forced_end")))
    counters = buf.counters().items()
    lines.append("counters       " + ", ".join(f"{k.replace('_', ' ')} {v:.6g}" if isinstance(v, float)
                                              else f"{k.replace('_', ' ')} {v}" for k, v in counters))
    lines.append(f"writers        {flags['open_writers']} open of {flags['expected_writers']} expected")
    for p in buf.processes():
        lines.append(f"process {p['index']:<6} pid {p['pid']} {p['role']} {p['status']}, "
                     f"{'alive' if p['alive'] else 'gone'}: events {p['events']}, inbox {p['inbox_tokens']}")
    lines.append("slots          " + ", ".join(f"{k} {v}" for k, v in buf.slot_states().items()))
    last = buf.latest()
    lines.append("last committed " + ("none yet" if last is None else
                                      f"slot {last.index}: counter {last.counter} at "
                                      f"{np.datetime64(int(last.timestamp * 1e6), 'us')}"))
    if slot_index is not None:
        s = buf.slot(slot_index)
        lines.append(f"slot {s.index:<9} {s.state}, seq {s.seq}, consistent {s.consistent}")
        lines.append(f"metadata       counter {s.counter}, timestamp {s.timestamp}, deadtime {s.deadtime}")
        with np.printoptions(threshold=10, edgeitems=3):
            lines += [f"{name:<14} {array}" for name, array in s.data.items()]
    return lines


def main(argv):
    """``mimobuf.py FILE [--slot N] [--json]``: prints a summary; returns the exit code."""
    import argparse

    parser = argparse.ArgumentParser(prog="mimobuf.py", description="Show a mimocorb2 buffer file.")
    parser.add_argument("file")
    parser.add_argument("--slot", type=int, help="also show this slot's metadata and data")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    try:
        buf = BufferFile(args.file)
    except BufferFileError as error:
        print(f"mimobuf: {error}", file=sys.stderr)
        return 2
    with buf:
        if args.slot is not None and not 0 <= args.slot < buf.slot_count:
            print(f"mimobuf: --slot must be from 0 to {buf.slot_count - 1}, got {args.slot}", file=sys.stderr)
            return 2
        if args.json:
            last = buf.latest()
            out = {
                "name": buf.name,
                "description": buf.description,
                "flags": buf.flags(),
                "counters": buf.counters(),
                "processes": buf.processes(),
                "slot_states": buf.slot_states(),
                "last_committed": None if last is None else _slot_json(last),
            }
            if args.slot is not None:
                out["slot"] = _slot_json(buf.slot(args.slot))
            print(json.dumps(out, allow_nan=False))
        else:
            print("\n".join(_summary(buf, args.slot)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
