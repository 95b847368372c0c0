export * from './components';
export * from './QueryState';
export * from './theme';
export * from './toast';
