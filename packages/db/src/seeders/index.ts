export { seedReference, type SeedReferenceResult } from './reference';
export { DEMO_ACCOUNTS, hashDemoPassword, seedDemo, type DemoAccount, type SeedDemoResult } from './demo';
