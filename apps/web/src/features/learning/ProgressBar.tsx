import { useI18n } from '../../i18n';

export function ProgressBar({ value }: { value: number }) {
  const { t, locale } = useI18n();
  const pct = Math.max(0, Math.min(100, value));
  const label = t('learn.progress', { value: new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.floor(pct)) });
  return (
    <div>
      <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.floor(pct)} aria-label={label}>
        <span style={{ width: `${pct}%` }} />
      </div>
      <p className="muted small">{label}</p>
    </div>
  );
}
