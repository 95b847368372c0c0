// Keeps the bell (and the inbox count) live: one SSE subscription per open tab. The server first
// sends the unread count (also after a reconnection), then each new notification or read change.
import { useState } from 'react';
import { trpc } from '../../lib/trpc';

/** Returns whether the live stream is up (the server's `ready` received, no error since). */
export function useLiveNotifications(enabled: boolean): boolean {
  const utils = trpc.useUtils();
  const [live, setLive] = useState(false);
  trpc.notifications.onNotification.useSubscription(undefined, {
    enabled,
    onError: () => setLive(false),
    onData(event) {
      if (event.kind === 'ready') {
        setLive(true);
        utils.notifications.unreadCount.setData(undefined, event.unreadCount);
        return;
      }
      if (event.kind === 'notification') {
        utils.notifications.unreadCount.setData(undefined, (n) => (n ?? 0) + 1);
        if (event.notification.type === 'new_message') {
          void utils.messages.unreadCount.invalidate();
          void utils.messages.inbox.invalidate();
        }
        // A reply, acceptance or announcement: open discussion pages show it without a reload.
        if (event.notification.type.startsWith('discussion_')) void utils.discussions.invalidate();
      }
      // The server's count is the truth (several tabs, read elsewhere): refetch it in the background.
      void utils.notifications.unreadCount.invalidate();
      void utils.notifications.list.invalidate();
    },
  });
  return live;
}
