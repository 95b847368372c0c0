// Inserts an image from the course's media library, or one uploaded here (it joins the library).
// A native modal <dialog>: focus moves in, Escape closes, focus goes back to the editor.
import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../../../i18n';
import { trpc } from '../../../lib/trpc';
import { Button } from '../../../ui/components';
import { QueryState } from '../../../ui/QueryState';
import { MediaUpload } from '../MediaUpload';

interface Props {
  courseId: number;
  lessonId?: number;
  onPick(src: string, alt: string): void;
  onClose(): void;
}

/** A default description from the file name ("organigramme-2026.png" → "organigramme 2026"). */
const altFromName = (name: string) =>
  name
    .replace(/\.[a-z0-9]+$/i, '')
    .replace(/[-_]+/g, ' ')
    .trim();

export function ImagePicker({ courseId, lessonId, onPick, onClose }: Props) {
  const { t } = useI18n();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const images = trpc.media.list.useQuery({ courseId, category: 'image' });
  const [chosen, setChosen] = useState<{ url: string; name: string } | null>(null);
  const [alt, setAlt] = useState('');
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => {
      if (d?.open) d.close();
    };
  }, []);
  const choose = (url: string, name: string) => {
    setChosen({ url, name });
    setAlt(altFromName(name));
  };

  return (
    <dialog
      ref={ref}
      className="rte-dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      data-testid="image-picker"
    >
      <h2 id={`${id}-title`}>{t('rte.imageTitle')}</h2>
      <MediaUpload
        courseId={courseId}
        lessonId={lessonId}
        category="image"
        label={t('rte.imageUpload')}
        onUploaded={(m) => {
          choose(m.url, m.originalFilename);
          void images.refetch();
        }}
      />
      <h3>{t('rte.imageLibrary')}</h3>
      <QueryState query={images} isEmpty={(d) => d.length === 0} empty={t('rte.imageNone')}>
        {(list) => (
          <ul className="rte-media-grid" aria-label={t('rte.imageLibrary')}>
            {list.map((m) => (
              <li key={m.id}>
                <button
                  type="button"
                  className="rte-media"
                  aria-pressed={chosen?.url === m.url}
                  onClick={() => choose(m.url, m.originalFilename)}
                >
                  <img src={m.thumbnailUrl ?? m.url} alt="" loading="lazy" />
                  <span>{m.originalFilename}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      <div className="field">
        <label htmlFor={`${id}-alt`}>{t('rte.imageAlt')}</label>
        <input
          id={`${id}-alt`}
          value={alt}
          maxLength={255}
          disabled={!chosen}
          aria-describedby={`${id}-alt-hint`}
          onChange={(e) => setAlt(e.target.value)}
        />
        <small id={`${id}-alt-hint`} className="muted">
          {t('rte.imageAltHint')}
        </small>
      </div>
      <div className="form-actions">
        <Button
          disabled={!chosen}
          onClick={() => chosen && onPick(chosen.url, alt.trim())}
          data-testid="image-insert"
        >
          {t('rte.imageInsert')}
        </Button>
        <Button variant="secondary" onClick={onClose}>
          {t('authoring.cancel')}
        </Button>
      </div>
    </dialog>
  );
}
