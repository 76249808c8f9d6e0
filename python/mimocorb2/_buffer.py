"""The buffer file and token protocol of docs/buffer-format.md (layout version 2), in Python.

Everything that knows the layout lives in this one module, so that a new layout version is a
change here (and the conformance suite, test/integration/python/, checks it against the
TypeScript implementation). Names follow src/buffer/*.ts: a Writer acquires free slots and
commits them, a Reader takes filled ones and releases them, an Observer copies the newest under
the slot's seqlock. Slots are handed out as indices; ``SlotArrays`` makes numpy views of them.
"""

import bisect
import ctypes
import json
import mmap
import os
import struct
import time

import numpy as np

from . import _atomics as atomic

LAYOUT_VERSION = 2
MAGIC = b"MIMOBUF\0"
PREAMBLE_BYTES = 64

# Shared state: int32 words from state_offset, 8-byte values at these byte offsets.
(PAUSED, STOP_REQUESTED, ENDED, OPEN_WRITERS, LAST_COMMITTED, RECLAIMING, CONTROL_PID, FORCED_END,
 SLEEPING_READERS, HOLDING_WRITERS, PIPE_READERS) = range(11)
COUNTED_IN_PIPE_READERS = 2
EVENT_COUNTER_BYTE, REDELIVERED_BYTE, CREATED_BYTE, ENDED_AT_BYTE, UNDELIVERABLE_BYTE = 64, 72, 80, 88, 96

# Process entries.
PID_WORD, ROLE_WORD, STATUS_WORD, SLEEPING_WORD = 0, 1, 2, 3
EVENTS_BYTE, DISCARDED_BYTE, OVERWRITTEN_BYTE, WAITED_BYTE, DROPPED_BYTE, STALE_BYTE = 16, 24, 32, 40, 48, 56
AGE_BINS_BYTE = 64
INBOX_BYTE = 128
WRITER, READER = 1, 2
ACTIVE, DONE = 1, 2

# Slot table: 16 bytes per slot; word = generation << 2 | state.
WORD, OWNER, SEQ = 0, 1, 2
FREE, WRITING, FILLED, READING = 0, 1, 2, 3
NO_OWNER = -1
GEN_MASK_30 = 0x3FFFFFFF

END_TOKEN = 0xFFFFFFFF
WAKE_TOKEN = 0xFFFFFFFE
NO_TOKEN = 0xFFFFFFFD
TOKEN_GEN_MASK = 0x7FFF
MAX_TOKENS_PER_SYSCALL = 1024

METADATA_DTYPE = np.dtype([("counter", "<i8"), ("timestamp", "<f8"), ("deadtime", "<f8")])
SCRATCH = -2
# Event ages (src/buffer/event-age.ts): upper edges of the bins in seconds, the last bin open; a
# sample about every 30 ms, every 1024th event at most.
AGE_BIN_EDGES = (1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1, 3, 10, 30, 100)
_AGE_MAX_STRIDE = 1024
_AGE_SAMPLE_EVERY_S = 0.03
_MAX_BACKOFF_S = 0.02


class BufferFileError(RuntimeError):
    """A file that is not a buffer of this layout version."""


def make_token(slot, generation):
    return slot | ((generation & TOKEN_GEN_MASK) << 16)


def _word(value):
    """A uint32 as the int32 that the file holds."""
    return value - (1 << 32) if value >= 1 << 31 else value


def _pack_tokens(tokens):
    return struct.pack(f"<{len(tokens)}I", *tokens)


# Tokens a process has committed or released but not yet written. They must all be in their
# pipes before the process blocks in a pipe read, or two processes could wait on each other.
_outboxes = []


def flush_all_outboxes():
    for outbox in _outboxes:
        outbox.flush()


class _TokenOutbox:
    def __init__(self, fd, capacity, after_write):
        self._fd = fd
        self._capacity = capacity
        self._tokens = []
        self._after_write = after_write
        _outboxes.append(self)

    @property
    def is_full(self):
        return len(self._tokens) >= self._capacity

    def push(self, token):
        self._tokens.append(token)

    def flush(self):
        tokens = self._tokens
        if not tokens:
            return
        data = _pack_tokens(tokens)
        written = 0
        while written < len(data):
            written += os.write(self._fd, data[written:])
        self._tokens = []
        for token in tokens:
            self._after_write(token & 0xFFFF)

    def unregister(self):
        if self in _outboxes:
            _outboxes.remove(self)


class BufferFile:
    """A buffer file mapped into this process, with its FIFOs opened by path on first use."""

    def __init__(self, path):
        self.path = os.fspath(path)
        fd = os.open(self.path, os.O_RDWR)
        try:
            size = os.fstat(fd).st_size
            preamble = os.pread(fd, PREAMBLE_BYTES, 0)
            if len(preamble) < PREAMBLE_BYTES or preamble[:8] != MAGIC:
                raise BufferFileError(f"{self.path} is not a mimocorb2 buffer file (no MIMOBUF magic)")
            version, json_length = struct.unpack_from("<II", preamble, 8)
            if version != LAYOUT_VERSION:
                raise BufferFileError(
                    f"{self.path} has buffer layout version {version}; this Python runtime of mimocorb2 "
                    f"speaks version {LAYOUT_VERSION} (python/mimocorb2 must come from the same mimocorb2 as control)"
                )
            self.map = mmap.mmap(fd, size, mmap.MAP_SHARED, mmap.PROT_READ | mmap.PROT_WRITE)
        finally:
            os.close(fd)
        d = json.loads(bytes(self.map[PREAMBLE_BYTES : PREAMBLE_BYTES + json_length]).decode("utf-8"))
        if d.get("format") != "mimocorb2-buffer" or d.get("file_size") != size:
            raise BufferFileError(f"{self.path}: the description does not match the file")
        self.description = d
        self.name = d["name"]
        self.slot_count = d["slot_count"]
        self.data_length = d["data_length"]
        self.overwrite = d["overwrite"] is True
        self.slot_size = d["slot_size"]
        self.fields = d["fields"]
        self.inbox_capacity = d["inbox_capacity"]
        self.attachment_count = d["attachment_count"]
        self._state = d["state_offset"]
        self._attachments = d["attachments_offset"]
        self._stride = d["attachment_stride"]
        self._slot_table = d["slot_table_offset"]
        self._slots = d["slots_offset"]
        self._plain_stores = atomic.PLAIN_STORES_ARE_ORDERED
        # Keeps the mapping exported: its address stays valid for libatomic.
        self._anchor = ctypes.c_char.from_buffer(self.map)
        self.address = ctypes.addressof(self._anchor)
        view = memoryview(self.map)
        self.i32 = view.cast("i")
        self.u32 = view.cast("I")
        self.f64 = view.cast("d")
        self._pipes = {}
        dirname = os.path.dirname(self.path)
        self.fifo_paths = {w: os.path.join(dirname, f"{self.name}.{w}") for w in ("empty", "filled")}

    # ---- offsets ---------------------------------------------------------------------------

    def state_word(self, word):
        """Index into i32 of a state word."""
        return (self._state >> 2) + word

    def state_byte(self, byte):
        return self._state + byte

    def attachment_base(self, index):
        return self._attachments + index * self._stride

    def slot_word(self, slot, word):
        return ((self._slot_table + slot * 16) >> 2) + word

    def slot_offset(self, slot):
        return self._slots + slot * self.slot_size

    def address_of_word(self, index):
        return self.address + index * 4

    def store_owned(self, index, value):
        """Stores an int32 word that needs no read-modify-write (a slot this process owns, or
        last_committed, where the last store wins): a plain aligned store where the CPU keeps
        stores in order (x86-64), else through libatomic. The pipe write that hands a slot on is
        a full barrier either way."""
        if self._plain_stores:
            self.i32[index] = value
        else:
            atomic.store32(self.address_of_word(index), value)

    # ---- pipes -----------------------------------------------------------------------------

    def pipe(self, which):
        """(blocking fd, non-blocking fd) of the 'empty' or 'filled' FIFO, opened read-write."""
        fds = self._pipes.get(which)
        if fds is None:
            path = self.fifo_paths[which]
            fds = (os.open(path, os.O_RDWR), os.open(path, os.O_RDWR | os.O_NONBLOCK))
            self._pipes[which] = fds
        return fds

    def write_control_tokens(self, which, tokens):
        """Writes tokens without ever blocking; raises if the FIFO is full."""
        fd = self.pipe(which)[1]
        for start in range(0, len(tokens), MAX_TOKENS_PER_SYSCALL):
            chunk = _pack_tokens(tokens[start : start + MAX_TOKENS_PER_SYSCALL])
            try:
                written = os.write(fd, chunk)
            except BlockingIOError:
                written = 0
            if written < len(chunk):
                raise RuntimeError(f"buffer '{self.name}': the '{which}' FIFO is full")

    def read_tokens(self, fd, byte_offset, max_tokens):
        """Reads tokens straight into the mapping; 0 when a non-blocking fd has none."""
        try:
            count = os.readv(fd, [memoryview(self.map)[byte_offset : byte_offset + max_tokens * 4]])
        except BlockingIOError:
            return 0
        return count >> 2

    # ---- shared state ----------------------------------------------------------------------

    def flag(self, word):
        return self.i32[self.state_word(word)]

    @property
    def is_ended(self):
        return self.flag(ENDED) != 0

    @property
    def is_stop_requested(self):
        return self.flag(STOP_REQUESTED) != 0

    def attach(self, role):
        """Claims a process entry (pid first, so control finds it if this process dies here)."""
        pid = os.getpid()
        for index in range(self.attachment_count):
            base = self.attachment_base(index) >> 2
            if not atomic.cas32(self.address_of_word(base + PID_WORD), 0, pid):
                continue
            atomic.store32(self.address_of_word(base + ROLE_WORD), role)
            inbox = (self.attachment_base(index) + INBOX_BYTE) >> 2
            for k in range(2 * self.inbox_capacity):  # the inbox, then a writer's held commits
                self.u32[inbox + k] = NO_TOKEN
            atomic.store32(self.address_of_word(base + STATUS_WORD), ACTIVE)
            return index
        raise RuntimeError(f"buffer '{self.name}': all {self.attachment_count} process entries are taken")

    def close_entry(self, index, is_writer):
        status = self.address_of_word((self.attachment_base(index) >> 2) + STATUS_WORD)
        if atomic.cas32(status, ACTIVE, DONE) and is_writer:
            left = atomic.add32(self.address_of_word(self.state_word(OPEN_WRITERS)), -1) - 1
            if left == 0:
                self.post_end()

    def post_end(self):
        """Posts the end-of-stream sentinel, exactly once per buffer."""
        if not atomic.cas32(self.address_of_word(self.state_word(ENDED)), 0, 1):
            return
        self.f64[self.state_byte(ENDED_AT_BYTE) >> 3] = time.time()
        self.write_control_tokens("filled", [END_TOKEN])

    def claim(self, slot, token_gen, expected, to, owner):
        """Moves a slot from state ``expected`` to ``to`` if the token's generation is current."""
        if slot >= self.slot_count:
            return False
        index = self.slot_word(slot, WORD)
        word = self.i32[index]
        if (word & 3) != expected or ((word >> 2) & TOKEN_GEN_MASK) != token_gen:
            return False
        gen = (word & 0xFFFFFFFF) >> 2
        if to == WRITING:
            gen = (gen + 1) & GEN_MASK_30
        if not atomic.cas32(self.address_of_word(index), word, _word(gen << 2 | to)):
            return False
        self.store_owned(index + OWNER, owner)
        return True

    def set_slot_state(self, slot, state):
        """Sets the state of a slot this process owns; returns its generation."""
        index = self.slot_word(slot, WORD)
        gen = (self.i32[index] & 0xFFFFFFFF) >> 2
        self.store_owned(index, _word(gen << 2 | state))
        return gen

    def clear_owner(self, slot, owner):
        atomic.cas32(self.address_of_word(self.slot_word(slot, OWNER)), owner, NO_OWNER)

    def bump_seq(self, slot):
        """The seqlock counter of a slot this process owns (only its owner changes it)."""
        index = self.slot_word(slot, SEQ)
        self.store_owned(index, _word((self.i32[index] + 1) & 0xFFFFFFFF))

    def add_to(self, byte_offset, value=1.0):
        """Adds to a float64 counter that only this process writes."""
        self.f64[byte_offset >> 3] += value

    def is_drained(self):
        """No slot filled or being read, and no reclaim running: nothing more can come."""
        if self.flag(RECLAIMING) != 0:
            return False
        i32 = self.i32
        for slot in range(self.slot_count):
            if (i32[self.slot_word(slot, WORD)] & 3) in (FILLED, READING):
                return False
        return True

    def stats(self):
        """The buffer's counters (summed over its process entries), slot states and flags now,
        with the keys of ``BufferStats`` in src/buffer/ring-buffer.ts, snake_case."""
        sums = {"written": 0.0, "read": 0.0, "discarded": 0.0, "overwritten": 0.0, "dropped": 0.0,
                "waited_seconds": 0.0, "stale_tokens": 0.0}
        f64 = self.f64
        # Readers' counters first, writers' after: on a live buffer `read` never exceeds `written`.
        for role in (READER, WRITER):
            for index in range(self.attachment_count):
                base = self.attachment_base(index)
                if self.i32[(base >> 2) + ROLE_WORD] != role:
                    continue
                sums["written" if role == WRITER else "read"] += f64[(base + EVENTS_BYTE) >> 3]
                for key, byte in (("discarded", DISCARDED_BYTE), ("overwritten", OVERWRITTEN_BYTE),
                                  ("dropped", DROPPED_BYTE), ("waited_seconds", WAITED_BYTE),
                                  ("stale_tokens", STALE_BYTE)):
                    sums[key] += f64[(base + byte) >> 3]
        states = [0, 0, 0, 0]
        for slot in range(self.slot_count):
            states[self.i32[self.slot_word(slot, WORD)] & 3] += 1
        counts = {key: (value if key == "waited_seconds" else int(value)) for key, value in sums.items()}
        return {
            "name": self.name,
            "slot_count": self.slot_count,
            **counts,
            "redelivered": int(f64[self.state_byte(REDELIVERED_BYTE) >> 3]),
            "undeliverable": int(f64[self.state_byte(UNDELIVERABLE_BYTE) >> 3]),
            "free": states[FREE],
            "writing": states[WRITING],
            "filled": states[FILLED],
            "reading": states[READING],
            "paused": self.flag(PAUSED) != 0,
            "stop_requested": self.flag(STOP_REQUESTED) != 0,
            "ended": self.flag(ENDED) != 0,
            "open_writers": self.flag(OPEN_WRITERS),
        }

    def close(self):
        for fds in self._pipes.values():
            for fd in fds:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self._pipes = {}


class _Inbox:
    """The process entry's inbox in the mapping: tokens are read from a FIFO straight into it."""

    def __init__(self, file, attachment):
        self._file = file
        self._byte_offset = file.attachment_base(attachment) + INBOX_BYTE
        self._first = self._byte_offset >> 2
        self._pos = 0
        self._len = 0

    @property
    def is_empty(self):
        return self._pos >= self._len

    def peek(self):
        return self._file.u32[self._first + self._pos]

    def consume(self):
        self._file.u32[self._first + self._pos] = NO_TOKEN
        self._pos += 1

    def fill(self, fd, max_tokens=None):
        self._pos = 0
        self._len = self._file.read_tokens(fd, self._byte_offset, max_tokens or self._file.inbox_capacity)
        return self._len

    def drain(self):
        tokens = []
        while not self.is_empty:
            tokens.append(self.peek())
            self.consume()
        return tokens


class Writer:
    """Acquires free slots and commits them; a registered writer of the buffer until close()."""

    def __init__(self, file):
        self.file = file
        self._empty_fd, self._empty_nb = file.pipe("empty")
        filled_fd, self._filled_nb = file.pipe("filled")
        self._attachment = file.attach(WRITER)
        self._inbox = _Inbox(file, self._attachment)
        attachment = self._attachment
        self._outbox = _TokenOutbox(filled_fd, file.inbox_capacity, lambda slot: file.clear_owner(slot, attachment))
        base = file.attachment_base(attachment)
        self._events, self._discarded, self._overwritten = base + EVENTS_BYTE, base + DISCARDED_BYTE, base + OVERWRITTEN_BYTE
        self._waited, self._dropped, self._stale = base + WAITED_BYTE, base + DROPPED_BYTE, base + STALE_BYTE
        self._stop = file.state_word(STOP_REQUESTED)
        self._paused = file.state_word(PAUSED)
        self._forced = file.state_word(FORCED_END)
        self._last = file.state_word(LAST_COMMITTED)
        self._counter = file.address + file.state_byte(EVENT_COUNTER_BYTE)
        self._inbox_state = FREE
        self._current = None
        self._closed = False
        self.last_wait_seconds = 0.0

    @property
    def is_stop_requested(self):
        return self.file.i32[self._stop] != 0

    def next_counter(self):
        """The next number of the buffer's event counter (shared by all its importers)."""
        return atomic.add64(self._counter, 1)

    def acquire(self):
        """A slot index to fill, SCRATCH while paused, or None once a stop was requested."""
        if self._current is not None:
            raise RuntimeError(f"buffer '{self.file.name}': acquire() twice without commit()")
        if self._closed:
            raise RuntimeError(f"buffer '{self.file.name}': acquire() after close()")
        i32 = self.file.i32
        self.last_wait_seconds = 0.0
        if i32[self._stop] != 0:
            return self._refuse()
        if i32[self._paused] != 0:
            self._current = SCRATCH
            return SCRATCH
        inbox = self._inbox
        while True:
            while not inbox.is_empty:
                token = inbox.peek()
                if token == WAKE_TOKEN:
                    inbox.consume()
                    if i32[self._stop] != 0:
                        return self._refuse()
                    continue
                slot = token & 0xFFFF
                if self.file.claim(slot, token >> 16, self._inbox_state, WRITING, self._attachment):
                    inbox.consume()
                    if self._inbox_state == FILLED:
                        self.file.add_to(self._overwritten)
                    self.file.bump_seq(slot)
                    self._current = slot
                    return slot
                inbox.consume()
                self.file.add_to(self._stale)
            self._refill()

    def _refuse(self):
        if self.file.i32[self._forced] != 0:
            self.file.add_to(self._dropped)
        return None

    def _refill(self):
        flush_all_outboxes()
        self._inbox_state = FREE
        if self.file.overwrite:
            if self._inbox.fill(self._empty_nb) > 0:
                return
            if self._inbox.fill(self._filled_nb, 1) > 0:
                if self._inbox.peek() == END_TOKEN:
                    self._inbox.consume()
                    self.file.write_control_tokens("filled", [END_TOKEN])
                    time.sleep(0.001)
                else:
                    self._inbox_state = FILLED
                return
        start = time.perf_counter()
        self._inbox.fill(self._empty_fd)
        waited = time.perf_counter() - start
        self.last_wait_seconds += waited
        self.file.add_to(self._waited, waited)

    def commit(self, flush=True):
        """Hands the acquired slot on (its token waits in the outbox unless ``flush``)."""
        slot, self._current = self._current, None
        file = self.file
        if slot == SCRATCH:
            file.add_to(self._discarded)
            return
        if slot is None:
            raise RuntimeError(f"buffer '{file.name}': commit() without acquire()")
        file.bump_seq(slot)
        if file.i32[self._forced] != 0:
            gen = file.set_slot_state(slot, FREE)
            file.write_control_tokens("empty", [make_token(slot, gen)])
            file.clear_owner(slot, self._attachment)
            file.add_to(self._dropped)
            return
        gen = file.set_slot_state(slot, FILLED)
        file.store_owned(self._last, slot)
        file.add_to(self._events)
        self._outbox.push(make_token(slot, gen))
        if flush or self._outbox.is_full:
            self._outbox.flush()

    def flush(self):
        self._outbox.flush()

    def close(self):
        """Hands back what this process holds and closes its entry; the last writer ends the stream."""
        if self._closed:
            return
        self._closed = True
        file = self.file
        returned = []
        if self._current is not None and self._current >= 0:
            gen = file.set_slot_state(self._current, FREE)
            file.bump_seq(self._current)
            returned.append(make_token(self._current, gen))
        self._current = None
        self._outbox.flush()
        self._outbox.unregister()
        for token in self._inbox.drain():
            if token == WAKE_TOKEN:
                continue
            if self._inbox_state == FILLED:
                file.write_control_tokens("filled", [token])
            else:
                returned.append(token)
        if returned:
            file.write_control_tokens("empty", returned)
        for token in returned:
            file.clear_owner(token & 0xFFFF, self._attachment)
        file.close_entry(self._attachment, True)


class _AgeSampler:
    """A reader's side of the event ages: counts down the stride and, when it runs out, bins the
    age (now minus the timestamp) of one event in the reader's process entry, as TypeScript does."""

    def __init__(self, file, attachment):
        self._file = file
        self._first_bin = (file.attachment_base(attachment) + AGE_BINS_BYTE) >> 2
        self._stride = 1
        self._until_sample = 1
        self._last_sampled = 0.0

    def taken(self, slot):
        self._until_sample -= 1
        if self._until_sample > 0:
            return
        now = time.time()
        since = max(now - self._last_sampled, 1e-6)
        self._stride = min(_AGE_MAX_STRIDE, max(1, round(self._stride * _AGE_SAMPLE_EVERY_S / since)))
        self._until_sample = self._stride
        self._last_sampled = now
        file = self._file
        timestamp = file.f64[(file.slot_offset(slot) + 8) >> 3]  # metadata: counter, timestamp, deadtime
        if not timestamp > 0:  # a writer that stamps no time: no age
            return
        index = self._first_bin + bisect.bisect_left(AGE_BIN_EDGES, now - timestamp)
        file.u32[index] = (file.u32[index] + 1) & 0xFFFFFFFF  # one writer per entry


class Reader:
    """Takes events in commit order: next() gives a slot index (valid until the next call) or None at the end."""

    def __init__(self, file):
        self.file = file
        self._filled_fd = file.pipe("filled")[0]
        attachment = file.attach(READER)
        self._attachment = attachment
        # This reader does not take the commits that TypeScript writers hold in the file
        # (src/buffer/held-commits.ts): counted in pipe_readers, so that they write at once.
        self._counted = file.address_of_word((file.attachment_base(attachment) >> 2) + SLEEPING_WORD)
        atomic.add32(file.address_of_word(file.state_word(PIPE_READERS)), 1)
        atomic.store32(self._counted, COUNTED_IN_PIPE_READERS)
        self._inbox = _Inbox(file, attachment)
        self._outbox = _TokenOutbox(file.pipe("empty")[0], file.inbox_capacity, lambda slot: file.clear_owner(slot, attachment))
        base = file.attachment_base(attachment)
        self._events, self._stale = base + EVENTS_BYTE, base + STALE_BYTE
        self._age = _AgeSampler(file, attachment)
        self._current = None
        self._saw_end = False
        self.is_ended = False
        self._backoff = 0.0

    @property
    def has_tokens_waiting(self):
        return not self._inbox.is_empty

    def next(self):
        if self._current is not None:
            self._release()
        if self.is_ended:
            return None
        inbox = self._inbox
        file = self.file
        while True:
            while not inbox.is_empty:
                token = inbox.peek()
                if token == END_TOKEN:
                    inbox.consume()
                    self._saw_end = True
                    continue
                slot = token & 0xFFFF
                # Claim first, clear the inbox entry after: a crash in between leaves the slot findable.
                if file.claim(slot, token >> 16, FILLED, READING, self._attachment):
                    inbox.consume()
                    self._current = slot
                    self._backoff = 0.0
                    file.add_to(self._events)
                    self._age.taken(slot)
                    return slot
                inbox.consume()
                file.add_to(self._stale)
            if self._saw_end and self._finish_at_end():
                return None
            flush_all_outboxes()
            inbox.fill(self._filled_fd)

    def _release(self):
        slot, self._current = self._current, None
        gen = self.file.set_slot_state(slot, FREE)
        self._outbox.push(make_token(slot, gen))
        if self._outbox.is_full:
            self._outbox.flush()

    def _finish_at_end(self):
        self._saw_end = False
        flush_all_outboxes()
        self.file.write_control_tokens("filled", [END_TOKEN])
        if self.file.is_drained():
            self.close()
            return True
        self._backoff = min(_MAX_BACKOFF_S, self._backoff * 2 or 0.00025)
        time.sleep(self._backoff)
        return False

    def close(self):
        """Gives back what this reader holds (its current slot, tokens not yet taken) and detaches."""
        if self.is_ended:
            return
        self.is_ended = True
        if self._current is not None:
            self._release()
        self._outbox.flush()
        self._outbox.unregister()
        unread = self._inbox.drain()
        if self._saw_end:
            unread.append(END_TOKEN)
        if unread:
            self.file.write_control_tokens("filled", unread)
        if atomic.exchange32(self._counted, 0) == COUNTED_IN_PIPE_READERS:
            atomic.add32(self.file.address_of_word(self.file.state_word(PIPE_READERS)), -1)
        self.file.close_entry(self._attachment, False)


class Observer:
    """Copies the newest committed slot under its seqlock; never takes a token."""

    ATTEMPTS = 16

    def __init__(self, file):
        self.file = file
        self.copy = bytearray(file.slot_size)
        self._last_committed = file.state_word(LAST_COMMITTED)
        self._last = (-1, -1)

    @property
    def is_ended(self):
        return self.file.is_ended

    def latest(self):
        """True when ``copy`` now holds an event committed since the last True, else False."""
        file = self.file
        for _ in range(self.ATTEMPTS):
            slot = atomic.load32(file.address_of_word(self._last_committed))
            if slot < 0:
                return False
            seq_address = file.address_of_word(file.slot_word(slot, SEQ))
            before = atomic.load32(seq_address)
            if before & 1:
                continue
            if (slot, before) == self._last:
                return False
            start = file.slot_offset(slot)
            self.copy[:] = memoryview(file.map)[start : start + file.slot_size]
            if atomic.load32(seq_address) == before:
                self._last = (slot, before)
                return True
        return False


# ---- numpy views of a slot -------------------------------------------------------------------


class SlotArrays:
    """numpy arrays of a buffer's slots, as the original's structured records.

    The slot stores one column per field; numpy can view that as a structured array of
    ``data_length`` records only when there is one field, or when ``data_length`` is 1 (a dtype
    with the columns' offsets). Then ``data(slot)`` is a view on the mapping (zero copy);
    otherwise ``data(slot)`` gathers a packed copy and ``store(slot, value)`` scatters one.
    """

    def __init__(self, file):
        self.file = file
        n = file.data_length
        fields = file.fields
        self.dtype = np.dtype([(f["name"], f["dtype"]) for f in fields])
        self.example = np.zeros(n, dtype=self.dtype)
        self.metadata_example = np.zeros(1, dtype=METADATA_DTYPE)
        first = fields[0]["offset"]
        if len(fields) == 1:
            self._view_dtype, self._view_offset = self.dtype, first
        elif n == 1:
            self._view_dtype = np.dtype(
                {
                    "names": [f["name"] for f in fields],
                    "formats": [f["dtype"] for f in fields],
                    "offsets": [f["offset"] - first for f in fields],
                    "itemsize": file.slot_size - first,
                }
            )
            self._view_offset = first
        else:
            self._view_dtype = None
        self.is_zero_copy = self._view_dtype is not None
        self._columns = [(f["dtype"], f["offset"]) for f in fields]
        self._views = {}
        # A paused writer's slot: private, never committed.
        self._scratch_memory = bytearray(file.slot_size)
        self._scratch = self._make(SCRATCH)

    def _make(self, slot):
        if slot == SCRATCH:
            memory, offset = self._scratch_memory, 0
        else:
            memory, offset = self.file.map, self.file.slot_offset(slot)
        n = self.file.data_length
        metadata = np.ndarray((1,), METADATA_DTYPE, memory, offset)
        columns = [np.ndarray((n,), descr, memory, offset + at) for descr, at in self._columns]
        view = np.ndarray((n,), self._view_dtype, memory, offset + self._view_offset) if self.is_zero_copy else None
        return metadata, columns, view

    def arrays(self, slot):
        """(metadata view, column views, structured view or None) of a slot, made once."""
        if slot == SCRATCH:
            return self._scratch
        views = self._views.get(slot)
        if views is None:
            views = self._views[slot] = self._make(slot)
        return views

    def metadata(self, slot):
        return self.arrays(slot)[0]

    def data(self, slot):
        """The slot's data as a structured array: a view, or a packed copy of its own."""
        _, columns, view = self.arrays(slot)
        if view is not None:
            return view
        out = np.empty(self.file.data_length, self.dtype)
        for name, column in zip(self.dtype.names, columns):
            out[name] = column
        return out

    def store(self, slot, value):
        """Writes ``value`` (anything numpy assigns to the structured records) into the slot."""
        _, columns, view = self.arrays(slot)
        if view is not None:
            view[...] = value
            return
        names = getattr(getattr(value, "dtype", None), "names", None)
        if names is not None and len(names) == len(columns) and value.shape == (self.file.data_length,):
            for name, column in zip(names, columns):
                column[...] = value[name]
            return
        packed = np.empty(self.file.data_length, self.dtype)
        packed[...] = value
        for name, column in zip(self.dtype.names, columns):
            column[...] = packed[name]

    def slot_bytes(self, slot):
        start = self.file.slot_offset(slot)
        return memoryview(self.file.map)[start : start + self.file.slot_size]

    def copy_slot(self, source_file, source_slot, slot):
        """Copies a whole slot (same layout) byte for byte."""
        target = memoryview(self._scratch_memory) if slot == SCRATCH else self.slot_bytes(slot)
        start = source_file.slot_offset(source_slot)
        target[:] = memoryview(source_file.map)[start : start + source_file.slot_size]

    def from_bytes(self, memory):
        """(metadata, data) copies from a slot's bytes (the observer's copy)."""
        n = self.file.data_length
        metadata = np.ndarray((1,), METADATA_DTYPE, memory, 0).copy()
        data = np.empty(n, self.dtype)
        for name, (descr, at) in zip(self.dtype.names, self._columns):
            data[name] = np.ndarray((n,), descr, memory, at)
        return metadata, data
