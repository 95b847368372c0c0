// Keeps the bell (and the inbox count) live: one SSE subscription per open tab. The server first
// sends the unread count (also after a reconnection), then each new notification or read change.
import { trpc } from '../../lib/trpc';

export function useLiveNotifications(enabled: boolean) {
  const utils = trpc.useUtils();
  trpc.notifications.onNotification.useSubscription(undefined, {
    enabled,
    onData(event) {
      if (event.kind === 'ready') {
        utils.notifications.unreadCount.setData(undefined, event.unreadCount);
        return;
      }
      if (event.kind === 'notification') {
        utils.notifications.unreadCount.setData(undefined, (n) => (n ?? 0) + 1);
        if (event.notification.type === 'new_message') {
          void utils.messages.unreadCount.invalidate();
          void utils.messages.inbox.invalidate();
        }
      }
      // The server's count is the truth (several tabs, read elsewhere): refetch it in the background.
      void utils.notifications.unreadCount.invalidate();
      void utils.notifications.list.invalidate();
    },
  });
}
