#!/usr/bin/env python3
"""Read mimocorb2 ``.mimo`` files (the events ``data.export`` records) with numpy, and convert the
Python mimoCoRB2's ``.mimo`` files to this format.

Needs numpy and nothing else. The format is described in docs/mimo-format.md of mimocorb2.

As a module::

    import sys; sys.path.insert(0, "/path/to/mimocorb2/scripts")
    import mimofile

    header, metadata, data = mimofile.read("target/run_.../raw.mimo")
    header["buffer"], header["data_dtype"], header["data_length"]   # the JSON header (a dict)
    metadata["counter"], metadata["timestamp"], metadata["deadtime"]  # one entry per event
    data["ch1"]            # events x data_length (numpy array of the field's dtype)
    data[5]["ch1"]         # the 6th event's ch1

``metadata`` and ``data`` are numpy structured arrays with one entry per event, mapped read-only
from the file (nothing is copied until you compute with them). Only whole records count: a file
cut short by a crash reads up to its last whole event. ``read`` also reads the Python original's
files (their header then says ``"format": "mimoCoRB2-pickle"``; the arrays are copies).

As a script::

    python3 scripts/mimofile.py info FILE [--json]
    python3 scripts/mimofile.py convert OLD.mimo [NEW.mimo]

``info`` prints the header and a summary of the events. ``convert`` turns a .mimo file of the
Python mimoCoRB2 (pickled header; records of data then metadata) into this format; without NEW it
converts in place and keeps the original as ``OLD.mimo.orig``. Exit code 2 when a file is missing,
is not a .mimo file, or cannot be converted.
"""

import json
import os
import pickle
import sys

import numpy as np

MAGIC = b"MIMOFILE"
VERSION = 1
FORMAT = "mimocorb2-mimo"
ORIGINAL_FORMAT = "mimoCoRB2-pickle"
PREAMBLE_BYTES = 16
METADATA_BYTES = 24
RECORDS_ALIGN = 64
SLOT_ALIGN = 64
COLUMN_ALIGN = 8
OFFSET_DIGITS_ROOM = 16
CONVERT_CHUNK_RECORDS = 4096
METADATA_FIELDS = [
    {"name": "counter", "dtype": "<i8", "offset": 0, "bytes": 8},
    {"name": "timestamp", "dtype": "<f8", "offset": 8, "bytes": 8},
    {"name": "deadtime", "dtype": "<f8", "offset": 16, "bytes": 8},
]
ORIGINAL_HEADER_TEXT = b"This is a mimoCoRB file"


class MimoFileError(Exception):
    """The file is missing, is not a .mimo file, or cannot be converted."""


def _round_up(value, to):
    return -(-value // to) * to


def is_original(path):
    """Whether ``path`` is a .mimo file of the Python mimoCoRB2 (it starts with a pickle)."""
    with open(path, "rb") as f:
        start = f.read(4096)
    return start[:1] == b"\x80" and ORIGINAL_HEADER_TEXT in start


def _read_header(f, path):
    preamble = f.read(PREAMBLE_BYTES)
    if len(preamble) < PREAMBLE_BYTES or preamble[:8] != MAGIC:
        raise MimoFileError(f"{path} is not a mimocorb2 .mimo file (it does not start with MIMOFILE)")
    version, json_length = np.frombuffer(preamble, "<u4", 2, 8)
    if version != VERSION:
        raise MimoFileError(f"{path} has .mimo format version {version}; this reader knows {VERSION}")
    try:
        header = json.loads(f.read(int(json_length)).decode("utf-8"))
    except ValueError as error:
        raise MimoFileError(f"{path} has an unreadable header: {error}") from error
    if header.get("format") != FORMAT:
        raise MimoFileError(f"{path} has no mimocorb2 .mimo header")
    return header


def record_dtypes(header):
    """The numpy dtypes of one record's metadata and data, with the offsets of the header."""
    size = header["record_size"]
    n = header["data_length"]
    metadata = np.dtype({
        "names": [m["name"] for m in header["metadata"]],
        "formats": [m["dtype"] for m in header["metadata"]],
        "offsets": [m["offset"] for m in header["metadata"]],
        "itemsize": size,
    })
    data = np.dtype({
        "names": [f["name"] for f in header["fields"]],
        "formats": [(f["dtype"], (n,)) for f in header["fields"]],
        "offsets": [f["offset"] for f in header["fields"]],
        "itemsize": size,
    })
    return metadata, data


def _read_ours(path):
    with open(path, "rb") as f:
        header = _read_header(f, path)
    size = os.path.getsize(path)
    count = max(0, (size - header["records_offset"]) // header["record_size"])
    metadata_dtype, data_dtype = record_dtypes(header)
    if count == 0:
        return header, np.zeros(0, metadata_dtype), np.zeros(0, data_dtype)
    raw = np.memmap(path, dtype=np.uint8, mode="r", offset=header["records_offset"],
                    shape=(count * header["record_size"],))
    return header, raw.view(metadata_dtype), raw.view(data_dtype)


def _read_original(path):
    """The original's file: a pickled dict of dtypes and lengths, then records of data, metadata."""
    with open(path, "rb") as f:
        try:
            info = pickle.load(f)
        except Exception as error:  # a damaged pickle raises many kinds of errors
            raise MimoFileError(f"{path}: cannot read its pickled header: {error}") from error
        start = f.tell()
    data_dtype = np.dtype(info["data_dtype"])
    n = int(info["data_length"])
    meta_dtype = np.dtype(info["metadata_dtype"])
    meta_length = int(info["metadata_length"])
    record = np.dtype([("data", data_dtype, (n,)), ("metadata", meta_dtype, (meta_length,))])
    count = max(0, (os.path.getsize(path) - start) // record.itemsize)
    records = np.fromfile(path, dtype=record, count=count, offset=start)
    fields = {name: _our_descr(data_dtype.fields[name][0], name, path) for name in data_dtype.names}
    header = {
        "format": ORIGINAL_FORMAT,
        "version": info.get("version"),
        "data_length": n,
        "data_dtype": fields,
    }
    metadata = np.zeros(count, [("counter", "<i8"), ("timestamp", "<f8"), ("deadtime", "<f8")])
    for name in metadata.dtype.names:
        metadata[name] = records["metadata"][:, 0][name]
    data = np.zeros(count, [(name, descr, (n,)) for name, descr in fields.items()])
    for name in fields:
        data[name] = records["data"][name]
    return header, metadata, data


def read(path):
    """``(header, metadata, data)`` of a .mimo file: the header as a dict, the events as numpy
    structured arrays (metadata: counter, timestamp, deadtime; data: one column per field, each
    entry data_length long)."""
    path = os.fspath(path)
    if not os.path.isfile(path):
        raise MimoFileError(f".mimo file {path} not found")
    return _read_original(path) if is_original(path) else _read_ours(path)


def _our_descr(dtype, field, path):
    """The dtype as mimocorb2 writes it (little-endian numbers, bools, byte strings), or an error."""
    if dtype.kind in "fiu" and dtype.itemsize in (1, 2, 4, 8) and not (dtype.kind == "f" and dtype.itemsize < 4):
        return ("|" if dtype.itemsize == 1 else "<") + dtype.kind + str(dtype.itemsize)
    if dtype.kind == "b":
        return "|b1"
    if dtype.kind == "S":
        return f"|S{dtype.itemsize}"
    raise MimoFileError(f"{path}: field '{field}' has dtype {dtype.str}, which mimocorb2 buffers cannot hold")


def make_header(buffer, data_dtype, data_length, setup_name="", setup_file="", start_time=0.0, **extra):
    """The JSON header of a new file, with the record layout mimocorb2 computes for a buffer slot:
    metadata (24 bytes), then one column per field starting on 8 bytes, padded to 64 bytes."""
    fields = []
    offset = METADATA_BYTES
    for name, descr in data_dtype.items():
        offset = _round_up(offset, COLUMN_ALIGN)
        size = np.dtype(descr).itemsize * data_length
        fields.append({"name": name, "dtype": descr, "offset": offset, "bytes": size})
        offset += size
    utc = np.datetime64(int(round(start_time * 1e3)), "ms")
    header = {
        "format": FORMAT,
        "version": VERSION,
        "buffer": buffer,
        "setup_name": setup_name,
        "setup_file": setup_file,
        "start_time": start_time,
        "start_time_utc": f"{utc}Z",
        "data_length": data_length,
        "data_dtype": dict(data_dtype),
        "record_size": _round_up(offset, SLOT_ALIGN),
        "records_offset": 0,
        "metadata": METADATA_FIELDS,
        "fields": fields,
        **extra,
    }
    length = len(json.dumps(header, separators=(",", ":")).encode("utf-8"))
    header["records_offset"] = _round_up(PREAMBLE_BYTES + length + OFFSET_DIGITS_ROOM, RECORDS_ALIGN)
    return header


def encode_header(header):
    """The first records_offset bytes of a file: magic, version, JSON length, JSON, spaces, newline."""
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    start = MAGIC + np.array([VERSION, len(text)], "<u4").tobytes() + text
    return start + b" " * (header["records_offset"] - len(start) - 1) + b"\n"


def _buffer_name(path):
    stem = os.path.basename(path)
    stem = stem[:-5] if stem.endswith(".mimo") else stem
    name = "".join(c if c.isalnum() or c in "_.-" else "_" for c in stem)
    return name if name and name[0] not in ".-" else f"_{name}"


def convert(source, target=None):
    """Writes the original's .mimo file ``source`` in this format to ``target``; without target in
    place, keeping the original as ``source + '.orig'``. Returns (target, events)."""
    source = os.fspath(source)
    if not os.path.isfile(source):
        raise MimoFileError(f".mimo file {source} not found")
    if not is_original(source):
        with open(source, "rb") as f:
            is_ours = f.read(8) == MAGIC
        raise MimoFileError(f"{source} is already a mimocorb2 .mimo file" if is_ours else
                            f"{source} is not a .mimo file of the Python mimoCoRB2 (no pickled header)")
    in_place = target is None
    kept = source + ".orig"
    if in_place and os.path.exists(kept):
        raise MimoFileError(f"{kept} exists already; move it away or name the output file")
    header, metadata, data = _read_original(source)
    start = float(metadata["timestamp"][0]) if len(metadata) else os.path.getmtime(source)
    ours = make_header(_buffer_name(source), header["data_dtype"], header["data_length"], start_time=start,
                       converted_from=os.path.abspath(kept if in_place else source))
    metadata_dtype, data_dtype = record_dtypes(ours)
    written = (source if in_place else target) + ".partial"
    with open(written, "wb") as f:
        f.write(encode_header(ours))
        for first in range(0, len(metadata), CONVERT_CHUNK_RECORDS):
            chunk = slice(first, first + CONVERT_CHUNK_RECORDS)
            raw = np.zeros((len(metadata[chunk]), ours["record_size"]), np.uint8)
            meta_view = raw.reshape(-1).view(metadata_dtype)
            data_view = raw.reshape(-1).view(data_dtype)
            for name in metadata_dtype.names:
                meta_view[name] = metadata[chunk][name]
            for name in data_dtype.names:
                data_view[name] = data[chunk][name]
            f.write(raw.tobytes())
    if in_place:
        os.rename(source, kept)
        target = source
    os.replace(written, target)
    return target, len(metadata)


def _summary(path, header, metadata):
    lines = [f"{path}: " + ("a .mimo file of the Python mimoCoRB2 (pickled header); convert it with: "
                            f"python3 {os.path.abspath(__file__)} convert {os.path.abspath(path)}"
                            if header["format"] == ORIGINAL_FORMAT else
                            f"mimocorb2 .mimo version {header['version']}")]
    for key in ("buffer", "setup_name", "setup_file", "start_time_utc", "record_size", "converted_from"):
        if header.get(key):
            lines.append(f"{key:<15} {header[key]}")
    lines.append(f"{'data_length':<15} {header['data_length']}")
    lines.append(f"{'data_dtype':<15} " + ", ".join(f"{k}: {v}" for k, v in header["data_dtype"].items()))
    lines.append(f"{'events':<15} {len(metadata)}")
    if len(metadata):
        first, last = float(metadata["timestamp"][0]), float(metadata["timestamp"][-1])
        span = last - first
        rate = f", {(len(metadata) - 1) / span:.6g} events/s" if span > 0 else ""
        lines.append(f"{'counters':<15} {int(metadata['counter'].min())} to {int(metadata['counter'].max())}")
        lines.append(f"{'timestamps':<15} {np.datetime64(int(first * 1e6), 'us')} to "
                     f"{np.datetime64(int(last * 1e6), 'us')} ({span:.6g} s{rate})")
    return lines


def main(argv):
    """``mimofile.py info FILE [--json]`` or ``mimofile.py convert OLD [NEW]``; returns the exit code."""
    import argparse

    parser = argparse.ArgumentParser(prog="mimofile.py", description="Read and convert .mimo files.")
    commands = parser.add_subparsers(dest="command", required=True)
    info = commands.add_parser("info", help="show a .mimo file's header and a summary of its events")
    info.add_argument("file")
    info.add_argument("--json", action="store_true", help="print one JSON object")
    conv = commands.add_parser("convert", help="convert a .mimo file of the Python mimoCoRB2 to this format")
    conv.add_argument("file", help="the original's .mimo file")
    conv.add_argument("output", nargs="?", help="where to write (default: in place, original kept as FILE.orig)")
    args = parser.parse_args(argv)
    try:
        if args.command == "convert":
            target, events = convert(args.file, args.output)
            kept = "" if args.output else f" (the original is now {args.file}.orig)"
            print(f"converted {events} events to {target}{kept}")
            return 0
        header, metadata, _ = read(args.file)
    except MimoFileError as error:
        print(f"mimofile: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({"header": header, "events": len(metadata)}))
    else:
        print("\n".join(_summary(args.file, header, metadata)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
