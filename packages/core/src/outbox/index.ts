export * from './writer';
export * from './relay';
export * from './repair';
