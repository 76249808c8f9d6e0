#!/usr/bin/env node
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { handleDemo } from './commands/demo.js';
import { handleInspect } from './commands/inspect.js';

const print = (line: string): void => {
  process.stdout.write(line + '\n');
};

await yargs(hideBin(process.argv))
  .scriptName('mimocorb2')
  .usage(
    '$0 <command>\n\nA ring-buffer manager for data acquisition: buffers and worker processes declared in one YAML file.',
  )
  .command(
    'demo',
    'move events through a buffer between two processes and report the rate',
    (y) =>
      y
        .option('events', { type: 'number', default: 200_000, describe: 'events to move' })
        .option('slots', { type: 'number', default: 128, describe: 'slots in the buffer' }),
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
        .option('slot', { type: 'number', describe: "also show this slot's metadata and data" }),
    (argv) => {
      process.exitCode = handleInspect({ file: argv.bufferFile, json: argv.json, slot: argv.slot });
    },
  )
  .demandCommand(1, 'name a command (see --help)')
  .strict()
  .help()
  .parseAsync();
