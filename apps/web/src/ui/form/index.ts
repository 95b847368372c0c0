// The form layer (see apps/web/README.md). Not re-exported from ui/index.ts on purpose: pages
// without a form (the catalog) must not pull react-hook-form into their chunk.
export * from './fields';
export * from './messages';
export * from './useZodForm';
export * from './useSaveForm';
