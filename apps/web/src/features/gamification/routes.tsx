// Gamification pages, each its own lazily loaded chunk, behind RequireAuth (admin pages for admins).
import { lazyPage } from '../../routes/lazyPage';

export const AchievementsRoute = lazyPage(() => import('./AchievementsPage').then((m) => m.AchievementsPage), 'user');
export const LeaderboardRoute = lazyPage(() => import('./LeaderboardPage').then((m) => m.LeaderboardPage), 'user');
export const ChallengesRoute = lazyPage(() => import('./ChallengesPage').then((m) => m.ChallengesPage), 'user');
export const AdminBadgesRoute = lazyPage(() => import('./AdminBadgesPage').then((m) => m.AdminBadgesPage), 'admin');
export const AdminChallengesRoute = lazyPage(() => import('./AdminChallengesPage').then((m) => m.AdminChallengesPage), 'admin');
export const AdminLevelsRoute = lazyPage(() => import('./AdminLevelsPage').then((m) => m.AdminLevelsPage), 'admin');
