import { Link, useLocation } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { QueryState } from '../../ui/QueryState';

/** "Firefox on Android"-style summary of a user agent; good enough to recognise one's devices. */
function describeAgent(ua: string | null): string | null {
  if (!ua) return null;
  const browser = /Edg\//.test(ua) ? 'Edge' : /OPR\//.test(ua) ? 'Opera' : /Firefox\//.test(ua) ? 'Firefox' : /Chrom(e|ium)\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : null;
  const os = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Windows/.test(ua) ? 'Windows' : /Mac OS X/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : null;
  if (browser && os) return `${browser} · ${os}`;
  return browser ?? os ?? ua.slice(0, 60);
}

export function SessionsPage() {
  const { t, locale } = useI18n();
  const utils = trpc.useUtils();
  const [, navigate] = useLocation();
  const sessions = trpc.auth.sessions.useQuery();
  const revoke = trpc.auth.revokeSession.useMutation({
    onSuccess: async (res) => {
      if (res.current) {
        await utils.invalidate();
        navigate('/login');
      } else {
        await utils.auth.sessions.invalidate();
      }
    },
  });
  const fmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <section className="stack" aria-labelledby="sessions-title">
      <h1 id="sessions-title">{t('sessions.title')}</h1>
      <p className="muted">{t('sessions.intro')}</p>
      <QueryState query={sessions}>
        {(data) => (
        <ul className="list" data-testid="session-list">
          {data.map((s) => (
            <li key={s.id} className="card row">
              <div>
                <strong>{describeAgent(s.userAgent) ?? t('sessions.unknownDevice')}</strong>{' '}
                {s.current && <span className="badge ok">{t('sessions.current')}</span>}
                <p className="muted small">
                  {s.ipAddress && <>{t('sessions.ip', { ip: s.ipAddress })} · </>}
                  {s.lastUsedAt && <>{t('sessions.lastUsed', { date: fmt.format(new Date(s.lastUsedAt)) })} · </>}
                  {t('sessions.created', { date: fmt.format(new Date(s.createdAt)) })}
                </p>
              </div>
              <button type="button" className="secondary" disabled={revoke.isPending} onClick={() => revoke.mutate({ id: s.id })}>
                {s.current ? t('nav.logout') : t('sessions.revoke')}
              </button>
            </li>
          ))}
          {data.length === 1 && <li className="muted">{t('sessions.empty')}</li>}
        </ul>
        )}
      </QueryState>
      <Link href="/profile">{t('sessions.back')}</Link>
    </section>
  );
}
