import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseRunCommand, type RunFeed } from '../control/live/index.js';
import type { ControlResponse } from './page-state.js';
import { sendJson } from './responses.js';

/** A command is a small JSON object; more is refused. */
const MAX_BODY_BYTES = 4096;

/** Reads a request's body as text, up to `limit` bytes (undefined when longer). */
async function readBody(request: IncomingMessage, limit: number): Promise<string | undefined> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Whether a browser's Origin header (if any) is this server: another site may not send commands. */
function isSameOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/**
 * `POST /api/control` with a JSON RunCommand (`{"type": "pause-roots"}`, `{"type": "kill-process",
 * "worker": "filter", "index": 1}`): carried out as the TUI's key would, and written to
 * control.log with the address it came from.
 */
export async function handleControlRequest(
  request: IncomingMessage,
  response: ServerResponse,
  feed: RunFeed,
): Promise<void> {
  const reply = (status: number, answer: ControlResponse) => sendJson(response, status, answer);
  if (!isSameOrigin(request)) return reply(403, { ok: false, message: 'a command from another site' });
  if (!/^application\/json\b/i.test(request.headers['content-type'] ?? ''))
    return reply(415, { ok: false, message: 'send the command as Content-Type: application/json' });
  const body = await readBody(request, MAX_BODY_BYTES);
  if (body === undefined)
    return reply(413, { ok: false, message: `a command has at most ${MAX_BODY_BYTES} bytes` });
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return reply(400, { ok: false, message: 'the body is not JSON' });
  }
  const command = parseRunCommand(value);
  if (typeof command === 'string') return reply(400, { ok: false, message: command });
  const answer = feed.command(command, `web ${remoteAddress(request)}`);
  reply(answer.ok ? 200 : feed.isFinished ? 409 : 404, answer);
}

/** `127.0.0.1:53422`, `[::1]:53422`. */
export function remoteAddress(request: IncomingMessage): string {
  const { remoteAddress: host = '?', remotePort: port = 0 } = request.socket;
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
