export * from './access';
export * from './render';
export * from './threads.service';
export * from './thread-page.service';
export * from './posts.service';
export * from './moderation.service';
export { resolveMentions } from './fanout';
export { uploadDiscussionFile } from './posting';
export { seedDemoDiscussions } from './demo';
