export * from './components';
export * from './legacy-form';
export * from './QueryState';
export * from './theme';
export * from './toast';
