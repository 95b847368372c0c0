import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { QueryState } from '../../ui/QueryState';

export function CategoryList() {
  const { t } = useI18n();
  const categories = trpc.categories.list.useQuery();
  return (
    <section aria-labelledby="categories-title">
      <h2 id="categories-title">{t('categories.title')}</h2>
      <QueryState
        query={categories}
        isEmpty={(d) => d.length === 0}
        empty={t('categories.empty')}
        skeleton={
          <ul className="category-grid" aria-busy="true" aria-label={t('common.loading')}>
            {Array.from({ length: 6 }, (_, i) => (
              <li key={i} className="category-card skeleton" />
            ))}
          </ul>
        }
      >
        {(data) => (
        <ul className="category-grid" data-testid="category-list">
          {data.map((c) => (
            <li key={c.id} className="category-card" style={{ borderTopColor: c.color ?? 'var(--accent)' }}>
              <h3>{c.name}</h3>
              {c.description && <p>{c.description}</p>}
              <p className="muted">{t('categories.courses', { count: c.courseCount })}</p>
            </li>
          ))}
        </ul>
        )}
      </QueryState>
    </section>
  );
}
