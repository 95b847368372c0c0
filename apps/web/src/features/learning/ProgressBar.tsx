import { useI18n } from '../../i18n';
import { formatNumber } from '../../i18n/format';

export function ProgressBar({ value }: { value: number }) {
  const { t, locale } = useI18n();
  const pct = Math.max(0, Math.min(100, value));
  const label = t('learn.progress', { value: formatNumber(Math.floor(pct), locale, 0) });
  return (
    <div>
      <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.floor(pct)} aria-label={label}>
        <span style={{ width: `${pct}%` }} />
      </div>
      <p className="muted small">{label}</p>
    </div>
  );
}
