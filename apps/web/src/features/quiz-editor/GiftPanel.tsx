// Moodle GIFT: import questions (pasted or from a .gift/.txt file) — all of them or none, each
// problem shown with its line — and export the quiz as a GIFT file.
import { TRPCClientError } from '@trpc/client';
import { useState } from 'react';
import { z } from 'zod';
import { GIFT_MAX_BYTES } from '@mdsc/validators';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { Button, Notice } from '../../ui/components';
import { actionErrorText, FieldShell, Form, SubmitButton, TextAreaField, useZodForm } from '../../ui/form';
import { useToast } from '../../ui/toast';
import { QUIZ_EDITOR_ERRORS } from './errors';

interface Issue {
  line: number;
  message: string;
}

function problemsOf(err: unknown): Issue[] | null {
  if (!(err instanceof TRPCClientError)) return null;
  const data = err.data as { problems?: Issue[] | null } | undefined;
  return Array.isArray(data?.problems) ? data.problems : null;
}

const schema = z.object({ source: z.string().trim().min(1) });

export function GiftPanel({ quizId, courseId }: { quizId: number; courseId: number }) {
  const { t } = useI18n();
  const toast = useToast();
  const utils = trpc.useUtils();
  const importGift = trpc.quizzes.importGift.useMutation();
  const [problems, setProblems] = useState<Issue[]>([]);
  const [notes, setNotes] = useState<Issue[]>([]);
  const [exporting, setExporting] = useState(false);
  const form = useZodForm(schema, {
    ...QUIZ_EDITOR_ERRORS,
    defaultValues: { source: '' },
    onSubmit: async ({ source }) => {
      setProblems([]);
      setNotes([]);
      try {
        const r = await importGift.mutateAsync({ quizId, source });
        setNotes(r.notes);
        await Promise.all([
          utils.quizzes.editor.invalidate({ id: quizId }),
          utils.quizzes.listForCourse.invalidate({ courseId }),
        ]);
        return r.created.length;
      } catch (err) {
        const found = problemsOf(err);
        if (found) setProblems(found);
        throw err;
      }
    },
    success: (count) => t('quizEd.gift.imported', { count }),
    resetOnSuccess: true,
  });

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > GIFT_MAX_BYTES) {
      form.setError('source', { type: 'server', message: t('quizEd.gift.tooBig') });
      return;
    }
    form.setValue('source', await file.text(), { shouldDirty: true });
    form.clearErrors('source');
  };

  const download = async () => {
    setExporting(true);
    try {
      const out = await utils.quizzes.exportGift.fetch({ quizId }, { staleTime: 0 });
      const url = URL.createObjectURL(new Blob([out.gift], { type: 'text/plain;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = out.filename;
      document.body.append(a);
      a.click();
      a.remove();
      URL.revokeObjectURL(url);
      toast.success(t('quizEd.gift.exported', { count: out.questionCount }));
    } catch (err) {
      toast.error(actionErrorText(t, err, QUIZ_EDITOR_ERRORS));
    } finally {
      setExporting(false);
    }
  };

  return (
    <section aria-labelledby="gift-title" className="card stack">
      <h2 id="gift-title">{t('quizEd.gift.title')}</h2>
      <p className="muted small">{t('quizEd.gift.help')}</p>
      <Form form={form} aria-label={t('quizEd.gift.import')} data-testid="gift-import">
        <FieldShell name="giftFile" label={t('quizEd.gift.file')}>
          {(a) => (
            <input {...a} type="file" accept=".gift,.txt,text/plain" onChange={(e) => void readFile(e.target.files?.[0])} />
          )}
        </FieldShell>
        <TextAreaField name="source" label={t('quizEd.gift.source')} rows={8} />
        {problems.length > 0 && (
          <div role="alert" className="callout" data-testid="gift-problems">
            <p>{t('quizEd.gift.refused', { count: problems.length })}</p>
            <ul className="gift-issues">
              {problems.map((p, i) => (
                <li key={i}>
                  <strong>{t('quizEd.gift.line', { line: p.line })}</strong> {p.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        {notes.length > 0 && (
          <Notice>
            {t('quizEd.gift.notes')}{' '}
            {notes.map((n) => `${t('quizEd.gift.line', { line: n.line })} ${n.message}`).join(' · ')}
          </Notice>
        )}
        <div className="form-actions">
          <SubmitButton>{t('quizEd.gift.import')}</SubmitButton>
          <Button variant="secondary" onClick={() => void download()} busy={exporting}>
            {t('quizEd.gift.export')}
          </Button>
        </div>
      </Form>
    </section>
  );
}
