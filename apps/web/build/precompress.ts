// Vite plugin: writes a Brotli (.br) and a gzip (.gz) copy beside every text file of the build, so
// the API (@fastify/static with preCompressed) sends compressed assets without compressing on each
// request. Maximum levels: this runs once per build, not per request. Found by Lighthouse's
// "Enable text compression" (bench/lighthouse): the catalog's JavaScript went out uncompressed.
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const TEXT = /\.(js|mjs|css|html|svg|json|webmanifest|txt|xml|map)$/;
/** Below this, compression saves less than the headers it adds. */
const MIN_BYTES = 1024;

async function* walk(dir: string): AsyncGenerator<string> {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(file);
    else if (TEXT.test(entry.name)) yield file;
  }
}

export function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'mdsc-precompress',
    apply: 'build',
    // After every other plugin has written its files (closeBundle runs once the output is on disk).
    enforce: 'post',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const jobs: Promise<unknown>[] = [];
      for await (const file of walk(outDir)) {
        const data = await fs.readFile(file);
        if (data.length < MIN_BYTES) continue;
        jobs.push(
          brotli(data, {
            params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
            },
          }).then((b) => fs.writeFile(`${file}.br`, b)),
          gzip(data, { level: 9 }).then((g) => fs.writeFile(`${file}.gz`, g)),
        );
      }
      await Promise.all(jobs);
    },
  };
}
