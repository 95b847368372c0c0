import { describe, expect, it } from 'vitest';
import { createInlineJobQueue } from './inline.driver';
import type { QueueCounts } from './types';

const quiet = { warn: () => {}, error: () => {} };
const of = async (q: { counts?(): Promise<QueueCounts[]> }, queue: string) =>
  (await q.counts!()).find((c) => c.queue === queue)!;

describe('inline job queue counts', () => {
  it('reports waiting, active, delayed, then completed and failed jobs per queue', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const q = createInlineJobQueue(
      {
        maintenance: async () => gate,
        gamification: async () => {
          throw new Error('boom');
        },
      },
      quiet,
      { attempts: 2, backoffMs: 1 },
    );
    await q.enqueue('maintenance', 'purge-expired', {});
    await q.enqueue('maintenance', 'purge-expired', {}, { delayMs: 60_000, jobId: 'later' });
    expect(await of(q, 'maintenance')).toMatchObject({ waiting: 1, active: 0, delayed: 1, completed: 0 });

    await new Promise((r) => setImmediate(r));
    expect(await of(q, 'maintenance')).toMatchObject({ waiting: 0, active: 1, delayed: 1 });

    release();
    await gate;
    await new Promise((r) => setImmediate(r));
    expect(await of(q, 'maintenance')).toMatchObject({ waiting: 0, active: 0, delayed: 1, completed: 1, failed: 0 });

    await q.enqueue('gamification', 'evaluate-badges', { userId: 1, reason: 'test' });
    // Nothing else is pending on that queue, so idle() returns once the retries are spent.
    while ((await of(q, 'gamification')).failed === 0) await new Promise((r) => setTimeout(r, 2));
    expect(await of(q, 'gamification')).toMatchObject({ waiting: 0, active: 0, failed: 1, completed: 0 });
    expect((await q.counts!()).map((c) => c.queue)).toContain('mail');
  });
});
