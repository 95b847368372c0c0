// The home of a signed-in user: their role's panel first (platform health for admins, teaching for
// instructors), then their own learning — everyone can learn. Each panel is one tRPC query.
import { useI18n } from '../../i18n';
import { useAuth } from '../auth/useAuth';
import { AdminPanel } from './AdminPanel';
import { InstructorPanel } from './InstructorPanel';
import { LearnerPanel } from './LearnerPanel';
import './dashboard.css';

export function DashboardPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const role = user?.role;
  return (
    <div className="dashboard stack" data-testid="dashboard">
      <h1>{user ? t('dash.hello', { name: user.firstName }) : t('dash.title')}</h1>
      {role === 'admin' && <AdminPanel />}
      {role === 'instructor' && <InstructorPanel />}
      <LearnerPanel staff={role === 'admin' || role === 'instructor'} />
    </div>
  );
}
