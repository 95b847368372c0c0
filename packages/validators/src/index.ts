export * from './constants';
export * from './gamification';
export * from './common';
export * from './health';
export * from './category';
export * from './catalog';
export * from './auth';
export * from './users';
