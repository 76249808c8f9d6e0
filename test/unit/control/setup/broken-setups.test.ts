import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSetup } from '../../../../src/control/setup/index.js';
import { FIXTURE_SETUPS, problemsOf, useSetupDirs, WORKERS_TS } from './setup-dir.js';

const makeDir = useSetupDirs();

const BUFFERS = `Buffers:
  raw: {slot_count: 8, data_length: 4, data_dtype: {ch1: f4}}
  pulses: {slot_count: 8, data_length: 1, data_dtype: {height: f8}}
`;

interface BrokenCase {
  readonly name: string;
  readonly setup: string;
  readonly files?: Record<string, string>;
  readonly problems: readonly string[];
}

const DTYPES = 'f4 f8 float32 float64 i1 i2 i4 i8 int8..int64 u1 u2 u4 u8 uint8..uint64 b1 bool S<n>';

const CASES: readonly BrokenCase[] = [
  {
    name: 'unknown buffer names in sources, sinks and observes',
    setup: `${BUFFERS}Workers:
  source: {file: workers.ts, function: source, sinks: [raw]}
  filter:
    file: workers.ts
    function: filter
    sources: [raww]
    sinks: [pulses, spikes]
    observes: [Pulses]
`,
    problems: [
      "setup.yaml:9:15: Workers.filter.sources[0]: unknown buffer 'raww' (did you mean 'raw'?); buffers are: raw, pulses",
      "setup.yaml:10:21: Workers.filter.sinks[1]: unknown buffer 'spikes'; buffers are: raw, pulses",
      "setup.yaml:11:16: Workers.filter.observes[0]: unknown buffer 'Pulses' (did you mean 'pulses'?); buffers are: raw, pulses",
    ],
  },
  {
    name: 'a buffer listed twice, and a string where a list belongs',
    setup: `${BUFFERS}Workers:
  source: {file: workers.ts, function: source, sinks: [raw, raw]}
  filter: {file: workers.ts, function: filter, sources: raw, sinks: [pulses]}
`,
    problems: [
      "setup.yaml:5:61: Workers.source.sinks[1]: buffer 'raw' is listed twice",
      'setup.yaml:6:57: Workers.filter.sources: expected a list of buffer names, e.g. [raw], got string "raw"; write [raw]',
    ],
  },
  {
    name: 'missing and mistyped buffer keys',
    setup: `Buffers:
  raw: {data_length: four, data_dtype: {ch1: f4}, overwrite: yes}
  pulses: {slot_count: 8.5, data_length: 0}
  other: [8, 4]
Workers:
  source: {file: workers.ts, function: source, sinks: [raw, pulses, other]}
`,
    problems: [
      "setup.yaml:2:3: Buffers.raw: missing key 'slot_count' (slots in the ring, 1 to 14000)",
      'setup.yaml:2:22: Buffers.raw.data_length: expected a whole number of at least 1, got string "four"',
      'setup.yaml:2:62: Buffers.raw.overwrite: expected true or false, got string "yes"',
      'setup.yaml:3:24: Buffers.pulses.slot_count: expected a whole number from 1 to 14000, got number 8.5',
      'setup.yaml:3:42: Buffers.pulses.data_length: expected a whole number of at least 1, got number 0',
      "setup.yaml:3:3: Buffers.pulses: missing key 'data_dtype' (field name -> dtype, e.g. {ch1: f4})",
      'setup.yaml:4:10: Buffers.other: expected a mapping with slot_count, data_length and data_dtype, got a list',
    ],
  },
  {
    name: 'unknown keys in a buffer, a worker and at the top level',
    setup: `${BUFFERS.replace('data_dtype: {height: f8}', 'data_dtype: {height: f8}, dtype: {x: f4}')}Workers:
  source: {file: workers.ts, function: source, sinks: [raw], source: [pulses], colour: red}
  filter: {file: workers.ts, function: filter, sources: [raw], sinks: [pulses]}
Worker: {}
target_dir: out
`,
    problems: [
      "setup.yaml:7:1: Worker: unknown top-level key 'Worker' (did you mean 'Workers'?); the top level has the keys Buffers, Workers, base_config, target_directory, and keys whose value carries a YAML anchor (&name) to hold templates",
      "setup.yaml:8:1: target_dir: unknown top-level key 'target_dir'; the top level has the keys Buffers, Workers, base_config, target_directory, and keys whose value carries a YAML anchor (&name) to hold templates",
      "setup.yaml:3:69: Buffers.pulses.dtype: unknown key 'dtype'; a buffer has the keys slot_count, data_length, data_dtype, overwrite",
      "setup.yaml:5:62: Workers.source.source: unknown key 'source' (did you mean 'sources'?); a worker has the keys file, function, config, number_of_processes, sources, sinks, observes, python, restart, max_restarts, restart_backoff, max_memory, max_silence",
      "setup.yaml:5:80: Workers.source.colour: unknown key 'colour'; a worker has the keys file, function, config, number_of_processes, sources, sinks, observes, python, restart, max_restarts, restart_backoff, max_memory, max_silence",
    ],
  },
  {
    name: 'supervision keys of the wrong kind or out of range',
    setup: `${BUFFERS}Workers:
  source: {file: workers.ts, function: source, sinks: [raw], restart: always, max_restarts: -1}
  filter:
    file: workers.ts
    function: filter
    sources: [raw]
    restart: on-failure
    max_restarts: 2.5
    restart_backoff: 60
    max_memory: 512
    max_silence: 0
  look: {file: workers.ts, function: filter, sources: [pulses], max_memory: 12X, restart_backoff: '1'}
  more: {file: workers.ts, function: filter, max_memory: 1M, restart: 'on_failure', max_silence: forever}
`,
    problems: [
      'setup.yaml:5:71: Workers.source.restart: expected never or on-failure, got string "always"',
      'setup.yaml:5:93: Workers.source.max_restarts: expected a whole number from 0 to 100, got number -1',
      'setup.yaml:11:19: Workers.filter.max_restarts: expected a whole number from 0 to 100, got number 2.5',
      'setup.yaml:12:22: Workers.filter.restart_backoff: expected a number of seconds from 0 to 30, got number 60',
      'setup.yaml:13:17: Workers.filter.max_memory: expected a size like 512M or 2G (binary units K, M, G, T: 1M = 1024 × 1024 bytes), got number 512; write 512M for 512 MiB',
      'setup.yaml:14:18: Workers.filter.max_silence: expected a number of seconds of at least 1, got number 0',
      'setup.yaml:15:99: Workers.look.restart_backoff: expected a number of seconds from 0 to 30, got string "1"',
      'setup.yaml:15:77: Workers.look.max_memory: expected a size like 512M or 2G (binary units K, M, G, T: 1M = 1024 × 1024 bytes), got string "12X"',
      `setup.yaml:16:71: Workers.more.restart: expected never or on-failure, got string "on_failure" (did you mean 'on-failure'?)`,
      'setup.yaml:16:58: Workers.more.max_memory: expected at least 32M (a worker process needs about 50M), got string "1M"',
      'setup.yaml:16:98: Workers.more.max_silence: expected a number of seconds of at least 1, got string "forever"',
    ],
  },
  {
    name: 'bad dtypes',
    setup: `Buffers:
  raw:
    slot_count: 8
    data_length: 4
    data_dtype: {ch1: f16, ch2: '>f4', ch3: S0, ch4: 4, ch5: float64}
  none: {slot_count: 8, data_length: 4, data_dtype: {}}
  listed: {slot_count: 8, data_length: 4, data_dtype: [f4]}
Workers:
  source: {file: workers.ts, function: source, sinks: [raw, none, listed]}
`,
    problems: [
      `setup.yaml:5:23: Buffers.raw.data_dtype.ch1: unknown dtype 'f16'; expected one of ${DTYPES}`,
      "setup.yaml:5:33: Buffers.raw.data_dtype.ch2: big-endian dtype '>f4' is not supported (typed arrays use the machine's little-endian order); use '<f4'",
      "setup.yaml:5:45: Buffers.raw.data_dtype.ch3: string dtype 'S0' needs a length from 1 to 65536",
      `setup.yaml:5:54: Buffers.raw.data_dtype.ch4: expected a dtype string (${DTYPES}), got number 4`,
      'setup.yaml:6:53: Buffers.none.data_dtype: expected at least one field, e.g. {ch1: f4}, got an empty mapping',
      'setup.yaml:7:55: Buffers.listed.data_dtype: expected a mapping of field name -> dtype, e.g. {ch1: f4}, got a list',
    ],
  },
  {
    name: 'sizes beyond the buffer limits, and names that cannot name files',
    setup: `Buffers:
  many: {slot_count: 20000, data_length: 4, data_dtype: {ch1: f4}}
  huge: {slot_count: 100, data_length: 10000000, data_dtype: {ch1: f8}}
  'a b': {slot_count: 8, data_length: 4, data_dtype: {ch1: f4}}
  '..': {slot_count: 8, data_length: 4, data_dtype: {ch1: f4}}
Workers:
  source: {file: workers.ts, function: source, sinks: [many, huge, 'a b']}
  a/b: {file: workers.ts, function: filter, sources: [huge]}
  '..': {file: workers.ts, function: filter, sources: [huge]}
`,
    problems: [
      'setup.yaml:2:22: Buffers.many.slot_count: expected a whole number from 1 to 14000, got number 20000',
      `setup.yaml:4:3: Buffers['a b']: buffer name "a b" must be letters, digits, '_', '.' or '-' (it names files)`,
      `setup.yaml:5:3: Buffers['..']: buffer name ".." must be letters, digits, '_', '.' or '-' (it names files)`,
      `setup.yaml:8:3: Workers['a/b']: worker name "a/b" must be letters, digits, '_', '.' or '-' (it names log files)`,
      `setup.yaml:9:3: Workers['..']: worker name ".." must be letters, digits, '_', '.' or '-' (it names log files)`,
      'setup.yaml:3:9: Buffers.huge: 100 slots of 80000064 bytes per slot need 7629.5 MiB, more than the 2 GiB one buffer can map; lower slot_count or data_length',
    ],
  },
  {
    name: 'worker files that are missing, of another kind or a directory; a python key where it has no meaning',
    files: { 'modules/filter.py': 'def filter(): pass\n', 'notes.txt': '', 'notes.ts': '' },
    setup: `${BUFFERS}Workers:
  source: {file: sources.ts, function: source, sinks: [raw]}
  filter: {file: modules/filter.py, function: calculate, sources: [raw], sinks: [pulses]}
  notes: {file: notes.txt, function: read, sources: [pulses]}
  bare: {file: Makefile, function: make}
  folder: {file: modules, function: run}
  number: {file: 7, function: run}
  py_number: {file: modules/filter.py, function: filter, python: 3}
  ts_python: {file: notes.ts, function: read, python: /usr/bin/python3}
  prebuilt_python: {function: exporters.csv, python: python3, sources: [raw]}
`,
    problems: [
      "setup.yaml:5:18: Workers.source.file: worker file 'sources.ts' not found (looked for <dir>/sources.ts)",
      "setup.yaml:7:17: Workers.notes.file: 'notes.txt' is a '.txt' file; expected a .ts, .js, .mjs or .py file",
      "setup.yaml:8:16: Workers.bare.file: 'Makefile' has no extension; expected a .ts, .js, .mjs or .py file",
      "setup.yaml:9:18: Workers.folder.file: 'modules' has no extension; expected a .ts, .js, .mjs or .py file",
      'setup.yaml:10:18: Workers.number.file: expected a file path, got number 7',
      'setup.yaml:11:66: Workers.py_number.python: expected the Python interpreter to run the worker file with (e.g. /usr/bin/python3), got number 3',
      "setup.yaml:12:55: Workers.ts_python.python: 'python' chooses the interpreter of a .py worker file, but this worker runs 'notes.ts'; remove the key",
      "setup.yaml:13:54: Workers.prebuilt_python.python: 'python' chooses the interpreter of a .py worker file, but this worker runs a prebuilt function; remove the key",
    ],
  },
  {
    name: 'a directory named like a worker file',
    files: { 'lib.ts/index.ts': '' },
    setup: `${BUFFERS}Workers:
  source: {file: lib.ts, function: source, sinks: [raw]}
`,
    problems: [
      "setup.yaml:5:18: Workers.source.file: worker file 'lib.ts' is not a file (looked for <dir>/lib.ts)",
    ],
  },
  {
    name: 'function missing, empty, or not a prebuilt name',
    setup: `${BUFFERS}Workers:
  source: {file: workers.ts, sinks: [raw]}
  filter: {file: workers.ts, function: '', sources: [raw], sinks: [pulses]}
  store: {function: csv, sources: [pulses]}
`,
    problems: [
      "setup.yaml:5:3: Workers.source: missing key 'function' (the function the worker file exports, or a prebuilt function like exporters.csv)",
      'setup.yaml:6:40: Workers.filter.function: expected a function name, got string ""',
      "setup.yaml:7:21: Workers.store.function: 'csv' is not a prebuilt function name (group.name, e.g. exporters.csv); to use your own function, name its .ts, .js, .mjs or .py file with the key 'file'",
    ],
  },
  {
    name: 'number_of_processes that is not a positive whole number',
    setup: `${BUFFERS}Workers:
  a: {file: workers.ts, function: source, sinks: [raw], number_of_processes: 0}
  b: {file: workers.ts, function: filter, sources: [raw], number_of_processes: 1.5}
  c: {file: workers.ts, function: filter, sources: [raw], number_of_processes: '2'}
  d: {file: workers.ts, function: filter, sources: [raw], sinks: [pulses], number_of_processes: -1}
`,
    problems: [
      'setup.yaml:5:78: Workers.a.number_of_processes: expected a whole number of at least 1, got number 0',
      'setup.yaml:6:80: Workers.b.number_of_processes: expected a whole number of at least 1, got number 1.5',
      'setup.yaml:7:80: Workers.c.number_of_processes: expected a whole number of at least 1, got string "2"',
      'setup.yaml:8:97: Workers.d.number_of_processes: expected a whole number of at least 1, got number -1',
    ],
  },
  {
    name: 'config files that are missing, unreadable, unparsable or not a mapping',
    files: {
      'broken.yaml': 'a: [1, 2\nb: 3\n',
      'list.yaml': '- 1\n- 2\n',
      'configs/': '',
    },
    setup: `${BUFFERS}Workers:
  source: {file: workers.ts, function: source, sinks: [raw], config: missing.yaml}
  filter: {file: workers.ts, function: filter, sources: [raw], config: [broken.yaml, 5, {a: 1}]}
  again: {file: workers.ts, function: filter, sources: [raw], config: broken.yaml}
  listed: {file: workers.ts, function: filter, sources: [raw], config: list.yaml}
  folder: {file: workers.ts, function: filter, sources: [raw], sinks: [pulses], config: configs}
  number: {file: workers.ts, function: filter, sources: [raw], config: 12}
base_config: ~alice/config.yaml
`,
    problems: [
      "setup.yaml:5:70: Workers.source.config: cannot read config file 'missing.yaml' (<dir>/missing.yaml): not found",
      'broken.yaml:2:1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ] (loaded by Workers.filter.config[0] of setup.yaml)',
      'setup.yaml:6:86: Workers.filter.config[1]: expected a config file path or a mapping of config keys, got number 5',
      'list.yaml:1:1: expected a mapping of config keys at the top of a config file, got a list (loaded by Workers.listed.config of setup.yaml)',
      "setup.yaml:9:89: Workers.folder.config: cannot read config file 'configs' (<dir>/configs): is a directory, not a file",
      'setup.yaml:10:72: Workers.number.config: expected a mapping of config keys, a config file path, or a list of those; got number 12',
      "setup.yaml:11:14: base_config: config file: '~alice/config.yaml' names another user's home directory, which is not supported; write the absolute path",
    ],
  },
  {
    name: 'duplicate buffer and worker names',
    setup: `Buffers:
  raw: {slot_count: 8, data_length: 4, data_dtype: {ch1: f4}}
  raw: {slot_count: 8, data_length: 4, data_dtype: {ch1: f8}}
Workers:
  source: {file: workers.ts, function: source, sinks: [raw]}
  source: {file: workers.ts, function: filter, sources: [raw]}
`,
    problems: [
      "setup.yaml:3:3: YAML error: duplicate key 'raw'; the keys of a mapping (e.g. buffer and worker names) must be unique",
      "setup.yaml:6:3: YAML error: duplicate key 'source'; the keys of a mapping (e.g. buffer and worker names) must be unique",
    ],
  },
  {
    name: 'garbage YAML',
    setup: `Buffers:
  raw: {slot_count: 8, data_length: 4, data_dtype: {ch1: f4}
Workers:
  source: "unterminated
`,
    problems: [
      'setup.yaml:3:1: YAML syntax error: Flow map in block collection must be sufficiently indented and end with a }',
      'setup.yaml:5:1: YAML syntax error: Missing closing "quote',
    ],
  },
  {
    name: 'bad indentation',
    setup: `Buffers:
  raw:
    slot_count: 8
   data_length: 4
`,
    problems: ['setup.yaml:4:1: YAML syntax error: All mapping items must start at the same column'],
  },
  {
    name: 'an alias without its anchor, and two documents',
    setup: `Buffers:
  raw: *template
---
Workers: {}
`,
    problems: [
      "setup.yaml:3:1: YAML error: more than one YAML document (a '---' line); a setup or config file is one document",
      "setup.yaml:2:8: YAML error: alias '*template' has no anchor '&template' before it",
    ],
  },
  {
    name: 'an alias without its anchor',
    setup: `Buffers:
  raw: *template
Workers: {}
`,
    problems: ["setup.yaml:2:8: YAML error: alias '*template' has no anchor '&template' before it"],
  },
  {
    name: 'an empty setup file',
    setup: '# nothing here\n',
    problems: ['setup.yaml: the setup file is empty; expected the keys Buffers and Workers'],
  },
  {
    name: 'a list instead of a mapping',
    setup: '- Buffers\n- Workers\n',
    problems: ['setup.yaml:1:1: expected a mapping with the keys Buffers and Workers, got a list'],
  },
  {
    name: 'missing sections, no workers, a bad target_directory',
    setup: 'Workers:\ntarget_directory: [out]\n',
    problems: [
      "setup.yaml:1:1: missing key 'Buffers' (the ring buffers: name -> {slot_count, data_length, data_dtype})",
      'setup.yaml:1:1: Workers: no workers are declared; nothing would run',
      'setup.yaml:2:19: target_directory: expected a path, got a list',
    ],
  },
  {
    name: 'a bare ~ as target_directory, which YAML reads as null',
    setup: `${BUFFERS}Workers:
  source: {file: workers.ts, function: source, sinks: [raw, pulses]}
target_directory: ~
`,
    problems: [
      "setup.yaml:6:1: target_directory: expected a path, got nothing (null); a bare ~ is null in YAML: write '~' in quotes for the home directory, or leave the key out for the default (target)",
    ],
  },
  {
    name: 'sections of the wrong kind',
    setup: 'Buffers: [raw]\nWorkers: source\n',
    problems: [
      'setup.yaml:1:10: Buffers: expected a mapping of the ring buffers: name -> {slot_count, data_length, data_dtype}, got a list',
      'setup.yaml:2:10: Workers: expected a mapping of the workers: name -> {file, function, sources, sinks, ...}, got string "source"',
    ],
  },
];

describe('loadSetup refuses a broken setup with every problem', () => {
  it.each(CASES)('$name', ({ setup, files, problems }) => {
    const dir = makeDir({ 'setup.yaml': setup, 'workers.ts': WORKERS_TS, ...files });
    const found = problemsOf(() => loadSetup('setup.yaml', { cwd: dir }));
    expect(found).toEqual(problems.map((problem) => problem.replaceAll('<dir>', dir)));
  });

  it('names a setup file that does not exist', () => {
    const dir = makeDir({});
    expect(problemsOf(() => loadSetup('nope.yaml', { cwd: dir }))).toEqual([
      `nope.yaml: cannot read the setup file (${join(dir, 'nope.yaml')}): not found`,
    ]);
  });

  it('reports problems in a fixture file by the path it was given', () => {
    const file = join(FIXTURE_SETUPS, 'broken', 'python-workers.yaml');
    expect(problemsOf(() => loadSetup(file))).toEqual([
      `${file}:17:15: Workers.store.sources[0]: unknown buffer 'Accepted' (did you mean 'accepted'?); buffers are: input, accepted`,
    ]);
  });
});
