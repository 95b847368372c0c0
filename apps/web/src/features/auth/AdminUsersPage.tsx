// Admin: find users (search, role, status; pages of 20 by cursor), change their role, deactivate
// (sessions closed at once) or reactivate them.
import type { RouterOutputs } from '@mdsc/api';
import { ROLES, USER_STATUSES, type Role, type UserStatus } from '@mdsc/validators';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { AdminListPage, FilterSelect } from '../../ui/admin/AdminListPage';
import { Badge, Button, ConfirmButton } from '../../ui/components';
import { optionsOf } from '../../ui/form';
import { useActionFeedback } from '../../ui/useActionFeedback';
import { useAuth } from './useAuth';

type Item = RouterOutputs['users']['list']['items'][number];

export function AdminUsersPage() {
  const { t } = useI18n();
  const { user: me } = useAuth();
  const utils = trpc.useUtils();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [status, setStatus] = useState<UserStatus | ''>('');

  const filters = { search: q || undefined, role: role || undefined, status: status || undefined, limit: 20 };
  const list = trpc.users.list.useInfiniteQuery(filters, { getNextPageParam: (last) => last.nextCursor });
  const mutation = useActionFeedback()(t('toast.userUpdated'), () => utils.users.list.invalidate());
  const setUserRole = trpc.users.setRole.useMutation(mutation);
  const setActive = trpc.users.setActive.useMutation(mutation);

  return (
    <AdminListPage<Item>
      texts="admin.users"
      testId="admin-user-list"
      query={{ ...list, data: list.data?.pages.flatMap((p) => p.items) }}
      more={list}
      itemProps={(u) => ({ 'data-user-email': u.email })}
      itemName={(u) => `${u.firstName} ${u.lastName}`}
      search={{ label: t('admin.users.search'), testId: 'user-search', onSearch: setQ }}
      filters={
        <>
          <FilterSelect label={t('admin.users.role')} value={role} onChange={setRole} options={optionsOf(ROLES, (r) => t(`role.${r}`))} />
          <FilterSelect
            label={t('admin.users.status')}
            value={status}
            onChange={setStatus}
            options={optionsOf(USER_STATUSES, (s) => t(`admin.users.status.${s}`))}
          />
        </>
      }
      badges={(u) => (
        <>
          {u.id === me?.id && <Badge>{t('admin.users.you')}</Badge>}
          {!u.isActive && <Badge tone="warn">{t('admin.users.inactive')}</Badge>}
          {!u.emailVerified && <Badge>{t('admin.users.unverified')}</Badge>}
        </>
      )}
      details={(u) => (
        <p className="muted small">
          {u.email}
          {u.country ? ` · ${u.country}` : ''}
        </p>
      )}
      actions={(u) => {
        const name = `${u.firstName} ${u.lastName}`;
        const self = u.id === me?.id;
        return (
          <>
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
            {u.isActive ? (
              <ConfirmButton
                disabled={self || setActive.isPending}
                confirm={t('admin.users.confirmDeactivate', { name })}
                onConfirm={() => setActive.mutate({ userId: u.id, active: false })}
              >
                {t('admin.users.deactivate')}
              </ConfirmButton>
            ) : (
              <Button variant="secondary" disabled={setActive.isPending} onClick={() => setActive.mutate({ userId: u.id, active: true })}>
                {t('admin.users.activate')}
              </Button>
            )}
          </>
        );
      }}
    />
  );
}
