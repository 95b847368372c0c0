export * from './components';
export * from './form';
export * from './QueryState';
export * from './theme';
export * from './toast';
