// The live stream behind `notifications.onNotification`: subscribe first, then tell the client
// its unread count (so a reconnecting tab catches up), then relay the user's events.
import type { LiveEventDto } from '@mdsc/validators';
import type { Actor, CoreDeps } from '../deps';
import { countUnreadNotifications } from './notification.service';

export async function* liveNotifications(
  deps: Pick<CoreDeps, 'db' | 'events'>,
  actor: Actor,
  signal: AbortSignal,
): AsyncGenerator<LiveEventDto> {
  if (!deps.events) throw new Error('Live events are not configured (deps.events)');
  // Listening before counting: an event between the two is counted and also delivered, never lost.
  const events = await deps.events.subscribe(actor.id, signal);
  yield { kind: 'ready', unreadCount: await countUnreadNotifications(deps, actor) };
  for await (const event of events) yield event;
}
