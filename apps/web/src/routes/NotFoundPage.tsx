import { Link } from 'wouter';
import { useI18n } from '../i18n';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <section className="empty-state">
      <h1>{t('notFound.title')}</h1>
      <Link href="/">{t('notFound.back')}</Link>
    </section>
  );
}
