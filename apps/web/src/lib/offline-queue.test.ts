import { describe, expect, it } from 'vitest';
import { createRetryQueue, isRetryable, type KeyValueStore } from './offline-queue';

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}
const networkDown = () => Object.assign(new TypeError('Failed to fetch'), { data: undefined });
const refused = () =>
  Object.assign(new Error('BAD_REQUEST'), { data: { httpStatus: 400, code: 'BAD_REQUEST' } });

function setup() {
  const store = memoryStore();
  const delivered: number[] = [];
  let online = true;
  let refuse = new Set<number>();
  const q = createRetryQueue<{ n: number }>({
    key: 'beats',
    store,
    send: async ({ n }) => {
      if (!online) throw networkDown();
      if (refuse.has(n)) throw refused();
      delivered.push(n);
      return { ok: n };
    },
    max: 5,
  });
  return {
    q,
    store,
    delivered,
    setOnline: (v: boolean) => (online = v),
    refuse: (s: number[]) => (refuse = new Set(s)),
  };
}

describe('retry queue', () => {
  it('sends at once when online and returns the answer', async () => {
    const { q, delivered } = setup();
    expect(await q.submit({ n: 1 })).toEqual({ sent: true, result: { ok: 1 } });
    expect(delivered).toEqual([1]);
    expect(q.size()).toBe(0);
  });

  it('keeps calls made offline in storage and delivers them in order once back online', async () => {
    const { q, store, delivered, setOnline } = setup();
    setOnline(false);
    expect(await q.submit({ n: 1 })).toEqual({ sent: false });
    expect(await q.submit({ n: 2 })).toEqual({ sent: false });
    expect(q.size()).toBe(2);
    expect(JSON.parse(store.data.get('beats')!)).toEqual([{ n: 1 }, { n: 2 }]);
    setOnline(true);
    // A new call waits behind the older ones so the server sees them in order.
    expect(await q.submit({ n: 3 })).toEqual({ sent: true, result: { ok: 3 } });
    expect(delivered).toEqual([1, 2, 3]);
    expect(q.size()).toBe(0);
  });

  it('drops a call the server refuses (4xx) and rethrows it when sent directly', async () => {
    const { q, delivered, setOnline, refuse } = setup();
    setOnline(false);
    await q.submit({ n: 1 });
    await q.submit({ n: 2 });
    refuse([1]);
    setOnline(true);
    expect(await q.flush()).toBe(1);
    expect(delivered).toEqual([2]);
    refuse([4]);
    await expect(q.submit({ n: 4 })).rejects.toThrow('BAD_REQUEST');
    expect(q.size()).toBe(0);
  });

  it('flushes on the online event and keeps only the newest items beyond its cap', async () => {
    const { q, delivered, setOnline } = setup();
    setOnline(false);
    for (let n = 1; n <= 7; n++) await q.submit({ n });
    expect(q.size()).toBe(5);
    const listeners = new Map<string, () => void>();
    const target = {
      addEventListener: (type: string, fn: () => void) => void listeners.set(type, fn),
      removeEventListener: (type: string) => void listeners.delete(type),
    } as unknown as Window;
    const stop = q.start(target, 60_000);
    setOnline(true);
    listeners.get('online')!();
    await q.flush();
    expect(delivered).toEqual([3, 4, 5, 6, 7]);
    stop();
    expect(listeners.size).toBe(0);
  });

  it('treats a missing answer, 5xx and 429 as retryable, other statuses as final', () => {
    expect(isRetryable(new TypeError('Failed to fetch'))).toBe(true);
    expect(isRetryable({ data: { httpStatus: 502 } })).toBe(true);
    expect(isRetryable({ data: { httpStatus: 429 } })).toBe(true);
    expect(isRetryable({ data: { httpStatus: 403 } })).toBe(false);
  });
});

describe('retry queue: replay outcomes and merging', () => {
  it('reports each replayed item with the server answer, after removing it, and each refusal', async () => {
    const store = memoryStore();
    let online = false;
    const refusedLog: [number, unknown][] = [];
    const replayed: [number, unknown, number][] = [];
    const q = createRetryQueue<{ n: number }>({
      key: 'calls',
      store,
      send: async ({ n }) => {
        if (!online) throw networkDown();
        if (n === 2) throw refused();
        return { ok: n };
      },
      onRefused: (item, err) => refusedLog.push([item.n, (err as { data: { code: string } }).data.code]),
      onReplayed: (item, result) => replayed.push([item.n, result, q.size()]),
    });
    for (const n of [1, 2, 3]) expect(await q.submit({ n })).toEqual({ sent: false });
    online = true;
    expect(await q.flush()).toBe(2);
    expect(replayed).toEqual([
      [1, { ok: 1 }, 2],
      [3, { ok: 3 }, 0],
    ]);
    expect(refusedLog).toEqual([[2, 'BAD_REQUEST']]);
    // A direct send is not a replay: its answer goes to the caller only.
    await q.submit({ n: 4 });
    expect(replayed).toHaveLength(2);
  });

  it('folds a new item into the last waiting one when `merge` says so', async () => {
    const store = memoryStore();
    const q = createRetryQueue<{ n: number; lesson: number }>({
      key: 'calls',
      store,
      send: () => Promise.reject(networkDown()),
      merge: (a, b) => (a.lesson === b.lesson ? { n: a.n + b.n, lesson: a.lesson } : null),
    });
    await q.submit({ n: 1, lesson: 7 });
    await q.submit({ n: 2, lesson: 7 });
    await q.submit({ n: 5, lesson: 8 });
    await q.submit({ n: 1, lesson: 7 });
    expect(JSON.parse(store.data.get('calls')!)).toEqual([
      { n: 3, lesson: 7 },
      { n: 5, lesson: 8 },
      { n: 1, lesson: 7 },
    ]);
  });
});
