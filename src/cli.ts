#!/usr/bin/env node
import { isatty } from 'node:tty';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { describeError } from './commands/describe-error.js';
import { handleAttach } from './commands/attach.js';
import { handleDemo } from './commands/demo.js';
import { handleDetach } from './commands/detach.js';
import { DetachedOutput } from './commands/detached-output.js';
import { handleFunctions } from './commands/functions.js';
import { handleInspect } from './commands/inspect.js';
import { handleRun, type UiMode } from './commands/run.js';
import { handleStatus } from './commands/status.js';
import { handleStop } from './commands/stop.js';
import { handleValidate } from './commands/validate.js';
import { parseConfigOverride, type ConfigOverride } from './control/setup/index.js';
import { BUFFER_ROOT_VARIABLE } from './commands/buffer-root.js';
import { DEFAULT_BUFFER_ROOT } from './control/run/buffer-directory.js';
import { wrapText } from './ui/wrap-text.js';

// A reader of our output that goes away (`| head`: EPIPE) or a terminal that is closed (EIO, with
// SIGHUP) must not end a run or a measurement: what follows is dropped, the run ends in order.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'EIO') throw error;
  });
}

const print = (line: string): void => {
  process.stdout.write(line + '\n');
};
// In a terminal, warnings and errors break at spaces: the terminal would cut words.
const printError = (line: string): void => {
  process.stderr.write(wrapText(line, process.stderr.isTTY ? process.stderr.columns : undefined) + '\n');
};

/** A number option's value for a message: yargs has turned text that is no number into NaN. */
function numberGiven(value: number): string {
  return Number.isNaN(value) ? 'something that is not a number' : String(value);
}

function defaultUi(): UiMode {
  return process.stdin.isTTY && process.stdout.isTTY ? 'tui' : 'none';
}

/** The background run's command line: this one's, headless, marked as the detached control. */
function detachedArgs(argv: {
  setup: string;
  duration?: number;
  targetDir?: string;
  set?: readonly ConfigOverride[];
  bufferRoot?: string;
  grace: number;
  'log-max-mb': number;
  debug: boolean;
  http?: string;
  httpTokenFile?: string;
  metricsPublic: boolean;
}): string[] {
  const args = ['run', argv.setup, '--ui', 'none', '--detached-child', '--grace', String(argv.grace)];
  if (argv.duration !== undefined) args.push('--duration', String(argv.duration));
  if (argv.targetDir !== undefined) args.push('--target-dir', argv.targetDir);
  for (const override of argv.set ?? []) args.push('--set', override.text);
  if (argv.bufferRoot !== undefined) args.push('--buffer-root', argv.bufferRoot);
  args.push('--log-max-mb', String(argv['log-max-mb']));
  if (argv.debug) args.push('--debug');
  if (argv.http !== undefined) args.push('--http', argv.http);
  if (argv.httpTokenFile !== undefined) args.push('--http-token-file', argv.httpTokenFile);
  if (argv.metricsPublic) args.push('--metrics-public');
  return args;
}

/** A bad command line, thrown from .fail() so that yargs does not go on to run the command. */
class CommandLineError extends Error {}

const SET_OPTION = {
  type: 'string',
  requiresArg: true,
  describe:
    "set a worker's config key, over the setup's value: --set <worker>.<key>=<value>, the value in " +
    'YAML (42, Cs-137, [0, 100, 51], {a: 1}; empty: null); repeatable, the last one wins; ' +
    'checked like the setup (e.g. --set input.eventcount=5000 --set input.seed=1)',
} as const;

/** The `--set` options, each split into worker.key and value; a malformed one ends in a CommandLineError. */
function toConfigOverrides(value: string | string[] | undefined): ConfigOverride[] {
  return [value ?? []].flat().map((text) => parseConfigOverride(text));
}

const commandLine = yargs(hideBin(process.argv))
  .scriptName('mimocorb2')
  .usage(
    '$0 <setup.yaml>    run a setup (as: run <setup.yaml>)\n$0 <command>\n\n' +
      'A ring-buffer manager for data acquisition: buffers and worker processes declared in one YAML file.\n' +
      'Guides: docs/user-guide.md (start here), docs/setup-file.md, docs/running.md, docs/worker-api.md',
  )
  .command(
    ['run <setup>', '$0 <setup>'],
    'run a setup: make the buffers, start the workers, supervise them until they end',
    (y) =>
      y
        .positional('setup', { type: 'string', demandOption: true, describe: 'the setup file (YAML)' })
        .option('ui', {
          choices: ['tui', 'plain', 'none'] as const,
          describe:
            'terminal UI, line commands on stdin, or headless (default: tui in a terminal, else none)',
        })
        .option('duration', {
          type: 'number',
          describe: 'stop the sources after this many seconds, then drain',
        })
        .option('target-dir', {
          type: 'string',
          describe: "make the run directory here instead of the setup's target_directory",
        })
        .option('set', { ...SET_OPTION, coerce: toConfigOverrides })
        .option('buffer-root', {
          type: 'string',
          describe: `make the buffer files under this directory (default: $${BUFFER_ROOT_VARIABLE} or ${DEFAULT_BUFFER_ROOT})`,
        })
        .option('grace', {
          type: 'number',
          default: 3,
          describe: 'seconds between SIGTERM and SIGKILL when a worker is terminated',
        })
        .option('log-max-mb', {
          type: 'number',
          default: 64,
          describe: "rotate a worker's log beyond this many MiB (<worker>.log.1 ... .4 are kept)",
        })
        .option('debug', { type: 'boolean', default: false, describe: 'print stack traces of errors' })
        .option('detach', {
          type: 'boolean',
          default: false,
          describe:
            'run in the background, immune to the terminal closing; prints the run directory and returns (see status, attach, stop)',
        })
        .option('http', {
          type: 'string',
          describe:
            'serve the live web page, /metrics and /api/snapshot on [host:]port (host 127.0.0.1 when only a port is given; port 0: a free one)',
        })
        .option('http-token-file', {
          type: 'string',
          describe: `a file holding the web page's token (else MIMOCORB2_HTTP_TOKEN, else a random one)`,
        })
        .option('metrics-public', {
          type: 'boolean',
          default: false,
          describe: '/metrics without the token (the page and its controls still need it)',
        })
        .option('detached-child', { type: 'boolean', default: false, hidden: true })
        .check((argv) => {
          if (argv.duration !== undefined && !(argv.duration > 0))
            throw new Error('--duration must be a positive number of seconds');
          // yargs also checks `mimocorb2 --help` (the default command) with no defaults filled in.
          const logMaxMb = argv['log-max-mb'] as number | undefined;
          if (logMaxMb !== undefined && !(logMaxMb > 0))
            throw new Error('--log-max-mb must be a positive number of MiB');
          const grace = argv.grace as number | undefined;
          if (grace !== undefined && !(grace >= 0 && grace < Infinity))
            throw new Error('--grace must be a number of seconds, 0 or more');
          if (argv.detach && argv.ui !== undefined && argv.ui !== 'none')
            throw new Error(
              `--detach runs without a terminal UI (--ui ${argv.ui}); look at it with mimocorb2 attach`,
            );
          if (argv.http === undefined && (argv['http-token-file'] !== undefined || argv['metrics-public']))
            throw new Error('--http-token-file and --metrics-public go with --http [host:]port');
          return true;
        }),
    async (argv) => {
      if (argv.detach) {
        process.exitCode = await handleDetach({ args: detachedArgs(argv), print, printError });
        return;
      }
      const detached = argv.detachedChild ? new DetachedOutput() : undefined;
      process.exitCode = await handleRun({
        setupFile: argv.setup,
        ui: detached !== undefined ? 'none' : (argv.ui ?? defaultUi()),
        durationS: argv.duration,
        targetDir: argv.targetDir,
        configOverrides: argv.set,
        bufferRoot: argv.bufferRoot,
        graceS: argv.grace,
        logMaxBytes: argv['log-max-mb'] * 2 ** 20,
        debug: argv.debug,
        http: argv.http,
        httpTokenFile: argv.httpTokenFile,
        isMetricsPublic: argv.metricsPublic,
        print: detached?.print ?? print,
        printError: detached?.printError ?? printError,
        input: process.stdin,
        onDetachedStart: detached?.started,
      });
    },
  )
  .command(
    'status',
    "list this user's live runs: setup, run directory, elapsed time, state, the web page's URL",
    (y) => y.option('json', { type: 'boolean', default: false, describe: 'print one JSON object' }),
    async (argv) => {
      process.exitCode = await handleStatus({ json: argv.json, print });
    },
  )
  .command(
    'attach [run]',
    'open the terminal UI on a live run (the newest by default); d detaches and leaves it running',
    (y) =>
      y.positional('run', {
        type: 'string',
        describe: 'run id, run directory or control pid (status lists them)',
      }),
    async (argv) => {
      process.exitCode = await handleAttach({ run: argv.run, print, printError });
    },
  )
  .command(
    'stop [run]',
    'end a live run in order (roots stop, the chain drains) and print its summary',
    (y) =>
      y
        .positional('run', {
          type: 'string',
          describe: 'run id, run directory or control pid (the newest by default)',
        })
        .option('kill', {
          type: 'boolean',
          default: false,
          describe: 'terminate every worker process at once (as K in the TUI)',
        })
        .option('wait', {
          type: 'boolean',
          default: true,
          describe: 'wait for the run to end and print its summary (--no-wait: return at once)',
        }),
    async (argv) => {
      process.exitCode = await handleStop({
        run: argv.run,
        kill: argv.kill,
        wait: argv.wait,
        print,
        printError,
      });
    },
  )
  .command(
    'validate <setup>',
    'check a setup file (buffers, workers, configs, worker functions) and start nothing',
    (y) =>
      y
        .positional('setup', { type: 'string', demandOption: true, describe: 'the setup file (YAML)' })
        .option('set', { ...SET_OPTION, coerce: toConfigOverrides })
        .option('debug', { type: 'boolean', default: false, describe: 'print stack traces of errors' }),
    async (argv) => {
      process.exitCode = await handleValidate({
        setupFile: argv.setup,
        configOverrides: argv.set,
        print,
        printError,
        debug: argv.debug,
      });
    },
  )
  .command(
    'functions [name]',
    'list the prebuilt worker functions (function: group.name without file:), or describe one',
    (y) =>
      y.positional('name', { type: 'string', describe: 'e.g. exporters.csv' }).option('markdown', {
        type: 'boolean',
        default: false,
        describe: 'print every entry as Markdown (what docs/functions.md holds)',
      }),
    (argv) => {
      process.exitCode = handleFunctions({ name: argv.name, markdown: argv.markdown, print, printError });
    },
  )
  .command(
    'demo',
    'move events through a buffer between two processes and report the rate',
    (y) =>
      y
        .option('events', { type: 'number', default: 200_000, describe: 'events to move' })
        .option('slots', { type: 'number', default: 128, describe: 'slots in the buffer' })
        .check((argv) => {
          if (argv['help'] === true) return true;
          for (const option of ['events', 'slots'] as const)
            if (!(Number.isSafeInteger(argv[option]) && argv[option] >= 1))
              throw new Error(
                `--${option} must be a whole number of at least 1, got ${numberGiven(argv[option])}`,
              );
          return true;
        }),
    async (argv) => {
      process.exitCode = await handleDemo({ events: argv.events, slots: argv.slots, print });
    },
  )
  .command(
    'inspect <buffer-file>',
    'show a buffer file (also while a run uses it): layout, flags, counters, processes, slots',
    (y) =>
      y
        .positional('buffer-file', { type: 'string', demandOption: true, describe: 'a .mimobuf file' })
        .option('json', {
          type: 'boolean',
          default: false,
          describe: 'print one JSON object (docs/inspect.md)',
        })
        .option('slot', {
          type: 'string',
          requiresArg: true,
          describe: "also show this slot's metadata and data: its index, 0 to slot_count - 1",
        }),
    (argv) => {
      process.exitCode = handleInspect({ file: argv.bufferFile, json: argv.json, slot: argv.slot });
    },
  )
  .demandCommand(1, 'name a setup file or a command (see --help)')
  .strict()
  // An option given twice takes its last value (as most commands do), never a list.
  // An option given twice takes its last value, but --set is repeatable and keeps every one.
  .middleware((argv) => {
    for (const [key, value] of Object.entries(argv))
      if (key !== '_' && key !== 'set' && Array.isArray(value)) argv[key] = value.at(-1);
  }, true)
  .help()
  .alias('help', 'h')
  .exitProcess(false)
  .fail((message, error) => {
    throw new CommandLineError(error?.message ?? message);
  });

// Set on SIGHUP: the terminal is gone (the run itself ends in order: onInterruptSignals).
const hadTerminal = [0, 1, 2].some((fd) => isatty(fd));
let isHungUp = false;
process.on('SIGHUP', () => (isHungUp = true));

try {
  await commandLine.parseAsync();
} catch (error) {
  if (error instanceof CommandLineError) {
    printError(error.message);
    printError('see mimocorb2 --help');
  } else {
    printError(describeError(error, process.argv.includes('--debug')));
  }
  process.exitCode = 2;
}

// Node 20 aborts at exit when it cannot restore a terminal that is gone (nodejs/node#51519, fixed
// in later Node), which would print a native stack trace: leave without that step.
if (isHungUp && hadTerminal) process.kill(process.pid, 'SIGKILL');
