export * from './bus';
export * from './notify';
export * from './notification.service';
export * from './notification-dto';
export * from './live';
