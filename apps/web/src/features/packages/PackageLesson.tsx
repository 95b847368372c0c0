// The learner's view of a SCORM or H5P lesson: launches the package and reports when the server
// says the activity completed the lesson.
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { QueryState } from '../../ui/QueryState';
import { H5pPlayer } from './H5pPlayer';
import { ScormPlayer } from './ScormPlayer';
import './packages.css';

export function PackageLesson({ lessonId, onCompleted }: { lessonId: number; onCompleted(): void }) {
  const { t } = useI18n();
  const launch = trpc.packages.launch.useQuery(
    { lessonId },
    { staleTime: Infinity, refetchOnWindowFocus: false },
  );
  const onResult = (r: { completedNow: boolean }) => {
    if (r.completedNow) onCompleted();
  };
  return (
    <QueryState
      query={launch}
      // No package uploaded yet (or the lesson withdrawn): say so rather than a generic error.
      errorText={(e) =>
        (e as { data?: { code?: string } }).data?.code === 'NOT_FOUND' ? t('pkg.unavailable') : undefined
      }
    >
      {(l) =>
        l.package.kind === 'h5p' ? (
          <H5pPlayer launch={l} onResult={onResult} />
        ) : (
          <ScormPlayer launch={l} onResult={onResult} />
        )
      }
    </QueryState>
  );
}
