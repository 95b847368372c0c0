// The admin's platform view: users by role and country, active learners, courses, certificates.
import { Link } from 'wouter';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/fr';
import { trpc } from '../../lib/trpc';
import { QueryState } from '../../ui/QueryState';
import { BarList } from './charts';
import { Stat } from './CourseAnalyticsPage';
import { fmtNumber } from './format';
import './analytics.css';

export function AdminDashboardPage() {
  const { t, locale } = useI18n();
  const q = trpc.analytics.platform.useQuery();
  if (!q.data) return <QueryState query={q} lines={8} />;
  const p = q.data;
  const n = (v: number) => fmtNumber(v, locale);
  return (
    <div className="stack">
      <div className="row">
        <h1>{t('analytics.platform')}</h1>
        <div className="row-actions">
          <Link href="/analytics">{t('analytics.allCourses')}</Link>
          <Link href="/messages/new">{t('analytics.broadcastAll')}</Link>
        </div>
      </div>
      <dl className="stat-grid" data-testid="platform-stats">
        <Stat label={t('analytics.users')} value={n(p.users.total)} />
        <Stat label={t('analytics.newUsers')} value={n(p.users.newLast30d)} />
        <Stat label={t('analytics.active7')} value={n(p.activeLearners7d)} />
        <Stat label={t('analytics.active30')} value={n(p.activeLearners30d)} />
        <Stat
          label={t('analytics.courses')}
          value={t('analytics.published', { published: p.courses.published, total: n(p.courses.total) })}
        />
        <Stat label={t('analytics.enrolments')} value={n(p.enrolments.total)} />
        <Stat label={t('analytics.certificates')} value={n(p.certificates.issued)} />
        <Stat label={t('analytics.certificates30')} value={n(p.certificates.issuedLast30d)} />
      </dl>
      <BarList
        caption={t('analytics.byRole')}
        items={p.users.byRole.map((r) => ({
          label: t(`role.${r.role}` as MessageKey),
          value: r.count,
          detail: n(r.count),
        }))}
      />
      <BarList
        caption={t('analytics.byCountry')}
        items={p.users.byCountry.slice(0, 12).map((c) => ({
          label: c.country ?? t('analytics.unknownCountry'),
          value: c.count,
          detail: n(c.count),
        }))}
      />
      <BarList
        caption={t('analytics.topCourses')}
        items={p.topCourses.map((c) => ({ label: c.title, value: c.enrolments, detail: n(c.enrolments) }))}
      />
    </div>
  );
}
