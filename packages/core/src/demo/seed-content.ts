// The demo's start-up seeders (after @mdsc/db's seedDemo wrote its rows), in the one order that
// works: each step says what it takes from the steps before it. Each is idempotent; a step that
// fails stops the ones after it (they would build on what is missing) and the next start resumes.
import { seedDemoAssignment } from '../assignments/demo';
import type { CoreDeps } from '../deps';
import { seedDemoDiscussions } from '../discussions/demo';
import { seedDemoActivity, type DemoActivityOptions } from './demo-activity.service';
import { seedDemoMedia } from './demo-media.service';
import { seedDemoPackages } from './demo-packages.service';

interface DemoStep {
  name: string;
  /** What this step needs from the earlier ones. */
  needs: string;
  run(deps: CoreDeps, opts: DemoActivityOptions): Promise<unknown>;
}

export const DEMO_SEED_STEPS: readonly DemoStep[] = [
  { name: 'media', needs: 'the demo courses and instructor (seedDemo)', run: (deps) => seedDemoMedia(deps) },
  { name: 'packages', needs: 'the demo instructor and categories (seedDemo)', run: (deps) => seedDemoPackages(deps) },
  {
    name: 'activity',
    needs: 'media: video and audio lessons are played for their files’ real durations',
    run: (deps, opts) => seedDemoActivity(deps, opts),
  },
  {
    name: 'assignment',
    needs: 'activity: its learners’ seats in the paid advocacy course are bought there (voucher, transfer)',
    run: (deps) => seedDemoAssignment(deps),
  },
  {
    name: 'discussions',
    needs: 'activity: its learners are enrolled in the governance course (only members post)',
    run: (deps) => seedDemoDiscussions(deps),
  },
];

export async function seedDemoContent(deps: CoreDeps, opts: DemoActivityOptions = {}): Promise<void> {
  for (const step of DEMO_SEED_STEPS) {
    try {
      await step.run(deps, opts);
    } catch (err) {
      throw new Error(`demo seeding stopped at "${step.name}" (needs ${step.needs})`, { cause: err });
    }
  }
}
