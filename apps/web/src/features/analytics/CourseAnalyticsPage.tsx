// One course's dashboard (its instructor or an admin): headline numbers, enrolments over time,
// the lesson funnel, quizzes and the hardest questions; CSV download; broadcast to its students.
import type { AnalyticsGranularity } from '@mdsc/validators';
import { useState } from 'react';
import { Link, useParams } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { QueryState } from '../../ui/QueryState';
import { Bar, ColumnChart } from './charts';
import { fmtDay, fmtDuration, fmtNumber, fmtPercent } from './format';
import './analytics.css';

const PERIODS: { key: string; days: number; granularity: AnalyticsGranularity }[] = [
  { key: '30', days: 30, granularity: 'day' },
  { key: '90', days: 90, granularity: 'day' },
  { key: '365', days: 364, granularity: 'week' },
];

export function CourseAnalyticsPage() {
  const { t, locale } = useI18n();
  const courseId = Number(useParams<{ id: string }>().id);
  const [period, setPeriod] = useState(PERIODS[0]);
  const q = trpc.analytics.course.useQuery(
    { courseId, days: period.days, granularity: period.granularity },
    { enabled: Number.isInteger(courseId) && courseId > 0, placeholderData: (prev) => prev },
  );

  if (!q.data) {
    return (
      <QueryState
        query={q}
        lines={8}
        errorText={(err) => {
          const code = (err as { data?: { code?: string } } | null)?.data?.code;
          return code === 'FORBIDDEN' ? t('analytics.forbidden') : code === 'NOT_FOUND' ? t('analytics.notFound') : undefined;
        }}
      />
    );
  }
  const a = q.data;
  const s = a.summary;
  const n = (v: number) => fmtNumber(v, locale);
  const pct = (v: number) => fmtPercent(v, locale);
  const csv = `/api/analytics/${courseId}.csv?days=${period.days}&granularity=${period.granularity}&locale=${locale}`;
  const maxFunnel = Math.max(1, s.enrolments);

  return (
    <div className="stack">
      <Link href="/analytics">← {t('analytics.title')}</Link>
      <div className="row">
        <h1>{a.course.title}</h1>
        <div className="row-actions">
          <a className="button-link" href={csv} download>
            {t('analytics.csv')}
          </a>
          <Link href={`/messages/new?course=${courseId}`}>{t('analytics.broadcast')}</Link>
        </div>
      </div>

      <dl className="stat-grid" data-testid="course-stats">
        <Stat label={t('analytics.enrolments')} value={n(s.enrolments)} />
        <Stat label={t('analytics.completionRate')} value={pct(s.completionRate)} />
        <Stat label={t('analytics.averageProgress')} value={pct(s.averageProgress / 100)} />
        <Stat label={t('analytics.active7')} value={n(s.activeLearners7d)} />
        <Stat label={t('analytics.active30')} value={n(s.activeLearners30d)} />
        <Stat
          label={t('analytics.timePerLearner')}
          value={fmtDuration(s.averageTimePerLearnerSeconds, locale)}
        />
      </dl>

      <section className="stack">
        <div className="period" role="group" aria-label={t('analytics.period')}>
          {PERIODS.map((p) => (
            <button
              key={p.key}
              type="button"
              aria-pressed={p.key === period.key}
              onClick={() => setPeriod(p)}
            >
              {t(`analytics.period.${p.key}` as 'analytics.period.30')}
            </button>
          ))}
        </div>
        <ColumnChart
          points={a.enrolments.points}
          caption={t(a.enrolments.granularity === 'week' ? 'analytics.perWeek' : 'analytics.perDay')}
          formatDate={(d) => fmtDay(d, locale)}
          formatValue={n}
        />
      </section>

      <section className="chart" aria-labelledby="funnel-title">
        <h2 id="funnel-title" className="h3">
          {t('analytics.funnel')}
        </h2>
        <p className="muted small">{t('analytics.funnelHint')}</p>
        {a.funnel.length === 0 ? (
          <p className="muted">{t('analytics.noLessons')}</p>
        ) : (
          <ol className="bar-list">
            {a.funnel.map((f) => (
              <li key={f.lessonId}>
                <div className="row">
                  <span className="bar-label">
                    {f.position}. {f.title}
                    {f.moduleTitle && <span className="muted small"> · {f.moduleTitle}</span>}
                  </span>
                  <span className="bar-value">
                    {t('analytics.funnelRow', {
                      completed: n(f.completed),
                      rate: pct(f.completionRate),
                      drop: n(Math.max(0, f.dropOff)),
                    })}
                  </span>
                </div>
                <Bar value={f.completed} max={maxFunnel} />
                <span className="muted small">
                  {t('analytics.startedTime', {
                    started: f.started,
                    time: fmtDuration(f.averageTimeSeconds, locale),
                  })}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="chart" aria-labelledby="quiz-title">
        <h2 id="quiz-title" className="h3">
          {t('analytics.quizzes')}
        </h2>
        {a.quizzes.length === 0 ? (
          <p className="muted">{t('analytics.noQuizzes')}</p>
        ) : (
          // Focusable so that keyboard users can scroll the table sideways on a phone.
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('analytics.quizzes')}>
            <table className="data-table">
              <thead>
                <tr>
                  <th>{t('analytics.quiz')}</th>
                  <th className="num">{t('analytics.attempts')}</th>
                  <th className="num">{t('analytics.passRate')}</th>
                  <th className="num">{t('analytics.studentsPassed')}</th>
                  <th className="num">{t('analytics.averageScore')}</th>
                </tr>
              </thead>
              <tbody>
                {a.quizzes.map((qz) => (
                  <tr key={qz.quizId}>
                    <td>
                      {qz.title} {qz.isFinal && <span className="badge">{t('analytics.final')}</span>}
                    </td>
                    <td className="num">{n(qz.attempts)}</td>
                    <td className="num">{pct(qz.passRate)}</td>
                    <td className="num">
                      {n(qz.studentsPassed)} / {n(qz.students)}
                    </td>
                    <td className="num">{pct(qz.averageScore / 100)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3 className="h3">{t('analytics.hardest')}</h3>
        {a.hardestQuestions.length === 0 ? (
          <p className="muted">{t('analytics.noHardest')}</p>
        ) : (
          <ol className="bar-list">
            {a.hardestQuestions.map((hq) => (
              <li key={hq.questionId}>
                <div className="row">
                  <span className="bar-label">{hq.text}</span>
                  <span className="bar-value">
                    {t('analytics.failRow', {
                      rate: pct(hq.failRate),
                      failed: n(hq.failed),
                      answered: n(hq.answered),
                    })}
                  </span>
                </div>
                <Bar value={hq.failRate} max={1} tone="warn" />
                <span className="muted small">{hq.quizTitle}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
      <p className="muted small">
        {t('analytics.generated', { time: new Date(a.generatedAt).toLocaleString(locale) })}
      </p>
    </div>
  );
}

export function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
