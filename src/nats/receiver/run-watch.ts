import { BEAT_MS, isLive, isRunLive, membersOf, type Member, type Registry } from '../registry.js';

/** Core mode: after the last sender ended, a receiver that got nothing for this long is done. */
const CORE_QUIET_MS = 2000;

export interface RunWatchContext {
  readonly registry: Registry;
  readonly stream: string;
  readonly isJetStream: boolean;
  readonly storedMessages: () => Promise<number>;
  /** Whether events of `run` wait for this receiver: in the stream (jetstream), or already here (core). */
  readonly hasEventsOf: (run: number) => Promise<boolean>;
  readonly isStopRequested: () => boolean;
  readonly log: (line: string) => void;
}

/**
 * The run to take events from: the current one while a sender of it lives, or an ended one whose
 * events still wait (in the stream: a receiving run that was killed left them; core mode: they
 * came while this receiver looked). Without either it waits for the next run. Undefined when a
 * stop was requested first.
 */
export async function waitForRun(context: RunWatchContext): Promise<number | undefined> {
  let hasSaidWaiting = false;
  while (!context.isStopRequested()) {
    const view = await context.registry.readSurely();
    const run = view.run;
    if (run !== undefined) {
      if (isRunLive(run, view)) return run.id;
      if (await context.hasEventsOf(run.id)) {
        context.log(`run ${run.id} of stream '${context.stream}' has ended and left events: taking them`);
        return run.id;
      }
    }
    if (!hasSaidWaiting)
      context.log(
        `waiting for a sender on stream '${context.stream}'` +
          (run === undefined ? '' : ` (its last run, ${run.id}, has ended and left nothing)`),
      );
    hasSaidWaiting = true;
    await new Promise((resolve) => setTimeout(resolve, BEAT_MS / 2));
  }
  return undefined;
}

/** How a receiver's run ended. */
export interface RunEnd {
  /** done: every sender ended and every message was taken; next: a later run has begun. */
  readonly reason: 'done' | 'next';
  /** Events its senders sent, and the events its receivers committed (this one's counted exactly). */
  readonly sent: number;
  readonly taken: number;
  /** Core mode: the counts say what was lost (in jetstream mode the stream keeps it). */
  readonly isCore?: boolean;
}

/**
 * Whether `run` is over: its senders have all ended (or are gone: no entry written for
 * MEMBER_TIMEOUT_MS) and nothing is left for its receivers (jetstream: the stream holds no
 * message; core: every sent event was taken, or nothing came for CORE_QUIET_MS).
 */
export async function checkRunOver(
  context: RunWatchContext,
  run: number,
  ownEvents: number,
  quietMs: number,
  reportedGone: Set<string>,
): Promise<RunEnd | undefined> {
  const view = await context.registry.readSurely();
  const senders = membersOf(view, run, 'sender');
  const sent = senders.reduce((sum, sender) => sum + sender.events, 0);
  const others = membersOf(view, run, 'receiver').filter((member) => member.key !== context.registry.key);
  const taken = ownEvents + others.reduce((sum, member) => sum + member.events, 0);
  if (view.run !== undefined && view.run.id !== run) return { reason: 'next', sent, taken };
  if (view.run === undefined || isRunLive(view.run, view)) return undefined;
  for (const sender of senders)
    if (sender.state !== 'ended' && !isLive(sender, view)) reportGone(context, sender, reportedGone);
  if (context.isJetStream)
    return (await context.storedMessages()) === 0 ? { reason: 'done', sent, taken } : undefined;
  // Core mode stores nothing: what the senders sent and no receiver took is lost; say how much.
  return taken >= sent || quietMs >= CORE_QUIET_MS
    ? { reason: 'done', sent, taken, isCore: true }
    : undefined;
}

function reportGone(context: RunWatchContext, sender: Member, reported: Set<string>): void {
  if (reported.has(sender.key)) return;
  reported.add(sender.key);
  context.log(
    `sender ${sender.worker}#${sender.process} on ${sender.host} (pid ${sender.pid}) has not written its ` +
      `registry entry for a while: taken as gone (killed, or cut off from the server)`,
  );
}
