// Live events to the open web apps. Full mode: Redis pub/sub (one channel per user), so an event
// published by any API or worker process reaches the subscriber wherever its SSE connection lives.
// Embedded mode: one process, an in-memory EventEmitter.
import { EventEmitter, on } from 'node:events';
import type { LiveEventDto } from '@mdsc/validators';
import type { Redis } from 'ioredis';

/** What is published: everything the subscription yields except its own initial `ready`. */
export type LiveEvent = Exclude<LiveEventDto, { kind: 'ready' }>;

export interface UserEvent {
  userId: number;
  event: LiveEvent;
}

export interface EventBus {
  readonly driver: 'memory' | 'redis';
  /** Delivers each event to the subscribers of its user, in every process. */
  publish(items: UserEvent[]): Promise<void>;
  /**
   * The events of one user until `signal` aborts. Resolves once the subscription is active:
   * anything published after that is delivered.
   */
  subscribe(userId: number, signal: AbortSignal): Promise<AsyncIterable<LiveEvent>>;
  close(): Promise<void>;
}

/** Local fan-out to this process's subscribers, shared by both drivers. */
function createHub() {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0); // one listener per open tab: no leak warning at 11 tabs
  const key = (userId: number) => `u${userId}`;
  return {
    emit: (userId: number, event: LiveEvent) => emitter.emit(key(userId), event),
    listeners: (userId: number) => emitter.listenerCount(key(userId)),
    /** Registers the listener at once (before any await), so nothing emitted afterwards is lost. */
    iterate(userId: number, signal: AbortSignal): AsyncIterable<LiveEvent> {
      const source = on(emitter, key(userId), { signal }) as AsyncIterableIterator<[LiveEvent]>;
      return {
        async *[Symbol.asyncIterator]() {
          try {
            for await (const [event] of source) yield event;
          } catch (err) {
            if ((err as Error).name !== 'AbortError') throw err;
          }
        },
      };
    },
  };
}

export function createMemoryEventBus(): EventBus {
  const hub = createHub();
  return {
    driver: 'memory',
    async publish(items) {
      for (const { userId, event } of items) hub.emit(userId, event);
    },
    async subscribe(userId, signal) {
      return hub.iterate(userId, signal);
    },
    async close() {},
  };
}

export interface RedisEventBusOptions {
  /** Any connection (the shared one is fine): PUBLISH is an ordinary command. */
  publisher: Redis;
  /** A connection in subscriber mode can do nothing else: a dedicated one, created on first use. */
  createSubscriber: () => Redis;
  prefix: string;
  onError?: (err: unknown) => void;
}

const PUBLISH_CHUNK = 1000;

export function createRedisEventBus(opts: RedisEventBusOptions): EventBus {
  const hub = createHub();
  const channelPrefix = `${opts.prefix}:live:user:`;
  const channel = (userId: number) => `${channelPrefix}${userId}`;
  let subscriber: Redis | null = null;
  // Per-user count of local subscriptions: SUBSCRIBE on the first, UNSUBSCRIBE after the last.
  const counts = new Map<number, number>();

  function getSubscriber(): Redis {
    if (subscriber) return subscriber;
    subscriber = opts.createSubscriber();
    subscriber.on('message', (ch: string, raw: string) => {
      if (!ch.startsWith(channelPrefix)) return;
      const userId = Number(ch.slice(channelPrefix.length));
      try {
        hub.emit(userId, JSON.parse(raw) as LiveEvent);
      } catch (err) {
        opts.onError?.(err);
      }
    });
    subscriber.on('error', (err) => opts.onError?.(err));
    return subscriber;
  }

  return {
    driver: 'redis',
    async publish(items) {
      for (let i = 0; i < items.length; i += PUBLISH_CHUNK) {
        const pipeline = opts.publisher.pipeline();
        for (const { userId, event } of items.slice(i, i + PUBLISH_CHUNK)) {
          pipeline.publish(channel(userId), JSON.stringify(event));
        }
        await pipeline.exec();
      }
    },
    async subscribe(userId, signal) {
      const events = hub.iterate(userId, signal);
      const sub = getSubscriber();
      const n = (counts.get(userId) ?? 0) + 1;
      counts.set(userId, n);
      signal.addEventListener(
        'abort',
        () => {
          const left = (counts.get(userId) ?? 1) - 1;
          if (left > 0) return void counts.set(userId, left);
          counts.delete(userId);
          sub.unsubscribe(channel(userId)).catch((err) => opts.onError?.(err));
        },
        { once: true },
      );
      // Commands on one connection run in order, so an UNSUBSCRIBE sent before this SUBSCRIBE
      // cannot undo it; awaiting it on every call means "active" is true when we return.
      await sub.subscribe(channel(userId));
      return events;
    },
    async close() {
      if (subscriber) await subscriber.quit().catch(() => subscriber?.disconnect());
      subscriber = null;
      counts.clear();
    },
  };
}
