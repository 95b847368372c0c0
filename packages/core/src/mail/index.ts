export * from './mailer';
export * from './templates';
export * from './send-mail';
