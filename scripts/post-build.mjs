// Trunk post-build hook (Trunk runs a stage's hooks side by side, so this one does every
// step in order): first cuts the app's wasm into the first page and the pages loaded on
// demand (scripts/split-wasm.mjs); then bundles the payload editor (www/editor/editor.mjs, CodeMirror 6)
// into the staged site as editor-<hash>.js and names it in index.html, where the app
// finds it once the page is usable. A content hash, so a cached old editor never meets
// a new page. Then moves the page's inline scripts into files (the CSP runs none). Run by
// Trunk with TRUNK_STAGING_DIR set; `node scripts/post-build.mjs DIR` does the same for
// any built site.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync, unlinkSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { precompress } from './precompress.mjs';
import { splitWasm } from './split-wasm.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const site = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!site) {
  console.error('post-build: no site folder (pass one, or run as a Trunk hook)');
  process.exit(2);
}

if (process.env.TRUNK_STAGING_DIR) {
  const parts = splitWasm(site, root, process.env.TRUNK_PROFILE === 'release');
  console.log(`split-wasm: the first page and ${parts} parts loaded on demand`);
}

const out = await build({
  entryPoints: [join(root, 'www/editor/editor.mjs')],
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2020',
  write: false,
  legalComments: 'none',
});
const code = out.outputFiles[0].contents;
const name = `editor-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
for (const f of readdirSync(site)) if (/^editor-[0-9a-f]{16}\.js$/.test(f)) unlinkSync(join(site, f));
writeFileSync(join(site, name), code);

const html = join(site, 'index.html');
const meta = `<meta name="orderlint-editor" content="${name}" />`;
const page = readFileSync(html, 'utf8').replace(/\s*<meta name="orderlint-editor"[^>]*>/, '');
if (!page.includes('</head>')) throw new Error(`post-build: ${html} has no </head>`);
writeFileSync(html, page.replace('</head>', `  ${meta}\n  </head>`));
console.log(`post-build: the editor is ${name} (${code.length} bytes)`);

// Every inline script of the page (its own loading note's, and the one Trunk writes to
// start the app) becomes a file beside it, named by its bytes and loaded with their
// integrity: the page's Content-Security-Policy (www/site/headers.conf) runs no inline
// script. A script keeps its place and its other attributes, so it runs when it did.
const base = process.env.TRUNK_PUBLIC_URL || '/';
let moved = 0;
const external = readFileSync(html, 'utf8').replace(/<script\b([^>]*)>([\s\S]*?)<\/script>/g, (tag, attrs, body) => {
  if (/\ssrc\s*=/.test(attrs) || body === '') return tag;
  // `trunk serve`'s reload script: filled in as the page is served (dev only, no CSP there).
  if (body.includes('{{__TRUNK_')) return tag;
  // Data blocks (JSON and the like) are not run, so the policy does not apply to them.
  const type = attrs.match(/\stype\s*=\s*["']?([^"'\s>]+)/i)?.[1].toLowerCase();
  if (type && !['module', 'text/javascript', 'application/javascript'].includes(type)) return tag;
  const file = `script-${createHash('sha256').update(body).digest('hex').slice(0, 16)}.js`;
  writeFileSync(join(site, file), body);
  const sri = `sha384-${createHash('sha384').update(body).digest('base64')}`;
  moved += 1;
  return `<script${attrs} src="${base}${file}" integrity="${sri}"></script>`;
});
writeFileSync(html, external);
// A moved script the page no longer names is an earlier build's.
for (const f of readdirSync(site)) {
  if (/^script-[0-9a-f]{16}\.js$/.test(f) && !external.includes(`${base}${f}"`)) unlinkSync(join(site, f));
}
console.log(`post-build: ${moved} inline scripts moved into files`);

// Then, for release builds, every file gets its .gz and .br beside it (scripts/precompress.mjs).
if (process.env.TRUNK_PROFILE === 'release') {
  console.log(`precompress: ${precompress(site)} files`);
}
