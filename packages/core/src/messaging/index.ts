export * from './rules';
export * from './text';
export * from './send.service';
export * from './broadcast.service';
export * from './mailbox.service';
export * from './read-state.service';
