// An H5P activity played by h5p-standalone from our own storage. The player's assets are copied
// from node_modules into the build (vite.config.ts, /h5p-player/); the activity's xAPI statements
// (completed, answered with a completion) go to the server, which records the score and completes
// the lesson.
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
interface H5pGlobal {
  externalDispatcher?: { on(event: string, fn: (e: { data: { statement: XapiStatement } }) => void): void };
}

const VERBS = ['completed', 'answered', 'passed', 'failed'] as const;

export function H5pPlayer({ launch, onResult }: { launch: Launch; onResult(r: CommitResult): void }) {
  const { t } = useI18n();
  const anchor = useRef<HTMLDivElement>(null);
  const statement = trpc.packages.h5pStatement.useMutation();
  const sendRef = useRef(statement.mutateAsync);
  sendRef.current = statement.mutateAsync;
  const resultRef = useRef(onResult);
  resultRef.current = onResult;
  const [failed, setFailed] = useState<string | null>(null);
  const record = launch.mode === 'normal';

  useEffect(() => {
    const el = anchor.current;
    if (!el) return;
    let cancelled = false;
    el.replaceChildren();
    void import('h5p-standalone')
      .then(async ({ H5P }) => {
        const base = launch.package.baseUrl.replace(/\/$/, '');
        await new H5P(el, {
          id: `lesson-${launch.package.lessonId}`,
          h5pJsonPath: base,
          frameJs: '/h5p-player/frame.bundle.js',
          frameCss: '/h5p-player/styles/h5p.css',
          frame: false,
          icon: false,
          fullScreen: false,
          user: { name: launch.learner.name, mail: `learner-${launch.learner.id}@mdsc.invalid` },
        });
        if (cancelled) return;
        const g = (window as unknown as { H5P?: H5pGlobal }).H5P;
        g?.externalDispatcher?.on('xAPI', (event) => {
          const s = event.data.statement;
          const verb = s.verb?.id?.split('/').pop();
          // Statements of sub-content (a question inside a quiz) carry a parent: the activity's own count.
          if (
            !record ||
            !verb ||
            !(VERBS as readonly string[]).includes(verb) ||
            s.context?.contextActivities?.parent
          )
            return;
          const r = s.result;
          sendRef
            .current({
              lessonId: launch.package.lessonId,
              verb: verb as (typeof VERBS)[number],
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
        });
      })
      .catch(() => !cancelled && setFailed(t('pkg.loadFailed')));
    return () => {
      cancelled = true;
    };
  }, [launch, record, t]);

  return (
    <div className="package-player" data-testid="h5p-player">
      {launch.mode === 'preview' && <p className="notice small">{t('pkg.preview')}</p>}
      <div ref={anchor} className="h5p-anchor" />
      {failed && (
        <p role="alert" className="form-error">
          {failed}
        </p>
      )}
    </div>
  );
}
