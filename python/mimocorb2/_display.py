"""``io.display(name)``: a display of this worker process in control's terminal UI (as the
TypeScript API's, docs/worker-api.md "Displays"). Each frame is written whole as JSON to a
temporary file that is renamed over the display's file, at most ``max_rate_hz`` times a second.
Control checks the content and ignores a frame that is not a display."""

import json
import os
import time
from urllib.parse import quote

KINDS = ("lines", "histogram", "text", "grid")
DEFAULT_RATE_HZ = 5.0
MAX_RATE_HZ = 10.0


def _encode(part):
    return quote(part, safe="").replace(".", "%2E")


def _plain(value):
    """numpy arrays and scalars as JSON lists and numbers."""
    tolist = getattr(value, "tolist", None)
    if tolist is not None:
        return tolist()
    raise TypeError(f"a display's content holds a {type(value).__name__}, which is not JSON")


class Display:
    def __init__(self, directory, worker, process_index, name, max_rate_hz=DEFAULT_RATE_HZ):
        if not (1 / 60 <= max_rate_hz <= MAX_RATE_HZ):
            raise ValueError(f"display '{name}' of worker '{worker}': max_rate_hz must be between 1/60 and 10, got {max_rate_hz}")
        if name == "":
            raise ValueError(f"worker '{worker}': a display needs a name, got ''")
        self.name = name
        self._identity = {"worker": worker, "processIndex": process_index, "name": name}
        self._interval = 1.0 / max_rate_hz
        self._last = -float("inf")
        self._pending = None
        self.sequence = 0
        self._path = None
        if directory is not None:
            stem = f"{_encode(worker)}.{process_index}.{_encode(name)}.display.json"
            self._path = os.path.join(directory, stem)
            self._temporary = os.path.join(directory, f".{stem}.tmp")

    def publish(self, content):
        """Shows ``content`` (a dict: kind lines, histogram, text or grid) now, or with the next
        publish()/the worker's end if the last frame is newer than 1/max_rate_hz."""
        if not isinstance(content, dict) or content.get("kind") not in KINDS:
            raise TypeError(
                f"display '{self.name}' of worker '{self._identity['worker']}': expected a dict with kind "
                f"{', '.join(KINDS)}, got {content!r:.80}"
            )
        now = time.monotonic()
        if now - self._last < self._interval:
            self._pending = content
            return False
        self._write(content, now)
        return True

    def flush(self):
        if self._pending is not None:
            self._write(self._pending, time.monotonic())

    def _write(self, content, now):
        self._pending = None
        self._last = now
        self.sequence += 1
        if self._path is None:
            return
        frame = dict(self._identity, sequence=self.sequence, publishedAtS=time.time(), content=content)
        try:
            with open(self._temporary, "w") as file:
                json.dump(frame, file, default=_plain)
            os.replace(self._temporary, self._path)
        except OSError:
            pass  # the run's display directory goes when the run ends; a display never stops the data
