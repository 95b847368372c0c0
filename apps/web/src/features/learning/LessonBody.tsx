// A lesson's material by content type: rich text (server-sanitised HTML), video and audio (resuming where I stopped), documents
// and presentations (PDF shown inline, anything else downloaded), links for the rest.
import type { RouterOutputs } from '@mdsc/api';
import { forwardRef, useRef, useState, type Ref, type SyntheticEvent } from 'react';
import { useI18n } from '../../i18n';
import { useLowData } from '../../lib/low-data';
import { RichText } from '../../ui/RichText';

type Lesson = RouterOutputs['progress']['lesson']['lesson'];

const isFileUrl = (url: string) => url.startsWith('/api/media/') || /\.(mp4|webm|ogg|ogv|mov|m4v|mp3|m4a|wav|oga|opus|aac)(\?|$)/i.test(url);
const isPdf = (url: string, type: string | undefined) => type === 'application/pdf' || /\.pdf(\?|$)/i.test(url);

export const LessonBody = forwardRef<HTMLMediaElement, { lesson: Lesson; onMediaReady?: () => void }>(function LessonBody(
  { lesson, onMediaReady },
  mediaRef,
) {
  const { t } = useI18n();
  const lowData = useLowData().enabled;
  const [audioOnly, setAudioOnly] = useState(false);
  // Switching between the video and its sound track carries on from the same moment.
  const lastTime = useRef(0);
  const c = lesson.content;
  if (!c) return null;
  const media = c.media;
  const rendition = (kind: 'video_low' | 'audio') => media?.renditions.find((r) => r.kind === kind) ?? null;
  const lowVideo = rendition('video_low');
  const soundOnly = rendition('audio');
  const onReady = (e: SyntheticEvent<HTMLMediaElement>) => {
    onMediaReady?.();
    if (lastTime.current > 0) e.currentTarget.currentTime = lastTime.current;
  };
  const onTime = (e: SyntheticEvent<HTMLMediaElement>) => {
    lastTime.current = e.currentTarget.currentTime;
  };
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
    // Low-data mode: nothing is loaded before the learner presses play (poster frame instead), and
    // what plays is the worker's 360p rendition when there is one. Never autoplayed, in any mode.
    const videoSrc = lowData && lowVideo ? lowVideo.url : src;
    player = isFileUrl(src) ? (
      <div className="stack lesson-player" data-low-data={lowData ? 'on' : 'off'}>
        {audioOnly && soundOnly ? (
          <audio
            key="audio"
            ref={mediaRef as Ref<HTMLAudioElement>}
            controls
            preload={lowData ? 'none' : 'metadata'}
            src={soundOnly.url}
            onLoadedMetadata={onReady}
            onTimeUpdate={onTime}
            aria-label={t('learn.audioOnlyPlayer', { title: lesson.title })}
            data-testid="lesson-audio-only"
          />
        ) : (
          <video
            key="video"
            ref={mediaRef as Ref<HTMLVideoElement>}
            controls
            playsInline
            preload={lowData ? 'none' : 'metadata'}
            poster={media?.thumbnail?.url}
            src={videoSrc}
            onLoadedMetadata={onReady}
            onTimeUpdate={onTime}
            data-testid="lesson-video"
          >
            {t('learn.noVideo')}
          </video>
        )}
        {(soundOnly || (lowData && lowVideo)) && (
          <p className="row small lesson-player-options">
            {soundOnly && (
              <button
                type="button"
                className="secondary"
                aria-pressed={audioOnly}
                onClick={() => setAudioOnly((v) => !v)}
                data-testid="audio-only-toggle"
              >
                {t('learn.audioOnly')}
              </button>
            )}
            {lowData && (
              <span className="muted" data-testid="low-data-note">
                {audioOnly && soundOnly
                  ? t('learn.lowDataAudio', { kbps: Math.round((soundOnly.bitrate ?? 0) / 1000) })
                  : lowVideo
                    ? t('learn.lowDataVideo', { height: lowVideo.height ?? 360 })
                    : null}
              </span>
            )}
          </p>
        )}
      </div>
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
