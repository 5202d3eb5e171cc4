// Writes a gzip (.gz) and a brotli (.br) copy beside every text and wasm file of a built
// site, so a host that serves precompressed files (nginx `gzip_static`, `brotli_static`:
// www/site/nginx.conf) sends the smallest at no CPU cost per request. Called by the
// post-build hook for release builds; `node scripts/precompress.mjs DIR` does it by hand.
import { readFileSync, writeFileSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { join, extname } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const EXTS = new Set(['.wasm', '.js', '.mjs', '.css', '.html', '.svg', '.json']);

export function precompress(dir) {
  let files = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      files += precompress(path);
      continue;
    }
    if (name.endsWith('.gz') || name.endsWith('.br')) {
      // A copy whose original is gone (an old hash) is stale: drop it.
      try { statSync(path.slice(0, -3)); } catch { unlinkSync(path); }
      continue;
    }
    if (!EXTS.has(extname(name))) continue;
    const body = readFileSync(path);
    writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
    writeFileSync(`${path}.br`, brotliCompressSync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }));
    files += 1;
  }
  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('precompress: pass the built site\'s folder');
    process.exit(2);
  }
  console.log(`precompress: ${precompress(dir)} files in ${dir}`);
}
