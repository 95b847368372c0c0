// A small retry queue for calls that must not be lost on a flaky connection (lesson heartbeats,
// completions and quiz answers made offline):
// a call that fails for want of a network is kept in localStorage and sent again, in order, when the
// browser comes back online and on an interval. A call the server refuses (4xx) is dropped: retrying
// would not help; `onRefused` tells the caller, which shows it.

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

interface ErrorLike {
  data?: { httpStatus?: number; code?: string } | null;
}

/** No answer from the server, a 5xx, or a rate limit: worth trying again later. */
export function isRetryable(err: unknown): boolean {
  const status = (err as ErrorLike | null)?.data?.httpStatus;
  if (typeof status !== 'number') return true;
  return status >= 500 || status === 429 || status === 408;
}

export interface RetryQueue<T> {
  /** Sends now when nothing is waiting; otherwise (or on a retryable failure) queues the item. */
  submit(item: T): Promise<{ sent: true; result: unknown } | { sent: false }>;
  /** Sends the waiting items in order; stops at the first retryable failure. Resolves to the number sent. */
  flush(): Promise<number>;
  size(): number;
  /** Flushes on `online` and every `intervalMs`; returns the function that stops it. */
  start(target: Pick<Window, 'addEventListener' | 'removeEventListener'>, intervalMs?: number): () => void;
}

export function createRetryQueue<T>(opts: {
  key: string;
  store: KeyValueStore;
  send(item: T): Promise<unknown>;
  /** Oldest items are dropped beyond this (a device offline for days must not grow without bound). */
  max?: number;
  retryable?: (err: unknown) => boolean;
  /** Folds an item into the last one waiting (e.g. two heartbeats of one lesson); null to append. */
  merge?: (last: T, next: T) => T | null;
  /** A queued item the server refused for good (it is dropped): the caller shows it, never hides it. */
  onRefused?: (item: T, err: unknown) => void;
  /** A queued item delivered later (not a direct send). */
  onReplayed?: (item: T, result: unknown) => void;
}): RetryQueue<T> {
  const max = opts.max ?? 200;
  const retryable = opts.retryable ?? isRetryable;

  const enqueue = (item: T) => {
    const items = load();
    const last = items.at(-1);
    const merged = last === undefined ? null : (opts.merge?.(last, item) ?? null);
    save(merged === null ? [...items, item] : [...items.slice(0, -1), merged]);
  };
  const load = (): T[] => {
    try {
      const v = JSON.parse(opts.store.getItem(opts.key) ?? '[]') as unknown;
      return Array.isArray(v) ? (v as T[]) : [];
    } catch {
      return [];
    }
  };
  const save = (items: T[]) => {
    try {
      opts.store.setItem(opts.key, JSON.stringify(items.slice(-max)));
    } catch {
      // Storage full or disabled: the item is lost, as it would have been without the queue.
    }
  };

  let flushing: Promise<number> | null = null;

  async function doFlush(): Promise<number> {
    let sent = 0;
    for (;;) {
      const items = load();
      if (!items.length) return sent;
      const item = items[0]!;
      let outcome: () => void;
      try {
        const result = await opts.send(item);
        sent++;
        outcome = () => opts.onReplayed?.(item, result);
      } catch (err) {
        if (retryable(err)) return sent;
        outcome = () => opts.onRefused?.(item, err);
      }
      // Sent or refused for good: remove it (re-read: submit may have appended meanwhile).
      save(load().slice(1));
      outcome();
    }
  }

  const queue: RetryQueue<T> = {
    async submit(item) {
      if (load().length) await queue.flush();
      if (load().length) {
        enqueue(item);
        return { sent: false };
      }
      try {
        return { sent: true, result: await opts.send(item) };
      } catch (err) {
        if (!retryable(err)) throw err;
        enqueue(item);
        return { sent: false };
      }
    },
    flush() {
      // One flush at a time; a request during a flush runs after it (the network may be back by then).
      const run: Promise<number> = (flushing ?? Promise.resolve(0)).then(doFlush).finally(() => {
        if (flushing === run) flushing = null;
      });
      flushing = run;
      return run;
    },
    size: () => load().length,
    start(target, intervalMs = 20_000) {
      const onOnline = () => void queue.flush();
      target.addEventListener('online', onOnline);
      const timer = setInterval(onOnline, intervalMs);
      void queue.flush();
      return () => {
        target.removeEventListener('online', onOnline);
        clearInterval(timer);
      };
    },
  };
  return queue;
}
