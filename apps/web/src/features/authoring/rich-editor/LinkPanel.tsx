// Adds, changes or removes the link on the selected text. Not a <form>: it sits inside the lesson
// form, so Enter applies the link here instead of submitting the lesson.
import type { Editor } from '@tiptap/react';
import { useId, useState } from 'react';
import { useI18n } from '../../../i18n';
import { Button } from '../../../ui/components';

/** http(s) and mailto only (the server drops other schemes); a bare domain gets https://. */
export function normalizeLinkUrl(raw: string): string | null {
  const v = raw.trim();
  if (!v) return null;
  if (/^mailto:[^\s@]+@[^\s@]+$/i.test(v)) return v;
  if (/^[^\s@:/]+@[^\s@]+\.[^\s@]+$/.test(v)) return `mailto:${v}`;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(v) ? v : `https://${v}`;
  try {
    const u = new URL(withScheme);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

export function LinkPanel({ editor, onClose }: { editor: Editor; onClose(): void }) {
  const { t } = useI18n();
  const id = useId();
  const current = (editor.getAttributes('link').href as string | undefined) ?? '';
  const [url, setUrl] = useState(current);
  const [error, setError] = useState(false);

  const apply = () => {
    const href = normalizeLinkUrl(url);
    if (!href) return setError(true);
    const chain = editor.chain().focus().extendMarkRange('link');
    // Nothing selected: the address itself becomes the link's text.
    if (editor.state.selection.empty && !editor.isActive('link')) {
      chain.insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] }).run();
    } else {
      chain.setLink({ href }).run();
    }
    onClose();
  };
  const remove = () => {
    editor.chain().focus().extendMarkRange('link').unsetLink().run();
    onClose();
  };

  return (
    <div className="rte-panel" role="group" aria-label={t('rte.link')}>
      <div className="field">
        <label htmlFor={id}>{t('rte.linkUrl')}</label>
        <input
          id={id}
          type="url"
          inputMode="url"
          value={url}
          autoFocus
          placeholder="https://"
          aria-invalid={error || undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => {
            setUrl(e.target.value);
            setError(false);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              apply();
            } else if (e.key === 'Escape') {
              e.preventDefault();
              onClose();
            }
          }}
        />
        {error && (
          <p id={`${id}-error`} className="field-error">
            {t('rte.linkInvalid')}
          </p>
        )}
      </div>
      <div className="row-actions">
        <Button onClick={apply}>{t('rte.linkApply')}</Button>
        {current && (
          <Button variant="secondary" onClick={remove}>
            {t('rte.linkRemove')}
          </Button>
        )}
        <Button variant="ghost" onClick={onClose}>
          {t('authoring.cancel')}
        </Button>
      </div>
    </div>
  );
}
