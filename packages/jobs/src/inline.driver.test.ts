import { describe, expect, it, vi } from 'vitest';
import { createInlineJobQueue } from './inline.driver';

const logger = { warn: vi.fn(), error: vi.fn() };

describe('inline job queue', () => {
  it('runs the processor after enqueue returns and retries a failing job with backoff', async () => {
    let calls = 0;
    const q = createInlineJobQueue(
      {
        maintenance: async () => {
          calls++;
          if (calls < 3) throw new Error('boom');
        },
      },
      logger,
      { attempts: 5, backoffMs: 1 },
    );
    await q.enqueue('maintenance', 'purge-expired', {});
    expect(calls).toBe(0);
    await q.idle();
    expect(calls).toBe(3);
    expect(logger.warn).toHaveBeenCalledTimes(2);
  });

  it('refuses a payload that does not match its schema, naming the field', async () => {
    const q = createInlineJobQueue({ certificates: async () => {} }, logger);
    await expect(q.enqueue('certificates', 'render-certificate', { certificateId: -1 })).rejects.toThrow(
      /certificateId/,
    );
  });

  it('runs a job once when enqueued twice with the same id', async () => {
    let calls = 0;
    const q = createInlineJobQueue({ gamification: async () => void calls++ }, logger);
    await q.enqueue('gamification', 'evaluate-badges', { userId: 1, reason: 'x' }, { jobId: 'a' });
    await q.enqueue('gamification', 'evaluate-badges', { userId: 1, reason: 'x' }, { jobId: 'a' });
    await q.idle();
    expect(calls).toBe(1);
  });

  it('lists a job that used up its attempts (no data) and retries it under the same id', async () => {
    let fail = true;
    let runs = 0;
    const q = createInlineJobQueue(
      {
        certificates: async () => {
          runs++;
          if (fail) throw new Error('render failed');
        },
      },
      logger,
      { attempts: 2, backoffMs: 1 },
    );
    await q.enqueue('certificates', 'render-certificate', { certificateId: 7 }, { jobId: 'render-certificate-7' });
    await q.idle();
    const [failed] = await q.failed!('certificates', 10);
    expect(failed).toMatchObject({ queue: 'certificates', id: 'render-certificate-7', name: 'render-certificate', error: 'render failed', attemptsMade: 2 });
    expect(failed).not.toHaveProperty('data');
    expect(await q.failed!('mail', 10)).toEqual([]);
    fail = false;
    expect(await q.retry!('certificates', 'render-certificate-7')).toBe(true);
    await q.idle();
    expect(runs).toBe(3);
    expect(await q.failed!('certificates', 10)).toEqual([]);
    expect(await q.retry!('certificates', 'render-certificate-7')).toBe(false);
  });

  it('idle({ except }) waits for every job but those named', async () => {
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const done: string[] = [];
    const q = createInlineJobQueue(
      {
        media: async (job) => {
          if (job.name === 'make-renditions') await slow;
          done.push(job.name);
        },
      },
      logger,
      { attempts: 1, backoffMs: 1 },
    );
    await q.enqueue('media', 'make-renditions', { mediaFileId: 1 });
    await q.enqueue('media', 'probe-media', { mediaFileId: 1 });
    await q.idle({ except: ['make-renditions'] });
    expect(done).toEqual(['probe-media']);
    release();
    await q.idle();
    expect(done).toEqual(['probe-media', 'make-renditions']);
  });
});
