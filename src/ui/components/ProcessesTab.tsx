import { Box, Text } from 'ink';
import type { ProcessSnapshot, RunSnapshot } from '../../control/stats/snapshot.js';
import { abbreviate, formatBytes, formatDuration, formatPercent, truncate } from '../format.js';
import { useTabKeys } from '../hooks/use-tab-keys.js';
import { useTabState } from '../hooks/use-tab-state.js';
import { processKey, type TabProps } from '../tab-types.js';

type Row =
  | { readonly kind: 'worker'; readonly worker: string }
  | { readonly kind: 'process'; readonly worker: string; readonly process: ProcessSnapshot };

function rowsOf(snapshot: RunSnapshot): Row[] {
  const rows: Row[] = [];
  for (const worker of snapshot.workers) {
    rows.push({ kind: 'worker', worker: worker.name });
    for (const process of snapshot.processes.filter((p) => p.worker === worker.name))
      rows.push({ kind: 'process', worker: worker.name, process });
  }
  return rows;
}

function exitText(process: ProcessSnapshot): string {
  if (process.state !== 'exited') return '';
  if (process.signal !== null) return process.signal;
  return `code ${process.exitCode ?? '?'}`;
}

function restartsText(restarts: number): string {
  return restarts > 0 ? String(restarts) : '';
}

// Cells of each column after the name; 'exit' holds a signal name or `code 255`. The restarts
// column is shown once a process was restarted: until then the names keep its cells.
const COLUMNS = { pid: 8, state: 12, cpu: 7, memory: 11, uptime: 9, restarts: 10, exit: 10 } as const;
const NAME_MIN_WIDTH = 12;

/** Every worker and its processes: pid, state, CPU, memory, uptime, restarts, how it ended; kill one. */
export function ProcessesTab(props: TabProps) {
  const { latest, width, height, hasFocus, ask, say, stopping, markStopping, control } = props;
  const [selected, setSelected] = useTabState('processes.selected', 0);
  const rows = latest === undefined ? [] : rowsOf(latest);
  const current = Math.min(selected, Math.max(0, rows.length - 1));

  useTabKeys((input, key) => {
    // Functional updates: several keys may arrive before the next render.
    const move = (by: number) =>
      setSelected((previous) =>
        Math.min(Math.max(0, Math.min(previous, rows.length - 1) + by), rows.length - 1),
      );
    if (key.upArrow) move(-1);
    else if (key.downArrow) move(1);
    else if (key.pageUp) move(-(height - 2));
    else if (key.pageDown) move(height - 2);
    else if (input === 'k' || key.delete) {
      const row = rows[current];
      if (row === undefined || latest === undefined) return;
      if (row.kind === 'worker') {
        const alive = latest.processes.filter((p) => p.worker === row.worker && p.state !== 'exited');
        if (alive.length === 0) return say(`worker '${row.worker}' has no process left`);
        ask(`Kill worker '${row.worker}' (${alive.length} processes: SIGTERM, then SIGKILL)?`, () => {
          markStopping(alive.map((p) => processKey(p.worker, p.index)));
          control.killWorker(row.worker);
          say(`terminating worker '${row.worker}'`);
        });
      } else {
        const { process } = row;
        if (process.state === 'exited') return say(`process ${process.index} of '${row.worker}' has exited`);
        ask(`Kill process ${process.index} of '${row.worker}' (pid ${process.pid})?`, () => {
          markStopping([processKey(row.worker, process.index)]);
          control.killProcess(row.worker, process.index);
          say(`terminating process ${process.index} of '${row.worker}'`);
        });
      }
    }
  });

  if (latest === undefined) return <Text dimColor>waiting for the first statistics…</Text>;
  const longest = Math.max(...latest.workers.map((w) => w.name.length + 2), 'worker / process'.length);
  const hasRestarts = latest.workers.some((w) => w.restarts > 0);
  const restartsWidth = hasRestarts ? COLUMNS.restarts : 0;
  const rest = Object.values(COLUMNS).reduce((a, b) => a + b, 0) - COLUMNS.restarts + restartsWidth;
  const nameWidth = Math.max(NAME_MIN_WIDTH, Math.min(longest + 1, width - rest));
  const visible = Math.max(1, height - 1);
  const first = Math.min(Math.max(0, current - Math.floor(visible / 2)), Math.max(0, rows.length - visible));
  const line = (
    name: string,
    pid: string,
    state: string,
    cpu: string,
    memory: string,
    uptime: string,
    restarts: string,
    exit: string,
  ) =>
    `${truncate(name, nameWidth).padEnd(nameWidth)}${pid.padStart(COLUMNS.pid)}  ${state.padEnd(COLUMNS.state - 2)}${cpu.padStart(COLUMNS.cpu)}${memory.padStart(COLUMNS.memory)}${uptime.padStart(COLUMNS.uptime)}${hasRestarts ? restarts.padStart(restartsWidth) : ''}  ${exit}`;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">
        {line('worker / process', 'pid', 'state', 'CPU', 'memory', 'uptime', 'restarts', 'exit')}
      </Text>
      {rows.slice(first, first + visible).map((row, offset) => {
        const isSelected = first + offset === current;
        if (row.kind === 'worker') {
          const worker = latest.workers.find((w) => w.name === row.worker);
          const alive = worker?.processesAlive ?? 0;
          const text = line(
            `${isSelected ? '▸' : ' '} ${abbreviate(row.worker, nameWidth - 2)}`,
            '',
            `${alive}/${worker?.processesTotal ?? 0} alive`,
            formatPercent(worker?.cpuPercent ?? 0),
            formatBytes(worker?.rssBytes ?? 0),
            '',
            restartsText(worker?.restarts ?? 0),
            '',
          );
          return (
            <Text key={`w:${row.worker}`} bold inverse={isSelected && hasFocus} wrap="truncate">
              {text}
            </Text>
          );
        }
        const { process } = row;
        const isStopping = process.state !== 'exited' && stopping.has(processKey(row.worker, process.index));
        const state = isStopping ? 'stopping' : process.state;
        const text = line(
          `${isSelected ? '▸' : ' '}   [${process.index}]`,
          String(process.pid || '-'),
          state,
          process.state === 'exited' ? '' : formatPercent(process.cpuPercent),
          process.state === 'exited' ? '' : formatBytes(process.rssBytes),
          process.state === 'exited' ? '' : formatDuration(latest.time - process.startedAt),
          restartsText(process.restarts),
          exitText(process),
        );
        const color =
          state === 'stopping'
            ? 'yellow'
            : process.state === 'exited'
              ? process.exitCode === 0 && process.signal === null
                ? 'gray'
                : 'red'
              : undefined;
        return (
          <Text
            key={`p:${row.worker}/${process.index}`}
            color={color}
            inverse={isSelected && hasFocus}
            wrap="truncate"
          >
            {text}
          </Text>
        );
      })}
    </Box>
  );
}
