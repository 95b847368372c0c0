import type { RouterOutputs } from '@mdsc/api';
import { useI18n } from '../../i18n';
import { useLowData } from '../../lib/low-data';
import { RichText } from '../../ui/RichText';

type Lesson = RouterOutputs['courses']['bySlug']['modules'][number]['lessons'][number];

/** A lesson's material, for those allowed to see it; its text as the server's sanitised HTML. */
export function LessonContent({ lesson }: { lesson: Lesson }) {
  const { t } = useI18n();
  const lowData = useLowData().enabled;
  const c = lesson.content;
  if (!c) return null;
  const fileUrl = c.media?.url ?? null;
  const src = lesson.contentType === 'video' ? (fileUrl ?? c.videoUrl) : (fileUrl ?? c.contentUrl);
  return (
    <div className="lesson-content">
      <RichText html={c.contentHtml} text={c.contentText} />
      {lesson.contentType === 'video' && src && (
        <video
          controls
          preload={lowData ? 'none' : 'metadata'}
          poster={c.media?.thumbnail?.url}
          src={(lowData && c.media?.renditions.find((r) => r.kind === 'video_low')?.url) || src}
          className="lesson-media"
        >
          {t('course.noVideoSupport')}
        </video>
      )}
      {lesson.contentType === 'audio' && src && (
        <audio controls preload={lowData ? 'none' : 'metadata'} src={src} className="lesson-media" />
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
