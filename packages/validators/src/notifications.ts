// Notification types, the data each carries (shared with the web app, which renders them), inputs.
import { z } from 'zod';
import { cursorPageInput, idSchema } from './common';

export const NOTIFICATION_TYPES = [
  'enrolment',
  'lesson_unlocked',
  'quiz_graded',
  'badge_earned',
  'level_up',
  'certificate_ready',
  'new_message',
  'discussion_reply',
  'discussion_answer_accepted',
  'discussion_mention',
  'discussion_announcement',
  'discussion_followed',
  'assignment_graded',
  'assignment_returned',
  'payment_confirmed',
  'payment_failed',
  'payment_refunded',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** What each notification type carries in `notifications.payload` ({ type, data } as JSON). */
export interface NotificationDataMap {
  enrolment: { courseId: number; courseTitle: string; courseSlug?: string };
  lesson_unlocked: {
    courseId: number;
    courseTitle: string;
    courseSlug?: string;
    moduleId?: number;
    moduleTitle?: string;
    lessonId?: number;
    lessonTitle?: string;
  };
  quiz_graded: {
    quizId: number;
    quizTitle: string;
    attemptId: number;
    percentage: number;
    passed: boolean;
    courseId?: number;
    courseSlug?: string;
  };
  badge_earned: { badgeId: number; badgeName: string; tier?: string; userBadgeId?: number };
  /** `levelName`: stored in French when sent; the API names the level in the reader's language when it lists or streams it. */
  level_up: { level: number; levelName: string };
  certificate_ready: {
    certificateId: number;
    certificateCode: string;
    courseId: number;
    courseTitle: string;
  };
  new_message: {
    messageId: number;
    senderId: number;
    senderName: string;
    subject: string;
    broadcast: boolean;
  };
  /** Someone replied in my thread (or commented on my reply). */
  discussion_reply: DiscussionNotificationData;
  /** My reply was accepted as the answer. */
  discussion_answer_accepted: DiscussionNotificationData;
  /** Someone wrote @me in a thread or reply. */
  discussion_mention: DiscussionNotificationData;
  /** The instructor posted an announcement in one of my courses. */
  discussion_announcement: DiscussionNotificationData;
  /** New activity in a thread I follow. */
  discussion_followed: DiscussionNotificationData;
  /** My assignment submission was graded (passed: the score reached the pass mark). */
  assignment_graded: AssignmentNotificationData & { score: number; points: number; passed: boolean };
  /** My assignment submission was returned for resubmission. */
  assignment_returned: AssignmentNotificationData;
  /** My order is paid: I am enrolled (issue 13). */
  payment_confirmed: PaymentNotificationData;
  /** My payment failed or my transfer was rejected. */
  payment_failed: PaymentNotificationData;
  /** My order was refunded by an administrator. */
  payment_refunded: PaymentNotificationData;
}

/** What every assignment notification carries: enough to name it and link to the lesson. */
export interface AssignmentNotificationData {
  courseId: number;
  courseTitle: string;
  courseSlug: string;
  lessonId: number;
  lessonTitle: string;
  submissionId: number;
}

/** What every payment notification carries: the order and its course. */
export interface PaymentNotificationData {
  orderId: number;
  orderReference: string;
  courseId: number;
  courseTitle: string;
  courseSlug?: string;
  reason?: string;
}

/** What every discussion notification carries: enough to name it and link to the post. */
export interface DiscussionNotificationData {
  courseId: number;
  courseTitle: string;
  threadId: number;
  threadTitle: string;
  postId?: number;
  actorName: string;
}
export type NotificationData<T extends NotificationType = NotificationType> = NotificationDataMap[T];

/** One notification as the API returns it (and as the live subscription pushes it). */
export type NotificationDto = {
  [T in NotificationType]: {
    id: number;
    type: T;
    data: NotificationDataMap[T];
    isRead: boolean;
    createdAt: string;
  };
}[NotificationType];

/** What the live subscription yields: a new notification, a change of read state, or the initial sync. */
export type LiveEventDto =
  | { kind: 'ready'; unreadCount: number }
  | { kind: 'notification'; notification: NotificationDto }
  | { kind: 'read'; ids: number[] | 'all' };

export const notificationListInput = cursorPageInput.extend({ unreadOnly: z.boolean().optional() });
export type NotificationListInput = z.infer<typeof notificationListInput>;

export const notificationIdInput = z.object({ id: idSchema });
export type NotificationIdInput = z.infer<typeof notificationIdInput>;

export const notificationPreferencesInput = z.object({
  emailOnMessage: z.boolean().optional(),
  emailOnCertificate: z.boolean().optional(),
  emailOnDiscussion: z.boolean().optional(),
});
export type NotificationPreferencesInput = z.infer<typeof notificationPreferencesInput>;
