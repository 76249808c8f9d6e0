// The bench worker functions of the chain scenarios in Python (importer, passAll,
// checkingExporter of worker-module.ts, with the same configs and report lines), written next to
// a setup whose workers run in the Python runtime. User code as an original user writes it.
import { REPORT_MARKER } from './worker-module.js';

export const PYTHON_WORKER_MODULE_FILE = 'bench_workers.py';

export const PYTHON_WORKER_MODULE_SOURCE = `# Written by the mimocorb2 benchmark (src/bench/setup-run/python-worker-module.ts); removed after the run.
import json
import time

import mimocorb2 as mi2
from mimocorb2 import _atomics


def report(io, **fields):
    fields.update(worker=io.name, process=io.process_index, atomic_calls=_atomics.calls[0])
    print("${REPORT_MARKER}" + json.dumps(fields), flush=True)


def run_queue_ms():
    try:
        with open("/proc/self/schedstat") as f:
            return int(f.read().split()[1]) / 1e6
    except OSError:
        return 0.0


def importer(io):
    """Event i carries the value i in every element of every field (config: events, fields)."""
    imp = mi2.Importer(io)
    events, fields = io["events"], io["fields"]
    event = imp.data_example.copy()
    state = {}

    def ufunc():
        state["cpu"], state["queued"], state["start"] = time.process_time(), run_queue_ms(), time.time()
        for i in range(events):
            for name in fields:
                event[name] = i
            yield event
        yield None

    imp(ufunc)
    report(io, events=imp.counter, start_s=state["start"], cpu_s=time.process_time() - state["cpu"],
           runqueue_ms=run_queue_ms() - state["queued"])


def passAll(io):
    state = {"passed": 0}

    def ufunc(data):
        if state["passed"] == 0:
            state["cpu"], state["queued"] = time.process_time(), run_queue_ms()
        state["passed"] += 1
        return True

    mi2.Filter(io)(ufunc)
    report(io, events=state["passed"], cpu_s=time.process_time() - state.get("cpu", time.process_time()),
           runqueue_ms=run_queue_ms() - state.get("queued", 0.0))


def checkingExporter(io):
    """Checks every event as worker-module.ts's checkingExporter does, and reports the same keys."""
    events, fields, ordered = io["events"], io["fields"], io["ordered"]
    seen = bytearray(events)
    received = duplicates = out_of_range = wrong_values = out_of_order = 0
    first_commit_s = None
    halfway = -(-events // 2)
    halfway_s = last_s = 0.0
    cpu = queued = 0.0
    for data, metadata in mi2.Exporter(io):
        if received == 0:
            cpu, queued = time.process_time(), run_queue_ms()
        counter = int(metadata["counter"][0])
        if counter == 0:
            first_commit_s = float(metadata["timestamp"][0])
        if 0 <= counter < events:
            if seen[counter]:
                duplicates += 1
            else:
                seen[counter] = 1
        else:
            out_of_range += 1
        for name in fields:
            values = data[name]
            if values[0] != counter or values[-1] != counter:
                wrong_values += 1
        if ordered and counter != received:
            out_of_order += 1
        received += 1
        if received == halfway:
            halfway_s = time.time()
        if received == events:
            last_s = time.time()
    if last_s == 0.0:
        last_s = time.time()
    report(io, received=received, duplicates=duplicates, out_of_range=out_of_range, wrong_values=wrong_values,
           out_of_order=out_of_order, first_commit_s=first_commit_s, last_received_s=last_s,
           halfway_received_s=halfway_s, cpu_s=time.process_time() - cpu, runqueue_ms=run_queue_ms() - queued)
`;
