// What a notification says and where it leads, from its type and data (rendered as text).
import type { NotificationDto } from '@mdsc/validators';
import type { MessageKey } from '../../i18n/fr';

type T = (key: MessageKey, values?: Record<string, string | number>) => string;

export function describeNotification(n: NotificationDto, t: T): { text: string; href: string | null } {
  switch (n.type) {
    case 'enrolment':
      return {
        text: t('notifications.enrolment', { course: n.data.courseTitle }),
        href: n.data.courseSlug ? `/learn/${n.data.courseSlug}` : '/learning',
      };
    case 'lesson_unlocked':
      return {
        text: t('notifications.lessonUnlocked', {
          course: n.data.courseTitle,
          module: n.data.moduleTitle ?? n.data.lessonTitle ?? '',
        }),
        href: n.data.courseSlug
          ? n.data.lessonId
            ? `/learn/${n.data.courseSlug}/lessons/${n.data.lessonId}`
            : `/learn/${n.data.courseSlug}`
          : '/learning',
      };
    case 'quiz_graded':
      return {
        text: t(n.data.passed ? 'notifications.quizPassed' : 'notifications.quizFailed', {
          quiz: n.data.quizTitle,
          percentage: Math.round(n.data.percentage),
        }),
        href: n.data.courseSlug ? `/learn/${n.data.courseSlug}/quiz/${n.data.quizId}` : '/learning',
      };
    case 'badge_earned':
      return { text: t('notifications.badge', { badge: n.data.badgeName }), href: null };
    case 'level_up':
      return {
        text: t('notifications.levelUp', { level: n.data.level, name: n.data.levelName }),
        href: null,
      };
    case 'certificate_ready':
      return { text: t('notifications.certificate', { course: n.data.courseTitle }), href: '/certificates' };
    case 'new_message':
      return {
        text: t(n.data.broadcast ? 'notifications.broadcast' : 'notifications.message', {
          sender: n.data.senderName,
          subject: n.data.subject,
        }),
        href: `/messages/${n.data.messageId}`,
      };
    case 'discussion_reply':
    case 'discussion_answer_accepted':
    case 'discussion_mention':
    case 'discussion_announcement':
    case 'discussion_followed': {
      const key = (
        {
          discussion_reply: 'notifications.discussionReply',
          discussion_answer_accepted: 'notifications.discussionAccepted',
          discussion_mention: 'notifications.discussionMention',
          discussion_announcement: 'notifications.discussionAnnouncement',
          discussion_followed: 'notifications.discussionFollowed',
        } as const
      )[n.type];
      return {
        text: t(key, { actor: n.data.actorName, thread: n.data.threadTitle, course: n.data.courseTitle }),
        href: `/discussions/${n.data.threadId}${n.data.postId ? `#post-${n.data.postId}` : ''}`,
      };
    }
    case 'assignment_graded':
      return {
        text: t('notifications.assignmentGraded', { lesson: n.data.lessonTitle, score: n.data.score, points: n.data.points }),
        href: `/learn/${n.data.courseSlug}/lessons/${n.data.lessonId}`,
      };
    case 'assignment_returned':
      return {
        text: t('notifications.assignmentReturned', { lesson: n.data.lessonTitle }),
        href: `/learn/${n.data.courseSlug}/lessons/${n.data.lessonId}`,
      };
    case 'payment_confirmed':
      return {
        text: t('notifications.paymentConfirmed', { course: n.data.courseTitle }),
        href: `/payments/orders/${n.data.orderId}`,
      };
    case 'payment_failed':
      return {
        text: t('notifications.paymentFailed', { course: n.data.courseTitle }),
        href: `/payments/orders/${n.data.orderId}`,
      };
    case 'payment_refunded':
      return { text: t('notifications.paymentRefunded', { course: n.data.courseTitle }), href: '/payments/mine' };
  }
}
