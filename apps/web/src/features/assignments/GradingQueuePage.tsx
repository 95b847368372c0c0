// The instructor's grading queue for one course: filters (to grade, late, graded, returned, all),
// each submission with its text and file, and the grading form (score and feedback, or return for
// rework); all the course's submissions as one ZIP.
import type { RouterOutputs } from '@mdsc/api';
import { GRADING_QUEUE_FILTERS, type GradingQueueFilter } from '@mdsc/validators';
import { useRef, useState } from 'react';
import { Link, useParams } from 'wouter';
import { z } from 'zod';
import { useI18n } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { trpc } from '../../lib/trpc';
import { Badge, Button } from '../../ui/components';
import { QueryState } from '../../ui/QueryState';
import { Form, NumberField, TextAreaField, useZodForm } from '../../ui/form';
import './assignments.css';

type Item = RouterOutputs['assignments']['queue']['items'][number];
const PAGE = 20;

export function GradingQueuePage() {
  const { t } = useI18n();
  const { id } = useParams<{ id: string }>();
  const courseId = Number(id);
  const [filter, setFilter] = useState<GradingQueueFilter>('to_grade');
  const [limit, setLimit] = useState(PAGE);
  const [open, setOpen] = useState<number | null>(null);
  const queue = trpc.assignments.queue.useQuery(
    { courseId, filter, limit, offset: 0 },
    { enabled: Number.isInteger(courseId) && courseId > 0, retry: false, placeholderData: (prev) => prev },
  );
  return (
    <div className="stack grading">
      <p>
        <Link href={`/instructor/courses/${courseId}`}>← {t('asg.queue.back')}</Link>
      </p>
      <h1>{t('asg.queue.title')}</h1>
      <p>
        <a
          className="zip-link"
          href={`/api/courses/${courseId}/assignment-submissions.zip`}
          download
          data-testid="assignment-zip"
        >
          {t('asg.queue.zip')}
        </a>
      </p>
      <div className="grading-filters" role="group" aria-label={t('asg.queue.filters')}>
        {GRADING_QUEUE_FILTERS.map((f) => (
          <Button
            key={f}
            variant={f === filter ? 'primary' : 'secondary'}
            aria-pressed={f === filter}
            onClick={() => {
              setFilter(f);
              setLimit(PAGE);
              setOpen(null);
            }}
            data-testid={`grading-filter-${f}`}
          >
            {t(`asg.queue.filter.${f}`)}
          </Button>
        ))}
      </div>
      <QueryState query={queue} isEmpty={(d) => d.items.length === 0} empty={t('asg.queue.empty')}>
        {(data) => (
          <>
            <p className="muted small" role="status">
              {t('asg.queue.count', { count: data.total })}
            </p>
            <ul className="grading-list stack" data-testid="grading-list">
              {data.items.map((item) => (
                <li key={item.id} className="card stack" data-testid="grading-item">
                  <QueueRow
                    item={item}
                    open={open === item.id}
                    onToggle={() => setOpen(open === item.id ? null : item.id)}
                  />
                  {open === item.id && (
                    <GradeForm
                      item={item}
                      onDone={() => {
                        setOpen(null);
                        void queue.refetch();
                      }}
                    />
                  )}
                </li>
              ))}
            </ul>
            {data.nextOffset !== null && (
              <Button variant="secondary" onClick={() => setLimit(limit + PAGE)}>
                {t('asg.queue.more')}
              </Button>
            )}
          </>
        )}
      </QueryState>
    </div>
  );
}

function QueueRow({ item, open, onToggle }: { item: Item; open: boolean; onToggle(): void }) {
  const { t } = useI18n();
  const f = useFormat();
  return (
    <div className="stack">
      <div className="grading-head">
        <h2 className="grading-name">
          {item.learner.firstName} {item.learner.lastName}
        </h2>
        <Badge tone={item.status === 'graded' ? 'ok' : item.status === 'returned' ? 'warn' : 'info'}>
          {t(`asg.status.${item.status}`)}
        </Badge>
        {item.isLate && <Badge tone="warn">{t('asg.lateBadge')}</Badge>}
      </div>
      <p className="small muted">
        {item.lessonTitle} · {t('asg.attempt', { n: item.attempt })} ·{' '}
        {t('asg.submittedAt', { date: f.dateTime(item.submittedAt) })}
      </p>
      {item.grade?.outcome === 'graded' && item.grade.score !== null && (
        <p className="small">{t('asg.grade', { score: item.grade.score, points: item.points })}</p>
      )}
      <p>
        <Button variant={open ? 'secondary' : undefined} onClick={onToggle} data-testid="grading-open">
          {open ? t('asg.queue.close') : t('asg.queue.grade')}
        </Button>
      </p>
    </div>
  );
}

function GradeForm({ item, onDone }: { item: Item; onDone(): void }) {
  const { t } = useI18n();
  const grade = trpc.assignments.grade.useMutation();
  const giveBack = trpc.assignments.returnForResubmission.useMutation();
  // Which button submitted: read when the form validates and submits (a ref, not state, so the
  // click and the submit see the same value).
  const actionRef = useRef<'grade' | 'return'>('grade');
  const [action, setAction] = useState<'grade' | 'return'>('grade');
  const choose = (a: 'grade' | 'return') => {
    actionRef.current = a;
    setAction(a);
  };
  const schema = z
    .object({ score: z.number().int().min(0).nullable(), feedback: z.string().max(5000) })
    .superRefine((v, ctx) => {
      const action = actionRef.current;
      if (action === 'grade' && v.score === null)
        ctx.addIssue({ code: 'custom', path: ['score'], message: t('asg.form.needScore') });
      if (action === 'grade' && v.score !== null && v.score > item.points) {
        ctx.addIssue({
          code: 'custom',
          path: ['score'],
          message: t('asg.form.scoreTooHigh', { points: item.points }),
        });
      }
      if (action === 'return' && !v.feedback.trim()) {
        ctx.addIssue({ code: 'custom', path: ['feedback'], message: t('asg.form.needFeedback') });
      }
    });
  const form = useZodForm(schema, {
    defaultValues: { score: item.grade?.score ?? null, feedback: item.grade?.feedback ?? '' },
    onSubmit: async (v) => {
      const action = actionRef.current;
      if (action === 'return') await giveBack.mutateAsync({ submissionId: item.id, feedback: v.feedback });
      else
        await grade.mutateAsync({
          submissionId: item.id,
          score: v.score ?? 0,
          feedback: v.feedback.trim() || null,
        });
      onDone();
      return action;
    },
    success: (a) => (a === 'return' ? t('asg.form.returned') : t('asg.form.graded')),
  });
  const busy = form.formState.isSubmitting;
  return (
    <div className="stack grading-work">
      {item.text ? (
        <p className="asg-text">{item.text}</p>
      ) : (
        <p className="muted small">{t('asg.queue.noText')}</p>
      )}
      {item.file && (
        <p>
          <a href={item.file.url} download={item.file.originalFilename} data-testid="grading-file">
            {t('asg.download', { name: item.file.originalFilename })}
          </a>
        </p>
      )}
      <Form form={form} aria-label={t('asg.queue.grade')} data-testid="grading-form">
        <NumberField
          name="score"
          min={0}
          max={item.points}
          label={t('asg.form.score', { points: item.points })}
          testId="grading-score"
        />
        <TextAreaField name="feedback" label={t('asg.form.feedback')} rows={4} testId="grading-feedback" />
        <div className="form-actions">
          <Button
            type="submit"
            busy={busy && action === 'grade'}
            disabled={busy}
            onClick={() => choose('grade')}
            data-testid="grading-save"
          >
            {t('asg.form.saveGrade')}
          </Button>
          {item.status === 'submitted' && (
            <Button
              type="submit"
              variant="secondary"
              busy={busy && action === 'return'}
              disabled={busy}
              onClick={() => choose('return')}
              data-testid="grading-return"
            >
              {t('asg.form.return')}
            </Button>
          )}
        </div>
      </Form>
    </div>
  );
}
