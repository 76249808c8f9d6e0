"""The program of one Python worker process (started by control through ../run_worker.py).

The protocol with control is src/control/messages.ts: one JSON start line on fd 4, a JSON line
``{"type": "ready"}`` on fd 3 when the template has checked its buffers, the byte ``g`` on fd 4
when data may flow, and ``{"type": "failed", ...}`` on fd 3 before a non-zero exit. stdout and
stderr are the worker's log file: every line is written whole, prefixed ``[<process index>] ``.
"""

import ctypes
import importlib.util
import json
import logging
import os
import signal
import sys
import time
import traceback
from pathlib import Path

CHILD_TO_CONTROL_FD = 3
CONTROL_TO_CHILD_FD = 4
GO_BYTE = 0x67
PR_SET_PDEATHSIG = 1
MAX_LINE_CHARS = 16384
# How often a worker process looks whether control has rotated its log file.
REOPEN_CHECK_S = 1.0
PHASE_TEXT = {
    "load": "while loading its function",
    "start": "while setting up (its config, buffers and template)",
    "run": "while running",
}
# Modules a physicist's file imports that Debian packages: the package to install.
DEBIAN_PACKAGES = {
    "numpy": "python3-numpy",
    "scipy": "python3-scipy",
    "matplotlib": "python3-matplotlib",
    "yaml": "python3-yaml",
    "pandas": "python3-pandas",
}


class LogFile:
    """fds 1 and 2, the worker's log file: once control has rotated it (renamed it
    ``<worker>.log.1`` and made a new one), they are moved onto the new file, so that what Python
    and native code print goes there."""

    def __init__(self, path):
        self._path = path
        self._inode = os.fstat(1).st_ino if path else None
        self._checked_at = time.monotonic()

    def follow(self):
        if self._path is None or time.monotonic() - self._checked_at < REOPEN_CHECK_S:
            return
        self._checked_at = time.monotonic()
        try:
            inode = os.stat(self._path).st_ino
            if inode == self._inode:
                return
            fd = os.open(self._path, os.O_WRONLY | os.O_APPEND)
        except OSError:
            return  # removed, or being rotated right now: go on writing where we are
        try:
            for target in (1, 2):
                if os.fstat(target).st_ino == self._inode:
                    os.dup2(fd, target)
        finally:
            os.close(fd)
        self._inode = inode


class LineWriter:
    """sys.stdout/sys.stderr of a worker: whole lines, each with the prefix, one write(2) per call."""

    encoding = "utf-8"
    errors = "replace"

    def __init__(self, fd, prefix, log_file=None):
        self._fd = fd
        self._prefix = prefix
        self._log_file = log_file
        self._partial = ""

    def write(self, text):
        lines = (self._partial + text).split("\n")
        self._partial = lines.pop()
        while len(self._partial) > MAX_LINE_CHARS:
            lines.append(self._partial[:MAX_LINE_CHARS])
            self._partial = self._partial[MAX_LINE_CHARS:]
        if lines:
            self._emit(lines)
        return len(text)

    def _emit(self, lines):
        data = "".join(f"{self._prefix}{line}\n" for line in lines).encode("utf-8", "replace")
        if self._log_file is not None:
            self._log_file.follow()
        try:
            os.write(self._fd, data)
        except OSError:
            pass  # a full disk must not kill the worker

    def flush(self):
        pass

    def close_line(self):
        if self._partial:
            self._emit([self._partial])
            self._partial = ""

    def fileno(self):
        return self._fd

    def isatty(self):
        return False

    def writable(self):
        return True


def send(message):
    os.write(CHILD_TO_CONTROL_FD, (json.dumps(message) + "\n").encode("utf-8"))


def exit_control_gone():
    print("control process is gone (its channel closed); exiting", file=sys.stderr)
    os._exit(1)


def read_start_message():
    """Blocks until the whole start line is there; also notes a go byte that came with it."""
    data = b""
    while b"\n" not in data:
        chunk = os.read(CONTROL_TO_CHILD_FD, 65536)
        if not chunk:
            exit_control_gone()
        data += chunk
    line, rest = data.split(b"\n", 1)
    return json.loads(line.decode("utf-8")), GO_BYTE in rest


def set_parent_death_signal(parent_pid):
    """SIGKILL when control dies (prctl), and at once if it is gone already."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent_pid:
        exit_control_gone()


def missing_module_hint(error):
    name = (getattr(error, "name", None) or "").split(".")[0]
    package = DEBIAN_PACKAGES.get(name)
    if package is None:
        return ""
    return (
        f"; {sys.executable} has no {name}: install the Debian package {package} (apt install {package}), "
        "or name an interpreter that has it with the worker key 'python:' or MIMOCORB2_PYTHON"
    )


def load_module(file):
    """Imports the worker file by path; its folder is appended to sys.path, as the original does."""
    path = Path(file)
    folder = str(path.parent)
    if folder not in sys.path:
        sys.path.append(folder)
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


def functions_of(module):
    return sorted(k for k, v in vars(module).items() if callable(v) and not k.startswith("_") and not isinstance(v, type))


def load_function(file, name):
    module = load_module(file)
    function = getattr(module, name, None)
    if callable(function):
        return function
    shown = os.path.basename(file)
    if function is not None:
        raise TypeError(f"'{shown}' defines '{name}' as {type(function).__name__}, expected a function")
    known = ", ".join(functions_of(module)) or "none"
    raise AttributeError(f"'{shown}' has no function '{name}'; its functions: {known}")


def probe(file, name):
    """For `mimocorb2 validate`: loads the file and prints what it defines, as one JSON line."""
    result = {"functions": [], "attribute_type": None, "error": None}
    try:
        module = load_module(file)
        result["functions"] = functions_of(module)
        value = getattr(module, name, None)
        if value is not None and not callable(value):
            result["attribute_type"] = type(value).__name__
        elif callable(value) and name not in result["functions"]:
            result["functions"].append(name)
    except BaseException as error:  # noqa: BLE001 - any failure of the user's file is the answer
        last = traceback.extract_tb(error.__traceback__)
        where = next((f"{Path(f.filename).name}:{f.lineno}: " for f in reversed(last) if f.filename == str(Path(file))), "")
        result["error"] = f"{where}{type(error).__name__}: {error}{missing_module_hint(error)}"
    sys.__stdout__.write(json.dumps(result) + "\n")
    return 0


class WorkerRun:
    def __init__(self, message):
        self.spec = message["spec"]
        self.phase = "load"
        self.io = None

    def run(self, has_go):
        from mimocorb2._runtime import runtime
        from mimocorb2.mimo_worker import BufferIO

        spec = self.spec
        function = load_function(spec["file"], spec["functionName"])
        self.phase = "start"
        runtime.on_ready = self.report_ready
        runtime.wait_for_go = None if has_go else self.block_until_go
        self.io = BufferIO(
            name=spec["worker"],
            sources=spec["sources"],
            sinks=spec["sinks"],
            observes=spec["observes"],
            config=spec["config"],
            setup_dir=spec["setupDir"],
            run_dir=spec["runDir"],
            process_index=spec["processIndex"],
            display_dir=spec.get("displayDir"),
        )
        function(self.io)
        self.io.flush_displays()
        runtime.ready()
        self.close_buffers()

    def report_ready(self):
        self.phase = "run"
        send({"type": "ready"})

    @staticmethod
    def block_until_go():
        while True:
            byte = os.read(CONTROL_TO_CHILD_FD, 1)
            if not byte:
                exit_control_gone()
            if byte[0] == GO_BYTE:
                return

    def close_buffers(self):
        if self.io is not None:
            self.io.shutdown_sinks()
            self.io.close_sources()

    def fail(self, error):
        worker, index = self.spec["worker"], self.spec["processIndex"]
        if getattr(error, "logged", False):
            details = f"{type(error).__name__}: {error}"
        else:
            details = "".join(traceback.format_exception(error)).rstrip() + missing_module_hint(error)
        print(f"worker '{worker}' process {index} failed {PHASE_TEXT[self.phase]}: {details}", file=sys.stderr)
        try:
            send(
                {
                    "type": "failed",
                    "phase": self.phase,
                    "error": {
                        "name": type(error).__name__,
                        "message": f"{error}{missing_module_hint(error)}",
                        "stack": "".join(traceback.format_exception(error)),
                    },
                }
            )
            self.close_buffers()
        except Exception as cleanup_error:  # noqa: BLE001
            print(f"and then, while cleaning up: {cleanup_error!r}", file=sys.stderr)


def main(argv):
    if len(argv) >= 4 and argv[1] == "--probe":
        return probe(argv[2], argv[3])
    message, has_go = read_start_message()
    spec = message["spec"]
    prefix = f"[{spec['processIndex']}] "
    log_file = LogFile(message.get("logFile"))
    sys.stdout = LineWriter(1, prefix, log_file)
    sys.stderr = LineWriter(2, prefix, log_file)
    set_parent_death_signal(message["parentPid"])
    import multiprocessing

    multiprocessing.current_process().name = f"{spec['worker']}_{spec['processIndex']}"
    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    run = WorkerRun(message)
    code = 0
    try:
        run.run(has_go)
    except BaseException as error:  # noqa: BLE001 - the worker's failure, reported to control
        run.fail(error)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        stream.close_line()
    return code
