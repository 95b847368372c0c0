export * from './definitions';
export * from './types';
export { createBullmqJobQueue, DEFAULT_JOB_OPTIONS } from './bullmq.driver';
export { createInlineJobQueue } from './inline.driver';
