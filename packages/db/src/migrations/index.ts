import * as m0001 from './0001-users-and-auth';
import * as m0002 from './0002-catalog';
import * as m0003 from './0003-learning';
import * as m0004 from './0004-quizzes';
import * as m0005 from './0005-certificates';
import * as m0006 from './0006-gamification';
import * as m0007 from './0007-communication';
import * as m0008 from './0008-xp-ledger';
import * as m0009 from './0009-badge-tier';
import * as m0010 from './0010-message-recipients';
import * as m0011 from './0011-users-hide-from-leaderboard';
import * as m0012 from './0012-users-language';
import * as m0100 from './0100-accounts-sessions';
import * as m0200 from './0200-course-catalog';
import * as m0300 from './0300-learning-path';
import * as m0400 from './0400-gamification';
import * as m0500 from './0500-communication';
import * as m0501 from './0501-analytics-indexes';
import * as m0600 from './0600-outbox';
import * as m0601 from './0601-user-xp-badges-evaluated';
import * as m0620 from './0620-progress-heartbeat-at';
import * as m0621 from './0621-media-files-status';
import * as m0640 from './0640-question-explanation';
import * as m0641 from './0641-lesson-content-html';
import * as m0650 from './0650-verifiable-credentials';
import * as m0660 from './0660-discussions';
import * as m0710 from './0710-assignments';
import * as m0700 from './0700-payments';
import * as m0730 from './0730-quiz-questions-version';
import * as m0720 from './0720-content-packages';
import * as m0740 from './0740-course-search-trigrams';
import * as m0750 from './0750-course-structure-version';
import * as m0760 from './0760-media-renditions';
import * as m0770 from './0770-content-translations';
import * as m0800 from './0800-level-names';
import * as m0810 from './0810-discussion-client-keys';
import type { MigrationFn } from './helpers';

// Explicit, ordered list (no glob): umzug's glob loader import()s from inside node_modules, which
// vitest does not transform, and globs break once bundled. The name is what SequelizeMeta stores:
// never rename or reorder an entry, only append.
export interface MigrationEntry {
  name: string;
  up: MigrationFn;
  down: MigrationFn;
}

export const migrations: MigrationEntry[] = [
  { name: '0001-users-and-auth', ...m0001 },
  { name: '0002-catalog', ...m0002 },
  { name: '0003-learning', ...m0003 },
  { name: '0004-quizzes', ...m0004 },
  { name: '0005-certificates', ...m0005 },
  { name: '0006-gamification', ...m0006 },
  { name: '0007-communication', ...m0007 },
  { name: '0008-xp-ledger', ...m0008 },
  { name: '0009-badge-tier', ...m0009 },
  { name: '0010-message-recipients', ...m0010 },
  { name: '0011-users-hide-from-leaderboard', ...m0011 },
  { name: '0012-users-language', ...m0012 },
  { name: '0100-accounts-sessions', ...m0100 },
  { name: '0200-course-catalog', ...m0200 },
  { name: '0300-learning-path', ...m0300 },
  { name: '0400-gamification', ...m0400 },
  { name: '0500-communication', ...m0500 },
  { name: '0501-analytics-indexes', ...m0501 },
  { name: '0600-outbox', ...m0600 },
  { name: '0601-user-xp-badges-evaluated', ...m0601 },
  { name: '0620-progress-heartbeat-at', ...m0620 },
  { name: '0621-media-files-status', ...m0621 },
  { name: '0640-question-explanation', ...m0640 },
  { name: '0641-lesson-content-html', ...m0641 },
  { name: '0650-verifiable-credentials', ...m0650 },
  { name: '0660-discussions', ...m0660 },
  { name: '0700-payments', ...m0700 },
  { name: '0710-assignments', ...m0710 },
  { name: '0720-content-packages', ...m0720 },
  { name: '0730-quiz-questions-version', ...m0730 },
  { name: '0740-course-search-trigrams', ...m0740 },
  { name: '0750-course-structure-version', ...m0750 },
  { name: '0760-media-renditions', ...m0760 },
  { name: '0770-content-translations', ...m0770 },
  { name: '0800-level-names', ...m0800 },
  { name: '0810-discussion-client-keys', ...m0810 },
];
