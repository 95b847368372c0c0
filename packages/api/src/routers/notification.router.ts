import {
  countUnreadNotifications,
  getNotificationPreferences,
  listNotifications,
  liveNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  updateNotificationPreferences,
} from '@mdsc/core';
import { notificationIdInput, notificationListInput, notificationPreferencesInput } from '@mdsc/validators';
import { authedProcedure, localeOf, router } from '../trpc';

export const notificationRouter = router({
  list: authedProcedure
    .input(notificationListInput)
    .query(({ ctx, input }) => listNotifications(ctx.deps, ctx.actor, input, localeOf(ctx))),
  unreadCount: authedProcedure.query(({ ctx }) => countUnreadNotifications(ctx.deps, ctx.actor)),
  markRead: authedProcedure
    .input(notificationIdInput)
    .mutation(({ ctx, input }) => markNotificationRead(ctx.deps, ctx.actor, input)),
  markAllRead: authedProcedure.mutation(({ ctx }) => markAllNotificationsRead(ctx.deps, ctx.actor)),
  preferences: authedProcedure.query(({ ctx }) => getNotificationPreferences(ctx.deps, ctx.actor)),
  updatePreferences: authedProcedure
    .input(notificationPreferencesInput)
    .mutation(({ ctx, input }) => updateNotificationPreferences(ctx.deps, ctx.actor, input)),
  /**
   * Live events over Server-Sent Events (httpSubscriptionLink): first `ready` with the unread
   * count, then each new notification and read-state change of the caller, from any API process.
   */
  onNotification: authedProcedure.subscription(async function* ({ ctx, signal }) {
    yield* liveNotifications(ctx.deps, ctx.actor, signal ?? new AbortController().signal, localeOf(ctx));
  }),
});
