import type { RunCommand } from '../../control/live/index.js';
import type { ControlResponse } from '../page-state.js';

/** Sends a command (POST /api/control, with the page's cookie) and returns control's answer. */
export async function sendCommand(command: RunCommand): Promise<ControlResponse> {
  try {
    const response = await fetch('api/control', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(command),
    });
    if (response.headers.get('Content-Type')?.startsWith('application/json'))
      return (await response.json()) as ControlResponse;
    return { ok: false, message: `${response.status} ${(await response.text()).trim()}` };
  } catch (error) {
    return { ok: false, message: `control cannot be reached: ${(error as Error).message}` };
  }
}
