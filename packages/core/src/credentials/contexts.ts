// The JSON-LD contexts our credentials use, bundled (see contexts/README.md): a document loader map
// for offline JSON-LD processing. Nothing here is fetched.
import { readFileSync } from 'node:fs';
import { OB_CONTEXT, VC_CONTEXT_V2 } from './build';

const read = (file: string) =>
  JSON.parse(readFileSync(new URL(`./contexts/${file}`, import.meta.url), 'utf8')) as {
    '@context': Record<string, unknown>;
  };

let cached: Record<string, { '@context': Record<string, unknown> }> | null = null;
export function bundledContexts(): Record<string, { '@context': Record<string, unknown> }> {
  cached ??= {
    [VC_CONTEXT_V2]: read('credentials-v2.jsonld'),
    [OB_CONTEXT]: read('ob-v3p0-context-3.0.3.json'),
  };
  return cached;
}
