// zod 4 probes for eval (`new Function('')`) the first time it parses an object, to compile fast
// parsers. Our Content-Security-Policy forbids eval, so the probe fails and Chrome logs a CSP issue on
// every page that validates something (Lighthouse's best practices count it). Declare it up front:
// no probe, the interpreted parsers zod falls back to anyway. zod keeps its config on this global
// and adopts an existing one; setting it here rather than calling `config()` from 'zod/v4/core'
// keeps zod out of the entry chunk (+4 KB gzipped on the catalog). zod-csp.test.ts checks zod sees it.
const g = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
(g.__zod_globalConfig ??= {}).jitless = true;

export {};
