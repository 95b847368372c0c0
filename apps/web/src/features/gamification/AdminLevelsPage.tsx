// Admin: the 12 level names in French and English (the XP thresholds stay in code). Each row opens
// a side form checked with the API's own schema; an emptied English name shows the French one.
import type { RouterOutputs } from '@mdsc/api';
import { levelRenameInput } from '@mdsc/validators';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { AdminListPage, useEditor } from '../../ui/admin/AdminListPage';
import { Button } from '../../ui';
import { Form, FormActions, TextField, useZodForm } from '../../ui/form';
import { formatNumber } from './format';
import './gamification.css';

type Item = RouterOutputs['levels']['list'][number];

const schema = levelRenameInput.omit({ level: true });

function LevelForm({ level, onDone }: { level: Item; onDone(): void }) {
  const { t } = useI18n();
  const utils = trpc.useUtils();
  const update = trpc.levels.update.useMutation();
  const form = useZodForm(schema, {
    defaultValues: { name: level.name, nameEn: level.nameEn ?? '' },
    onSubmit: async (v) => {
      const saved = await update.mutateAsync({ ...v, level: level.level });
      // Every view that names a level: the admin list, the XP bar, the dashboard, the leaderboard.
      await Promise.all([utils.levels.list.invalidate(), utils.gamification.invalidate(), utils.dashboard.learner.invalidate()]);
      onDone();
      return saved;
    },
    success: t('levels.admin.saved'),
  });
  return (
    <Form form={form} data-testid="level-form">
      <TextField name="name" label={t('levels.admin.name')} hint={t('levels.admin.default', { name: level.defaultName })} required maxLength={100} />
      <TextField name="nameEn" label={t('levels.admin.nameEn')} hint={t('admin.englishHint')} maxLength={100} />
      <FormActions save={t('gam.admin.save')} onCancel={onDone} />
    </Form>
  );
}

export function AdminLevelsPage() {
  const { t, locale } = useI18n();
  const editor = useEditor<Item>();
  // Twelve levels, fixed: renamed from their row, never created nor deleted.
  return (
    <AdminListPage<Item>
      texts="levels.admin"
      testId="admin-levels"
      query={trpc.levels.list.useQuery()}
      itemName={(l) => t('gam.level', { level: l.level, name: l.name })}
      itemProps={(l) => ({ 'data-level-number': String(l.level) })}
      lead={(l) => (
        <span className="level-number" aria-hidden="true">
          {l.level}
        </span>
      )}
      details={(l) => (
        <p className="small muted">
          <span lang="en">{l.nameEn ?? t('levels.admin.noEnglish')}</span> · {t('levels.admin.from', { xp: formatNumber(l.minXp, locale) })}
        </p>
      )}
      editor={editor}
      opens="actions"
      actions={(l) => (
        <Button variant="secondary" onClick={() => editor.edit(l)}>
          {t('admin.list.edit')}
        </Button>
      )}
      renderForm={(l, close) => l && <LevelForm level={l} onDone={close} />}
    />
  );
}
