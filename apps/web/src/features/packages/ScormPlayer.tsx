// A SCORM 1.2 or 2004 package in a sandboxed iframe from our origin. scorm-again provides the LMS
// API on this window (window.API / window.API_1484_11), where the SCO looks for it; it starts with
// the learner's stored CMI data so that the SCO resumes (location, suspend data), and each commit
// sends the CMI values we keep to the server, which judges completion.
import type { RouterOutputs } from '@mdsc/api';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';

type Launch = RouterOutputs['packages']['launch'];
type CommitResult = RouterOutputs['packages']['commit'];

interface ScormWindow {
  API?: unknown;
  API_1484_11?: unknown;
}

const PERCENT_1_2 = (s: string) => (s === '' ? null : s);

/** SCORM 1.2 CMI from a stored attempt (scorm-again's loadFromJSON shape). */
function cmi12(l: Launch) {
  const a = l.attempt;
  return {
    core: {
      student_id: l.learner.id,
      student_name: l.learner.name,
      lesson_location: a.location ?? '',
      lesson_status: a.lessonStatus ?? 'not attempted',
      entry: a.suspendData || a.location ? 'resume' : 'ab-initio',
      score: {
        raw: a.scoreRaw === null ? '' : String(a.scoreRaw),
        max: a.scoreMax === null ? '' : String(a.scoreMax),
      },
    },
    suspend_data: a.suspendData ?? '',
  };
}

function cmi2004(l: Launch) {
  const a = l.attempt;
  return {
    learner_id: l.learner.id,
    learner_name: l.learner.name,
    location: a.location ?? '',
    completion_status: a.completionStatus ?? 'unknown',
    success_status: a.successStatus ?? 'unknown',
    entry: a.suspendData || a.location ? 'resume' : 'ab-initio',
    suspend_data: a.suspendData ?? '',
    score: {
      raw: a.scoreRaw === null ? '' : String(a.scoreRaw),
      max: a.scoreMax === null ? '' : String(a.scoreMax),
    },
  };
}

export function ScormPlayer({ launch, onResult }: { launch: Launch; onResult(r: CommitResult): void }) {
  const { t } = useI18n();
  const commit = trpc.packages.commit.useMutation();
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  const commitRef = useRef(commit.mutateAsync);
  commitRef.current = commit.mutateAsync;
  const resultRef = useRef(onResult);
  resultRef.current = onResult;
  const v12 = launch.package.kind === 'scorm12';
  const record = launch.mode === 'normal';

  useEffect(() => {
    let cancelled = false;
    const w = window as unknown as ScormWindow;
    void import('scorm-again').then(({ Scorm12API, Scorm2004API }) => {
      if (cancelled) return;
      const settings = {
        autocommit: false,
        logLevel: 5 as const,
        lmsCommitUrl: false,
        selfReportSessionTime: false,
      };
      // Reads the CMI values we keep from the API's own model after the SCO committed.
      const send = () => {
        if (!record) return;
        const api = w.API ?? w.API_1484_11;
        if (!api) return;
        const get = (el: string) => (api as { getCMIValue(el: string): string }).getCMIValue(el);
        const totalTime = v12
          ? (api as { cmi: { getCurrentTotalTime(): string } }).cmi.getCurrentTotalTime()
          : undefined;
        const cmi = v12
          ? {
              suspendData: get('cmi.suspend_data'),
              location: get('cmi.core.lesson_location'),
              lessonStatus: get('cmi.core.lesson_status') as never,
              scoreRaw: PERCENT_1_2(get('cmi.core.score.raw')),
              scoreMax: PERCENT_1_2(get('cmi.core.score.max')),
              totalTime,
            }
          : {
              suspendData: get('cmi.suspend_data'),
              location: get('cmi.location'),
              completionStatus: get('cmi.completion_status') as never,
              successStatus: get('cmi.success_status') as never,
              scoreRaw: PERCENT_1_2(get('cmi.score.raw')),
              scoreMax: PERCENT_1_2(get('cmi.score.max')),
            };
        commitRef
          .current({ lessonId: launch.package.lessonId, attempt: launch.attempt.attempt, cmi })
          .then((r) => resultRef.current(r))
          .catch(() => setFailed(true));
      };
      if (v12) {
        const api = new Scorm12API(settings);
        api.loadFromJSON(cmi12(launch) as never, '');
        api.on('LMSCommit', send);
        api.on('LMSFinish', send);
        w.API = api;
      } else {
        const api = new Scorm2004API(settings);
        api.loadFromJSON(cmi2004(launch) as never, '');
        api.on('Commit', send);
        api.on('Terminate', send);
        w.API_1484_11 = api;
      }
      setReady(true);
    });
    return () => {
      cancelled = true;
      delete w.API;
      delete w.API_1484_11;
    };
    // One API per launch (a new attempt or package is a new launch).
  }, [launch, record, v12]);

  return (
    <div className="package-player" data-testid="scorm-player">
      {launch.mode === 'preview' && <p className="notice small">{t('pkg.preview')}</p>}
      {ready && (
        <iframe
          className="package-frame"
          src={launch.package.launchUrl}
          title={launch.package.title ?? t('pkg.scormTitle')}
          sandbox="allow-scripts allow-same-origin"
          data-testid="package-frame"
        />
      )}
      {failed && (
        <p role="alert" className="form-error">
          {t('pkg.commitFailed')}
        </p>
      )}
    </div>
  );
}
