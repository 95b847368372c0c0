export * from './errors';
export * from './deps';
export * from './platform/health.service';
export * from './catalog/category.service';
export * from './platform/logger';
export * from './platform/maintenance.service';
export * from './authz';
