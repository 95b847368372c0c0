// reflect-metadata must load before the first decorator runs (sequelize-typescript needs it).
import 'reflect-metadata';
import { AssignmentGrade } from './assignment-grade.model';
import { AssignmentSubmission } from './assignment-submission.model';
import { Assignment } from './assignment.model';
import { Badge } from './badge.model';
import { Category } from './category.model';
import { CertificateCounter } from './certificate-counter.model';
import { Certificate } from './certificate.model';
import { Challenge } from './challenge.model';
import { CourseModule } from './course-module.model';
import {
  DiscussionAttachment,
  DiscussionFollow,
  DiscussionRead,
  DiscussionReport,
  DiscussionVote,
} from './discussion-misc.model';
import { DiscussionPost } from './discussion-post.model';
import { DiscussionThread } from './discussion-thread.model';
import { CourseReview } from './course-review.model';
import { Course } from './course.model';
import { CredentialStatusList } from './credential-status-list.model';
import { Credential } from './credential.model';
import { EmailVerificationToken } from './email-verification-token.model';
import { Enrollment } from './enrollment.model';
import { Lesson } from './lesson.model';
import { LessonPackage } from './lesson-package.model';
import { PackageAttempt } from './package-attempt.model';
import { MediaFile } from './media-file.model';
import { MediaRendition } from './media-rendition.model';
import { MessageRecipient } from './message-recipient.model';
import { Message } from './message.model';
import { Notification } from './notification.model';
import { OutboxMessage } from './outbox.model';
import { PasswordResetToken } from './password-reset-token.model';
import { Progress } from './progress.model';
import { QuizAttempt } from './quiz-attempt.model';
import { QuizQuestion } from './quiz-question.model';
import { Quiz } from './quiz.model';
import { RefreshToken } from './refresh-token.model';
import { UserBadge } from './user-badge.model';
import { UserChallenge } from './user-challenge.model';
import { UserSession } from './user-session.model';
import { UserStreak } from './user-streak.model';
import { UserXp } from './user-xp.model';
import { User } from './user.model';
import { XpCategoryTotal } from './xp-category-total.model';
import { XpLedger } from './xp-ledger.model';
import { XpMonthlyTotal } from './xp-monthly-total.model';
import { Order } from './order.model';
import { PaymentEvent } from './payment-event.model';
import { VoucherRedemption } from './voucher-redemption.model';
import { Voucher } from './voucher.model';
import { ContentTranslation } from './content-translation.model';
import { LevelName } from './level-name.model';

export { CREDENTIAL_KINDS, type CredentialKind } from './credential.model';
export {
  ASSIGNMENT_LATE_POLICIES,
  ASSIGNMENT_SUBMISSION_TYPES,
  type AssignmentLatePolicy,
  type AssignmentSubmissionType,
} from './assignment.model';
export { SUBMISSION_STATUSES, type SubmissionStatus } from './assignment-submission.model';
export type { GradeOutcome } from './assignment-grade.model';
export type { QuizAnswers } from './quiz-attempt.model';
export { OUTBOX_KINDS, type OutboxKind } from './outbox.model';
export { QUIZ_ATTEMPT_STATUSES, type QuizAttemptStatus, type QuizQuestionResult } from './quiz-attempt.model';
export type { DiscussionReportStatus, DiscussionTargetType } from './discussion-misc.model';
export {
  DISCUSSION_CATEGORY_VALUES,
  type DiscussionCategoryValue,
  type DiscussionReviewStatus,
} from './discussion-thread.model';
export { ORDER_STATUSES, PAYMENT_PROVIDERS, type OrderStatus, type PaymentProvider } from './order.model';
export type { VoucherKind } from './voucher.model';
export { Order, PaymentEvent, Voucher, VoucherRedemption };
export { ContentTranslation, LevelName };
export {
  TRANSLATED_ENTITIES,
  TRANSLATED_FIELDS,
  type TranslatedEntity,
  type TranslatedField,
} from './content-translation.model';
export { RENDITION_KINDS, type RenditionKind } from './media-rendition.model';
export { PACKAGE_KINDS, type PackageFileEntry, type PackageKind } from './lesson-package.model';
export {
  Assignment,
  AssignmentGrade,
  AssignmentSubmission,
  Badge,
  LessonPackage,
  PackageAttempt,
  DiscussionAttachment,
  DiscussionFollow,
  DiscussionPost,
  DiscussionRead,
  DiscussionReport,
  DiscussionThread,
  DiscussionVote,
  Category,
  Certificate,
  CertificateCounter,
  Challenge,
  Course,
  CourseModule,
  CourseReview,
  Credential,
  CredentialStatusList,
  EmailVerificationToken,
  Enrollment,
  Lesson,
  MediaFile,
  MediaRendition,
  Message,
  MessageRecipient,
  Notification,
  OutboxMessage,
  PasswordResetToken,
  Progress,
  Quiz,
  QuizAttempt,
  QuizQuestion,
  RefreshToken,
  User,
  UserBadge,
  UserChallenge,
  UserSession,
  UserStreak,
  UserXp,
  XpLedger,
  XpMonthlyTotal,
  XpCategoryTotal,
};

/** Every model, to register with sequelize-typescript (`new Sequelize({ models: allModels })`). */
export const allModels = [
  User,
  EmailVerificationToken,
  PasswordResetToken,
  RefreshToken,
  UserSession,
  Category,
  Course,
  CourseModule,
  Lesson,
  LessonPackage,
  PackageAttempt,
  MediaFile,
  MediaRendition,
  Enrollment,
  Progress,
  Quiz,
  QuizQuestion,
  QuizAttempt,
  Certificate,
  CertificateCounter,
  CourseReview,
  Badge,
  UserBadge,
  UserXp,
  UserStreak,
  Challenge,
  UserChallenge,
  XpLedger,
  XpMonthlyTotal,
  XpCategoryTotal,
  Message,
  MessageRecipient,
  Notification,
  OutboxMessage,
  Credential,
  CredentialStatusList,
  DiscussionThread,
  DiscussionPost,
  DiscussionVote,
  DiscussionReport,
  DiscussionFollow,
  DiscussionRead,
  DiscussionAttachment,
  Assignment,
  AssignmentSubmission,
  AssignmentGrade,
  Voucher,
  Order,
  PaymentEvent,
  VoucherRedemption,
  ContentTranslation,
  LevelName,
];
