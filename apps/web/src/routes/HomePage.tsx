import { CategoryList } from '../features/catalog/CategoryList';
import { useI18n } from '../i18n';

export function HomePage() {
  const { t } = useI18n();
  return (
    <>
      <section className="hero">
        <h1>{t('app.name')}</h1>
        <p>{t('app.tagline')}</p>
      </section>
      <CategoryList />
    </>
  );
}
