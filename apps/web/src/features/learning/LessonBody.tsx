// A lesson's material by content type: rich text (server-sanitised HTML), video and audio (resuming where I stopped), documents
// and presentations (PDF shown inline, anything else downloaded), links for the rest.
import type { RouterOutputs } from '@mdsc/api';
import { forwardRef, type Ref } from 'react';
import { useI18n } from '../../i18n';
import { RichText } from '../../ui/RichText';

type Lesson = RouterOutputs['progress']['lesson']['lesson'];

const isFileUrl = (url: string) => url.startsWith('/api/media/') || /\.(mp4|webm|ogg|ogv|mov|m4v|mp3|m4a|wav|oga|opus|aac)(\?|$)/i.test(url);
const isPdf = (url: string, type: string | undefined) => type === 'application/pdf' || /\.pdf(\?|$)/i.test(url);

export const LessonBody = forwardRef<HTMLMediaElement, { lesson: Lesson; onMediaReady?: () => void }>(function LessonBody(
  { lesson, onMediaReady },
  mediaRef,
) {
  const { t } = useI18n();
  const c = lesson.content;
  if (!c) return null;
  const media = c.media;
  const src = lesson.contentType === 'video' ? (media?.url ?? c.videoUrl) : (media?.url ?? c.contentUrl ?? c.videoUrl);
  const text = <RichText html={c.contentHtml} text={c.contentText} />;
  const download = src ? (
    <p>
      <a href={src} target="_blank" rel="noopener noreferrer" download={media?.originalFilename ?? true}>
        {t('learn.download', { name: media?.originalFilename ?? t('learn.material') })}
      </a>
    </p>
  ) : null;

  let player = null;
  if (lesson.contentType === 'video' && src) {
    player = isFileUrl(src) ? (
      <video
        ref={mediaRef as Ref<HTMLVideoElement>}
        controls
        preload="metadata"
        src={src}
        onLoadedMetadata={onMediaReady}
        data-testid="lesson-video"
      >
        {t('learn.noVideo')}
      </video>
    ) : (
      <p>
        <a href={src} target="_blank" rel="noopener noreferrer">
          {t('learn.openVideo')}
        </a>
      </p>
    );
  } else if (lesson.contentType === 'audio' && src) {
    player = (
      <audio ref={mediaRef as Ref<HTMLAudioElement>} controls preload="metadata" src={src} onLoadedMetadata={onMediaReady} />
    );
  } else if ((lesson.contentType === 'document' || lesson.contentType === 'presentation') && src) {
    player = (
      <>
        {isPdf(src, media?.fileType) && <iframe src={src} title={lesson.title} loading="lazy" />}
        {download}
      </>
    );
  } else if (src && lesson.contentType !== 'text') {
    player = download;
  }
  return (
    <div className="lesson-body stack" data-testid="lesson-body">
      {lesson.description && <p className="lead">{lesson.description}</p>}
      {player}
      {text}
    </div>
  );
});
