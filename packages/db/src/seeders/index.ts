export { seedReference, type SeedReferenceResult } from './reference';
export {
  DEMO_ACCOUNTS,
  DEMO_INSTRUCTOR_EMAIL,
  hashDemoPassword,
  seedDemo,
  type DemoAccount,
  type SeedDemoResult,
} from './demo';
export { DEMO_COURSES, type DemoCourse, type DemoLesson, type DemoMedia } from './demo-content';
