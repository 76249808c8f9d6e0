import { createInterface, type Interface } from 'node:readline';
import type { Readable } from 'node:stream';
import { COMMAND_HELP, parseCommand, type ControlCommand } from '../control/commands.js';
import type { RunSnapshot } from '../control/stats/snapshot.js';

/** What the plain terminal needs from a run. */
export interface PlainControl {
  readonly snapshot: RunSnapshot | undefined;
  readonly processesAlive: number;
  execute(command: ControlCommand): void;
}

function rate(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(1)}k/s` : `${value.toFixed(1)}/s`;
}

/** One status line: elapsed time, processes, and each root buffer's events and rate. */
export function formatStatus(snapshot: RunSnapshot): string {
  const alive = snapshot.processes.filter((p) => p.state !== 'exited').length;
  const roots = snapshot.buffers.filter((b) => b.isRoot);
  const shown = (roots.length > 0 ? roots : snapshot.buffers).map(
    (b) => `${b.name} ${b.events} (${rate(b.rate)}${b.paused ? ', paused' : ''}${b.ended ? ', ended' : ''})`,
  );
  return `[${snapshot.elapsed.toFixed(0)} s] ${alive}/${snapshot.processes.length} processes; ${shown.join('; ')}`;
}

/**
 * The line-mode terminal (like the original's): commands on stdin, answers and a status line
 * every `statusEveryS` seconds on stdout.
 */
export class PlainTerminal {
  readonly #lines: Interface;
  readonly #timer: NodeJS.Timeout;

  constructor(control: PlainControl, input: Readable, print: (line: string) => void, statusEveryS = 10) {
    print("type 'help' for the commands");
    this.#lines = createInterface({ input, terminal: false });
    this.#lines.on('line', (line) => {
      const command = parseCommand(line);
      if (typeof command === 'string') {
        print(command);
      } else if (command.type === 'help') {
        for (const [name, meaning] of COMMAND_HELP) print(`  ${name.padEnd(24)} ${meaning}`);
      } else if (command.type === 'stats') {
        print(control.snapshot ? JSON.stringify(control.snapshot, null, 2) : 'no statistics yet');
      } else if (command.type === 'exit' && control.processesAlive > 0) {
        print(
          `${control.processesAlive} processes are still alive: shutting down first (exit again to kill)`,
        );
        control.execute(command);
      } else {
        control.execute(command);
      }
    });
    this.#timer = setInterval(() => {
      if (control.snapshot) print(formatStatus(control.snapshot));
    }, statusEveryS * 1000);
  }

  close(): void {
    clearInterval(this.#timer);
    this.#lines.close();
  }
}
