// The main menu by role: learning links for everyone signed in, teaching for instructors, administration
// for admins. Under 720 px it folds behind a disclosure button. Links go only to routes in router.tsx.
import { useEffect, useId, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { useAuth } from '../features/auth/useAuth';
import { ModerationNavLink } from '../features/discussions/ModerationNavLink';
import { MessagesNavLink } from '../features/messages/MessagesNavLink';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/fr';

type Role = 'student' | 'instructor' | 'admin';
interface Item {
  href: string;
  label: MessageKey;
}

const LEARN: Item[] = [
  { href: '/learning', label: 'nav.learning' },
  { href: '/certificates', label: 'nav.certificates' },
  { href: '/payments/mine', label: 'nav.purchases' },
  { href: '/achievements', label: 'nav.achievements' },
  { href: '/leaderboard', label: 'nav.leaderboard' },
  { href: '/challenges', label: 'nav.challenges' },
];
const TEACH: Item[] = [
  { href: '/instructor', label: 'nav.instructor' },
  { href: '/analytics', label: 'nav.analytics' },
  { href: '/instructor/revenue', label: 'nav.revenue' },
  { href: '/instructor/vouchers', label: 'nav.vouchers' },
];
// The users list stays in the account menu (AccountNav), where admins already find it.
const ADMIN: Item[] = [
  { href: '/admin/categories', label: 'nav.adminCategories' },
  { href: '/admin/badges', label: 'nav.adminBadges' },
  { href: '/admin/challenges', label: 'nav.adminChallenges' },
  { href: '/admin/levels', label: 'nav.adminLevels' },
  { href: '/messages/new', label: 'nav.broadcasts' },
  { href: '/admin/stats', label: 'nav.adminStats' },
  { href: '/admin/jobs', label: 'nav.jobHealth' },
  { href: '/admin/payments', label: 'nav.adminPayments' },
];

export function navGroups(role: Role | null): { title: MessageKey | null; items: Item[]; messages?: boolean; moderation?: boolean }[] {
  const groups: { title: MessageKey | null; items: Item[]; messages?: boolean; moderation?: boolean }[] = [
    { title: null, items: [{ href: '/', label: 'nav.home' }, { href: '/courses', label: 'nav.catalog' }] },
  ];
  if (!role) return groups;
  groups[0]!.items.splice(1, 0, { href: '/dashboard', label: 'nav.dashboard' });
  groups.push({ title: 'nav.group.learn', items: LEARN, messages: true });
  if (role === 'instructor' || role === 'admin') groups.push({ title: 'nav.group.teach', items: TEACH, moderation: true });
  if (role === 'admin') groups.push({ title: 'nav.group.admin', items: ADMIN });
  return groups;
}

const cls = (active: boolean) => (active ? 'active' : '');

/**
 * `menu` lifts the open state to the layout, so that the account links, language and theme (folded
 * into the same menu on phones, `toolsId`) open and close with it.
 */
export function RoleNav({ menu, toolsId }: { menu?: [boolean, (open: boolean) => void]; toolsId?: string } = {}) {
  const { t } = useI18n();
  const { user } = useAuth();
  const local = useState(false);
  const [open, setOpen] = menu ?? local;
  const [location] = useLocation();
  const id = useId();
  // A followed link closes the folded menu.
  useEffect(() => setOpen(false), [location]);
  return (
    <>
      <button
        type="button"
        className="nav-toggle secondary"
        aria-expanded={open}
        aria-controls={toolsId ? `${id} ${toolsId}` : id}
        onClick={() => setOpen(!open)}
        data-testid="nav-toggle"
      >
        <span aria-hidden="true">☰</span> {t('nav.menu')}
      </button>
      <nav id={id} aria-label={t('nav.main')} className={open ? 'main-nav open' : 'main-nav'} data-testid="main-nav">
        {navGroups((user?.role as Role | undefined) ?? null).map((g, i) => {
          const titleId = `${id}-g${i}`;
          return (
            <div className="nav-group" key={i} role={g.title ? 'group' : undefined} aria-labelledby={g.title ? titleId : undefined}>
              {g.title && (
                <p className="nav-group-title" id={titleId}>
                  {t(g.title)}
                </p>
              )}
              {g.items.map((it) => (
                <Link key={it.href} href={it.href} className={cls}>
                  {t(it.label)}
                </Link>
              ))}
              {g.messages && <MessagesNavLink />}
              {g.moderation && <ModerationNavLink />}
            </div>
          );
        })}
      </nav>
    </>
  );
}
