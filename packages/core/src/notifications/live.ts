// The live stream behind `notifications.onNotification`: subscribe first, then tell the client
// its unread count (so a reconnecting tab catches up), then relay the user's events.
import type { LiveEventDto, Locale } from '@mdsc/validators';
import type { Actor, CoreDeps } from '../deps';
import { nameLevelUps } from '../gamification/level-names';
import { countUnreadNotifications } from './notification.service';

export async function* liveNotifications(
  deps: Pick<CoreDeps, 'db' | 'events'> & Partial<Pick<CoreDeps, 'clock'>>,
  actor: Actor,
  signal: AbortSignal,
  locale: Locale = actor.locale,
): AsyncGenerator<LiveEventDto> {
  if (!deps.events) throw new Error('Live events are not configured (deps.events)');
  // Listening before counting: an event between the two is counted and also delivered, never lost.
  const events = await deps.events.subscribe(actor.id, signal);
  yield { kind: 'ready', unreadCount: await countUnreadNotifications(deps, actor) };
  for await (const event of events) {
    // A level-up is published with its French name: this subscriber reads it in its own language.
    if (event.kind === 'notification' && event.notification.type === 'level_up') {
      const [notification] = await nameLevelUps(deps, [event.notification], locale);
      yield { ...event, notification };
    } else yield event;
  }
}
