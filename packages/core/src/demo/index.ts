// Demo installs: files and learner activity that the database seeder (@mdsc/db) cannot create.
export { seedDemoMedia, demoCourseImage, demoHandoutPdf, type DemoMediaResult } from './demo-media.service';
export {
  seedDemoActivity,
  DEMO_ACTIVITY,
  type DemoActivityOptions,
  type DemoActivityResult,
} from './demo-activity.service';
export { seedDemoPackages, DEMO_PACKAGES_SLUG } from './demo-packages.service';
export { DEMO_SEED_STEPS, seedDemoContent } from './seed-content';
