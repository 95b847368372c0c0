// Lesson heartbeats go through the retry queue, so time and position survive a dropped connection.
import type { HeartbeatInput } from '@mdsc/validators';
import { useCallback, useEffect } from 'react';
import { createRetryQueue, type RetryQueue } from './offline-queue';
import { trpc } from './trpc';

type Client = ReturnType<typeof trpc.useUtils>['client'];
type BeatResult = Awaited<ReturnType<Client['progress']['heartbeat']['mutate']>>;

let client: Client | null = null;
let queue: RetryQueue<HeartbeatInput> | null = null;
let users = 0;
let stop: (() => void) | null = null;

function heartbeatQueue(): RetryQueue<HeartbeatInput> {
  queue ??= createRetryQueue<HeartbeatInput>({
    key: 'mdsc.pendingHeartbeats',
    store: localStorage,
    send: (beat) => client!.progress.heartbeat.mutate(beat),
  });
  return queue;
}

/** `send(beat)` resolves to the server's answer, or null when the beat was queued for later. */
export function useHeartbeatSender(): (beat: HeartbeatInput) => Promise<BeatResult | null> {
  const utils = trpc.useUtils();
  client = utils.client;
  useEffect(() => {
    // One set of listeners however many players are mounted.
    if (users++ === 0) stop = heartbeatQueue().start(window);
    return () => {
      if (--users === 0) stop?.();
    };
  }, []);
  return useCallback(async (beat) => {
    const r = await heartbeatQueue().submit(beat);
    return r.sent ? (r.result as BeatResult) : null;
  }, []);
}
