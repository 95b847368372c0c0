/** Shared Prettier settings. */
export default { singleQuote: true, semi: true, printWidth: 110, trailingComma: 'all' };
