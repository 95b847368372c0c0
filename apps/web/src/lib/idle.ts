// Work a page's first seconds can do without (issue 17: Lighthouse's Total Blocking Time on a slow
// phone), run once the main thread is idle, and at the latest after `timeout` ms.

export interface Idle {
  cancel(): void;
}

/** Runs `fn` when the browser is idle (within `timeout` ms), or after a zero timeout where it cannot tell. */
export function whenIdle(fn: () => void, timeout = 2000): Idle {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(fn, { timeout });
    return { cancel: () => cancelIdleCallback(id) };
  }
  const id = setTimeout(fn, 0);
  return { cancel: () => clearTimeout(id) };
}
