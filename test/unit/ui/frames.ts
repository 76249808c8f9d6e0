/** Waits until the last frame satisfies `isReady`; fails with that frame after `timeoutMs`. */
export async function waitForFrame(
  lastFrame: () => string | undefined,
  isReady: (frame: string) => boolean,
  what: string,
  timeoutMs = 3000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = lastFrame() ?? '';
    if (isReady(frame)) return frame;
    if (Date.now() > deadline)
      throw new Error(`waited ${timeoutMs} ms for ${what}; the screen was:\n${frame}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Waits until the screen shows `text`. */
export function waitForText(
  lastFrame: () => string | undefined,
  text: string,
  timeoutMs?: number,
): Promise<string> {
  return waitForFrame(lastFrame, (frame) => frame.includes(text), `'${text}'`, timeoutMs);
}
