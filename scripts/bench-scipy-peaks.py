#!/usr/bin/python3
"""The scipy side of `npm run bench -- --scenario peaks`: scipy.signal.find_peaks over the same
waveform file as findPeaks (float32 samples, one waveform after the other), timed here in python.
Speaks the bench child protocol (src/bench/child/protocol.ts): a ready line, then a result line.

argv: <waveform file> <samples per waveform> <options as JSON>
"""
import json
import sys
import time

import numpy as np
from scipy.signal import find_peaks


def find_all(waveforms, options):
    return sum(len(find_peaks(w, **options)[0]) for w in waveforms)


def main():
    path, samples, options = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
    waveforms = list(np.fromfile(path, dtype=np.float32).reshape(-1, samples))
    find_all(waveforms[:300], options)  # warm-up, as on the node side
    print(json.dumps({"type": "ready"}), flush=True)
    cpu_start = time.process_time()
    start = time.perf_counter()
    found = find_all(waveforms, options)
    seconds = time.perf_counter() - start
    cpu_s = time.process_time() - cpu_start
    print(json.dumps({"type": "result", "events": len(waveforms), "seconds": seconds, "cpu_s": cpu_s,
                      "peaks_found": found}), flush=True)


if __name__ == "__main__":
    main()
