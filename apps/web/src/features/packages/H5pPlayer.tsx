// An H5P activity played by h5p-standalone from our own storage, inside a sandboxed iframe: the
// player page (/api/h5p-player.html, served with the packages' CSP because h5p-standalone writes
// inline scripts) loads the player assets that Vite copies from node_modules (/h5p-player/, no
// CDN) and posts the activity's xAPI statements here; completed / answered ones go to the server,
// which records the score and completes the lesson.
import type { RouterOutputs } from '@mdsc/api';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';

type Launch = RouterOutputs['packages']['launch'];
type CommitResult = RouterOutputs['packages']['h5pStatement'];

interface XapiStatement {
  verb?: { id?: string };
  result?: { completion?: boolean; success?: boolean; score?: { raw?: number; max?: number } };
  context?: { contextActivities?: { parent?: unknown[] } };
}
interface PlayerMessage {
  type?: string;
  event?: 'ready' | 'xapi' | 'error';
  statement?: XapiStatement;
}

const VERBS = ['completed', 'answered', 'passed', 'failed'] as const;
type Verb = (typeof VERBS)[number];

export function H5pPlayer({ launch, onResult }: { launch: Launch; onResult(r: CommitResult): void }) {
  const { t } = useI18n();
  const frame = useRef<HTMLIFrameElement>(null);
  const statement = trpc.packages.h5pStatement.useMutation();
  const sendRef = useRef(statement.mutateAsync);
  sendRef.current = statement.mutateAsync;
  const resultRef = useRef(onResult);
  resultRef.current = onResult;
  const [failed, setFailed] = useState<string | null>(null);
  const record = launch.mode === 'normal';
  const lessonId = launch.package.lessonId;

  useEffect(() => {
    const onMessage = (e: MessageEvent<PlayerMessage>) => {
      // Only our own player page, in our own frame.
      if (e.origin !== window.location.origin || e.source !== frame.current?.contentWindow) return;
      const m = e.data;
      if (m?.type !== 'mdsc-h5p') return;
      if (m.event === 'error') setFailed(t('pkg.loadFailed'));
      if (m.event !== 'xapi' || !record || !m.statement) return;
      const s = m.statement;
      const verb = s.verb?.id?.split('/').pop();
      // Statements of sub-content (a question inside a quiz) carry a parent: only the activity's own count.
      if (!verb || !(VERBS as readonly string[]).includes(verb) || s.context?.contextActivities?.parent)
        return;
      const r = s.result;
      sendRef
        .current({
          lessonId,
          verb: verb as Verb,
          result: r
            ? {
                completion: r.completion ?? null,
                success: r.success ?? null,
                score: r.score ? { raw: r.score.raw ?? null, max: r.score.max ?? null } : null,
              }
            : null,
        })
        .then((res) => resultRef.current(res))
        .catch(() => setFailed(t('pkg.commitFailed')));
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [lessonId, record, t]);

  const hash = new URLSearchParams({
    base: launch.package.baseUrl.replace(/\/$/, ''),
    id: `lesson-${lessonId}`,
    name: launch.learner.name,
    learner: launch.learner.id,
  });
  return (
    <div className="package-player" data-testid="h5p-player">
      {launch.mode === 'preview' && <p className="notice small">{t('pkg.preview')}</p>}
      <iframe
        ref={frame}
        className="package-frame"
        src={`/api/h5p-player.html#${hash}`}
        title={launch.package.title ?? t('pkg.h5pTitle')}
        sandbox="allow-scripts allow-same-origin"
        data-testid="package-frame"
      />
      {failed && (
        <p role="alert" className="form-error">
          {failed}
        </p>
      )}
    </div>
  );
}
