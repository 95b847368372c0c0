// The authoring forms' own error texts (a field's rule in words), for the shared form layer.
import type { MessageKey } from '../../i18n/fr';
import type { ErrorOptions } from '../../ui/form';

const FIELDS = [
  'title',
  'categoryId',
  'price',
  'currency',
  'courseEndDate',
  'enrollmentDeadline',
  'prerequisiteCourseId',
  'mediaFileId',
  'contentText',
  'contentHtml',
  'videoUrl',
  'contentUrl',
  'thumbnailUrl',
  'moduleIds',
  'lessonIds',
] as const;

export const AUTHORING_ERRORS: ErrorOptions = {
  messages: Object.fromEntries(FIELDS.map((f) => [f, `authoring.error.${f}` as MessageKey])),
  codes: { FORBIDDEN: 'authoring.forbidden', NOT_FOUND: 'authoring.notFound', CONFLICT: 'authoring.conflict' },
};
