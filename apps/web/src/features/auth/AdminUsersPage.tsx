import { ROLES, USER_STATUSES, type Role, type UserStatus } from '@mdsc/validators';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { useToast } from '../../ui/toast';
import { reasonText } from './form';
import { useAuth } from './useAuth';

/** Admin: find users, change their role, deactivate (sessions closed at once) or reactivate them. */
export function AdminUsersPage() {
  const { t } = useI18n();
  const toast = useToast();
  const { user: me } = useAuth();
  const utils = trpc.useUtils();
  const [searchInput, setSearchInput] = useState('');
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [status, setStatus] = useState<UserStatus | ''>('');
  const [actionError, setActionError] = useState<string | null>(null);

  // Query after a pause in typing, not on every key (slow connections).
  useEffect(() => {
    const id = setTimeout(() => setSearch(searchInput.trim()), 300);
    return () => clearTimeout(id);
  }, [searchInput]);

  const filters = { search: search || undefined, role: role || undefined, status: status || undefined, limit: 20 };
  const list = trpc.users.list.useInfiniteQuery(filters, { getNextPageParam: (last) => last.nextCursor });
  const onError = (err: { message: string }) => setActionError(reasonText(t, err.message, t('errors.generic')));
  const onSuccess = () => {
    setActionError(null);
    toast.success(t('toast.userUpdated'));
    return utils.users.list.invalidate();
  };
  const setUserRole = trpc.users.setRole.useMutation({ onSuccess, onError });
  const setActive = trpc.users.setActive.useMutation({ onSuccess, onError });
  const users = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section className="stack" aria-labelledby="admin-users-title">
      <h1 id="admin-users-title">{t('admin.users.title')}</h1>
      <div className="filters">
        <label className="field">
          <span>{t('admin.users.search')}</span>
          <input type="search" value={searchInput} onChange={(e) => setSearchInput(e.target.value)} data-testid="user-search" />
        </label>
        <label className="field">
          <span>{t('admin.users.role')}</span>
          <select value={role} onChange={(e) => setRole(e.target.value as Role | '')}>
            <option value="">{t('admin.users.all')}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('admin.users.status')}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as UserStatus | '')}>
            <option value="">{t('admin.users.all')}</option>
            {USER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`admin.users.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {actionError && (
        <p role="alert" className="form-error">
          {actionError}
        </p>
      )}
      {list.isPending ? (
        <p aria-busy="true">{t('common.loading')}</p>
      ) : list.isError ? (
        <div role="alert" className="error-state">
          <p>{t('common.error')}</p>
          <button type="button" onClick={() => void list.refetch()}>
            {t('common.retry')}
          </button>
        </div>
      ) : users.length === 0 ? (
        <p className="empty-state">{t('admin.users.empty')}</p>
      ) : (
        <ul className="list" data-testid="admin-user-list">
          {users.map((u) => {
            const name = `${u.firstName} ${u.lastName}`;
            const self = u.id === me?.id;
            return (
              <li key={u.id} className="card row" data-user-email={u.email}>
                <div>
                  <strong>{name}</strong> {self && <span className="badge">{t('admin.users.you')}</span>}
                  {!u.isActive && <span className="badge warn">{t('admin.users.inactive')}</span>}
                  {!u.emailVerified && <span className="badge">{t('admin.users.unverified')}</span>}
                  <p className="muted small">
                    {u.email}
                    {u.country ? ` · ${u.country}` : ''}
                  </p>
                </div>
                <div className="row-actions">
                  <select
                    aria-label={t('admin.users.changeRole', { name })}
                    value={u.role}
                    disabled={self || setUserRole.isPending}
                    onChange={(e) => setUserRole.mutate({ userId: u.id, role: e.target.value as Role })}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`role.${r}`)}
                      </option>
                    ))}
                  </select>
                  <button
                    type="button"
                    className="secondary"
                    disabled={self || setActive.isPending}
                    onClick={() => {
                      if (u.isActive && !window.confirm(t('admin.users.confirmDeactivate', { name }))) return;
                      setActive.mutate({ userId: u.id, active: !u.isActive });
                    }}
                  >
                    {u.isActive ? t('admin.users.deactivate') : t('admin.users.activate')}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {list.hasNextPage && (
        <button type="button" className="secondary" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {t('admin.users.more')}
        </button>
      )}
    </section>
  );
}
