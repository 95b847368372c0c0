import type { RouterOutputs } from '@mdsc/api';
import { useI18n } from '../../i18n';

type Lesson = RouterOutputs['courses']['bySlug']['modules'][number]['lessons'][number];

/** A lesson's material, for those allowed to see it. Text is shown as text (never as HTML). */
export function LessonContent({ lesson }: { lesson: Lesson }) {
  const { t } = useI18n();
  const c = lesson.content;
  if (!c) return null;
  const fileUrl = c.media?.url ?? null;
  const src = lesson.contentType === 'video' ? (fileUrl ?? c.videoUrl) : (fileUrl ?? c.contentUrl);
  return (
    <div className="lesson-content">
      {c.contentText && (
        <div className="lesson-text">
          {c.contentText.split(/\n{2,}/).map((para, i) => (
            <p key={i}>{para}</p>
          ))}
        </div>
      )}
      {lesson.contentType === 'video' && src && (
        <video controls preload="metadata" src={src} className="lesson-media">
          {t('course.noVideoSupport')}
        </video>
      )}
      {lesson.contentType === 'audio' && src && (
        <audio controls preload="metadata" src={src} className="lesson-media" />
      )}
      {['document', 'presentation', 'h5p', 'assignment'].includes(lesson.contentType) && src && (
        <p>
          <a href={src} target="_blank" rel="noopener noreferrer">
            {c.media?.originalFilename ?? t('course.openMaterial')}
          </a>
        </p>
      )}
    </div>
  );
}
