import { JetStreamApiError, type JetStreamManager } from '@nats-io/jetstream';
import {
  BEAT_MS,
  isLive,
  isRunLive,
  membersOf,
  type Member,
  type Registry,
  type RegistryView,
} from '../registry.js';
import { RUN_KEY, type RunRecord } from '../registry-records.js';

const WRONG_LAST_SEQUENCE = 10071;

export interface StartRunContext {
  readonly registry: Registry;
  readonly stream: string;
  /** jetstream mode: the stream's manager, to look for and remove an earlier run's leftovers. */
  readonly jsm: JetStreamManager | undefined;
  readonly log: (line: string) => void;
  /** This process's entry as it was before this process wrote it: live in a run after a restart. */
  readonly before: Member | undefined;
}

/**
 * The run this sender sends in (docs/multi-host.md, "Runs"). It joins the current run while a
 * sender of it lives (or when it is this very process, restarted). Otherwise it starts the next
 * run: if the stream still holds messages of the last one, it waits while receivers of that run
 * live (they are taking them), and else removes them and says how many.
 */
export async function joinOrStartRun(context: StartRunContext): Promise<number> {
  const { registry, log } = context;
  const { before } = context;
  let hasSaidWaiting = false;
  for (;;) {
    await registry.write({ state: 'starting' });
    const view = await registry.read();
    const run = view.run;
    const isRestart = before?.state === 'live' && before.run === run?.id;
    if (run !== undefined && (isRunLive(run, view) || isRestart)) {
      log(
        `stream '${context.stream}': joined run ${run.id}` +
          (isRestart ? ' again (this process was restarted)' : ', which a live sender started'),
      );
      return run.id;
    }

    const stream = context.jsm === undefined ? undefined : await context.jsm.streams.info(context.stream);
    const left = stream?.state.messages ?? 0;
    if (run !== undefined && left > 0) {
      const receivers = membersOf(view, run.id, 'receiver').filter((member) => isLive(member, view));
      if (receivers.length > 0) {
        if (!hasSaidWaiting)
          log(
            `stream '${context.stream}' still holds ${left} messages of run ${run.id}, which ` +
              `${receivers.length} receivers are taking: the next run starts once they have them`,
          );
        hasSaidWaiting = true;
        await new Promise((resolve) => setTimeout(resolve, BEAT_MS));
        continue;
      }
    }
    const record: RunRecord = { started_by: registry.key, previous: run?.id ?? null, purged_messages: left };
    let id: number;
    try {
      id =
        run === undefined
          ? await registry.kv.create(RUN_KEY, JSON.stringify(record))
          : await registry.kv.update(RUN_KEY, JSON.stringify(record), run.id);
    } catch (error) {
      // Another sender started a run at the same moment: join it.
      if (error instanceof JetStreamApiError && error.code === WRONG_LAST_SEQUENCE) continue;
      throw error;
    }
    if (stream !== undefined && left > 0) {
      // Only what was there before this run: messages of senders that join it come later.
      const purged = await context.jsm?.streams.purge(context.stream, { seq: stream.state.last_seq + 1 });
      log(
        `stream '${context.stream}': removed ${purged?.purged ?? left} messages that run ${run?.id ?? '?'} sent and ` +
          `no receiver took (${describeLeftovers(view, run?.id)}); to keep such events, start the ` +
          `receivers before the next sending run`,
      );
    }
    log(`stream '${context.stream}': started run ${id}`);
    return id;
  }
}

function describeLeftovers(view: RegistryView, run: number | undefined): string {
  if (run === undefined) return 'from before the registry';
  const sent = membersOf(view, run, 'sender').reduce((sum, m) => sum + m.events, 0);
  const taken = membersOf(view, run, 'receiver').reduce((sum, m) => sum + m.events, 0);
  return `its senders sent ${sent} events, its receivers committed ${taken}`;
}
