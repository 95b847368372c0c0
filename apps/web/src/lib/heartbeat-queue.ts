// Learning calls go through one retry queue (lib/offline-queue), in the order they were made, so
// nothing is lost on a dropped connection or while offline: lesson heartbeats (time and position),
// lesson completions and quiz answers. Replayed once the browser is back online, each is judged by
// the server as if sent then (time credited against the server's clock, lesson locks, the quiz's
// time limit); what it refuses is kept in a list the header shows (SyncStatus), never hidden.
import { HEARTBEAT_MAX_SECONDS, type HeartbeatInput, type SubmitAttemptInput } from '@mdsc/validators';
import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import { createRetryQueue, type KeyValueStore, type RetryQueue } from './offline-queue';
import { trpc } from './trpc';

type Client = ReturnType<typeof trpc.useUtils>['client'];
type BeatResult = Awaited<ReturnType<Client['progress']['heartbeat']['mutate']>>;

export type LearningCall =
  | { kind: 'beat'; input: HeartbeatInput }
  | { kind: 'complete'; lessonId: number; title: string }
  | { kind: 'quiz'; input: SubmitAttemptInput; quizId: number; title: string };

/** A queued call the server refused on replay, as shown to the learner. */
export interface Refusal {
  kind: 'complete' | 'quiz';
  title: string;
  /** The server's reason (a learning error reason) or code. */
  reason: string | null;
  message: string;
  at: string;
}

// The key of the heartbeat queue this one extends: beats queued by an older version (plain
// heartbeat inputs) are still delivered.
const QUEUE_KEY = 'mdsc.pendingHeartbeats';
const REFUSED_KEY = 'mdsc.syncRefused';
const CHANGED = 'mdsc:learning-queue';

/** Stored items, old ones (plain heartbeats) included. */
export function normalizeCall(item: LearningCall | HeartbeatInput): LearningCall {
  return 'kind' in item ? item : { kind: 'beat', input: item };
}

/** Two heartbeats of one lesson in a row travel as one (the server caps the time credited anyway). */
export function mergeBeats(last: LearningCall, next: LearningCall): LearningCall | null {
  if (last.kind !== 'beat' || next.kind !== 'beat' || last.input.lessonId !== next.input.lessonId)
    return null;
  const seconds = last.input.seconds + next.input.seconds;
  if (seconds > HEARTBEAT_MAX_SECONDS) return null;
  return {
    kind: 'beat',
    input: {
      ...next.input,
      seconds,
      positionSeconds: next.input.positionSeconds ?? last.input.positionSeconds,
    },
  };
}

/** Tells the page when the queue or the refusals change (same tab; `storage` covers the others). */
function notifying(store: KeyValueStore): KeyValueStore {
  return {
    getItem: (k) => store.getItem(k),
    setItem: (k, v) => {
      store.setItem(k, v);
      window.dispatchEvent(new Event(CHANGED));
    },
  };
}

export function refusalOf(call: LearningCall, err: unknown): Refusal | null {
  if (call.kind === 'beat') return null; // a refused heartbeat (e.g. no longer enrolled) carries nothing to show
  const data = (err as { data?: { reason?: string | null; code?: string } } | null)?.data;
  return {
    kind: call.kind,
    title: call.title,
    reason: data?.reason ?? data?.code ?? null,
    message: err instanceof Error ? err.message : String(err),
    at: new Date().toISOString(),
  };
}

let client: Client | null = null;
let queue: RetryQueue<LearningCall> | null = null;

function send(call: LearningCall): Promise<unknown> {
  if (!client) return Promise.reject(new TypeError('not connected yet'));
  switch (call.kind) {
    case 'beat':
      return client.progress.heartbeat.mutate(call.input);
    case 'complete':
      return client.progress.completeLesson.mutate({ lessonId: call.lessonId });
    case 'quiz':
      return client.quizzes.submitAttempt.mutate(call.input);
  }
}

function learningQueue(): RetryQueue<LearningCall> {
  if (queue) return queue;
  const store = notifying(localStorage);
  queue = createRetryQueue<LearningCall>({
    key: QUEUE_KEY,
    store,
    send: (item) => send(normalizeCall(item)),
    merge: mergeBeats,
    onRefused: (item, err) => {
      const r = refusalOf(normalizeCall(item), err);
      if (r) store.setItem(REFUSED_KEY, JSON.stringify([...readRefusals(), r].slice(-20)));
    },
    onReplayed: (item) => {
      if (normalizeCall(item).kind !== 'beat') window.dispatchEvent(new Event('mdsc:learning-replayed'));
    },
  });
  return queue;
}

/** Sends the call now, or queues it when there is no network; rejects when the server refuses it. */
export function submitLearning(call: LearningCall) {
  return learningQueue().submit(call);
}

function readRefusals(): Refusal[] {
  try {
    const v = JSON.parse(localStorage.getItem(REFUSED_KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? (v as Refusal[]) : [];
  } catch {
    return [];
  }
}

export function dismissRefusals(): void {
  notifying(localStorage).setItem(REFUSED_KEY, '[]');
}

const subscribe = (fn: () => void) => {
  window.addEventListener(CHANGED, fn);
  window.addEventListener('storage', fn);
  return () => {
    window.removeEventListener(CHANGED, fn);
    window.removeEventListener('storage', fn);
  };
};

/** What waits to be sent and what the server refused, kept in step with the queue (raw JSON snapshots). */
export function useLearningQueue(): { pending: LearningCall[]; refused: Refusal[] } {
  const pendingRaw = useSyncExternalStore(subscribe, () => localStorage.getItem(QUEUE_KEY) ?? '[]');
  const refusedRaw = useSyncExternalStore(subscribe, () => localStorage.getItem(REFUSED_KEY) ?? '[]');
  return useMemo(
    () => ({
      pending: (JSON.parse(pendingRaw) as (LearningCall | HeartbeatInput)[]).map(normalizeCall),
      refused: JSON.parse(refusedRaw) as Refusal[],
    }),
    [pendingRaw, refusedRaw],
  );
}

/**
 * Mounted once in the layout: gives the queue its tRPC client and replays it on `online`, on an
 * interval, and at start-up (calls left from an earlier visit). `onReplayed` runs after a queued
 * completion or quiz answer went through.
 */
export function useLearningSync(onReplayed: () => void): void {
  const utils = trpc.useUtils();
  client = utils.client;
  useEffect(() => learningQueue().start(window), []);
  useEffect(() => {
    window.addEventListener('mdsc:learning-replayed', onReplayed);
    return () => window.removeEventListener('mdsc:learning-replayed', onReplayed);
  }, [onReplayed]);
}

/** `send(beat)` resolves to the server's answer, or null when the beat was queued for later. */
export function useHeartbeatSender(): (beat: HeartbeatInput) => Promise<BeatResult | null> {
  const utils = trpc.useUtils();
  client = utils.client;
  return useCallback(async (input) => {
    const r = await submitLearning({ kind: 'beat', input });
    return r.sent ? (r.result as BeatResult) : null;
  }, []);
}
