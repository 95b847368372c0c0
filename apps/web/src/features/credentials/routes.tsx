// Verifiable credential pages (public), each its own lazily loaded chunk.
import { lazy, Suspense, type ComponentType } from 'react';
import { useI18n } from '../../i18n';

function Loading() {
  const { t } = useI18n();
  return <p aria-busy="true">{t('common.loading')}</p>;
}

function page(load: () => Promise<ComponentType>) {
  const Page = lazy(async () => ({ default: await load() }));
  return function Route() {
    return (
      <Suspense fallback={<Loading />}>
        <Page />
      </Suspense>
    );
  };
}

/** Code, JSON, JWT or baked PNG. */
export const VerifyCredentialRoute = page(() =>
  import('./VerifyCredentialPage').then((m) => m.VerifyCredentialPage),
);
/** A credential's id is this page's address. */
export const CredentialShareRoute = page(() =>
  import('./CredentialSharePage').then((m) => m.CredentialSharePage),
);
