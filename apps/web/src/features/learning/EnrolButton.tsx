// Enrol in a course, or say why one cannot (not signed in, unverified address, deadline, prerequisite).
import type { RouterOutputs } from '@mdsc/api';
import { Link, useLocation } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { BuyButton, usePurchaseInfo } from '../payments/BuyButton';
import { learningErrorKey } from './errors';

type CanEnroll = RouterOutputs['progress']['course']['canEnroll'];

export function EnrolButton(props: {
  courseId: number;
  slug: string;
  canEnroll: CanEnroll;
  prerequisite: { slug: string; title: string } | null;
}) {
  const { t } = useI18n();
  const [location, navigate] = useLocation();
  const utils = trpc.useUtils();
  const enroll = trpc.enrollments.enroll.useMutation({
    onSuccess: async () => {
      await Promise.all([utils.progress.course.invalidate({ slug: props.slug }), utils.enrollments.mine.invalidate()]);
      if (!location.startsWith('/learn/')) navigate(`/learn/${props.slug}`);
    },
  });
  const purchase = usePurchaseInfo(props.courseId);
  const { reason } = props.canEnroll;
  if (reason === 'login_required') {
    return (
      <p className="callout">
        <Link href={`/login?next=${encodeURIComponent(location)}`}>{t('learn.loginToEnrol')}</Link>
      </p>
    );
  }
  if (!props.canEnroll.ok && reason) {
    return (
      <p className="callout" role="status">
        {t(`learn.error.${reason}`)}{' '}
        {reason === 'prerequisite_missing' && props.prerequisite && (
          <Link href={`/learn/${props.prerequisite.slug}`}>{props.prerequisite.title}</Link>
        )}
      </p>
    );
  }
  if (!props.canEnroll.ok) return null;
  // A priced course is bought; the payment enrols.
  if (purchase.data && purchase.data.price > 0) return <BuyButton courseId={props.courseId} />;
  return (
    <div className="form-actions">
      <button type="button" onClick={() => enroll.mutate({ courseId: props.courseId })} disabled={enroll.isPending} data-testid="enrol">
        {enroll.isPending ? t('common.loading') : t('learn.enrol')}
      </button>
      {enroll.isError && (
        <p role="alert" className="form-error">
          {t(learningErrorKey(enroll.error))}
        </p>
      )}
    </div>
  );
}
