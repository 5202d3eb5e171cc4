// Trunk post-build hook (Trunk runs a stage's hooks side by side, so this one does every
// step in order): cuts the app's wasm into the first page and the pages loaded on demand
// (scripts/split-wasm.mjs); bundles the payload editor (www/editor/editor.mjs, CodeMirror 6),
// which the app loads once the page is usable; moves the page's inline scripts into files
// (the CSP runs none); names every file the page runs by the hash of its final bytes and
// gives the page their integrity; for release builds, precompresses. Run by Trunk with
// TRUNK_STAGING_DIR set; `node scripts/post-build.mjs DIR` does the same (the split
// aside) for a site as Trunk wrote it.
//
// Why names follow bytes: the site serves every file but the HTML `immutable`
// (www/site/nginx.conf), so a name must only ever hold one content, or a returning visitor
// gets old cached bytes under a reused name (and a new integrity: the page breaks). And a
// tab open across a deploy asks for its own build's files by their own names: it gets
// them (if still hosted) or a 404, never the next build's code under an old name.
//
// Why integrity everywhere: what the page runs by tag has `integrity`; what code loads,
// the browser checks too, the bytes it runs being the bytes it checked — the app's wasm and
// the split parts are fetched with `integrity` (the start script, __wasm_split.js), the
// code editor is imported after a `modulepreload` with its integrity put the checked
// module in the page's module map (src/web/code_editor.rs), and the simulators' worker is
// built from its script and wasm fetched with their integrity (src/web/sandbox_link.rs).
// A check by hashing after a fetch would run bytes other than those checked if the second
// fetch differed; crypto.subtle is missing on plain-HTTP hosts.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync, renameSync, statSync } from 'node:fs';
import { join, dirname, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { precompress } from './precompress.mjs';
import { splitWasm } from './split-wasm.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const site = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!site) {
  console.error('post-build: no site folder (pass one, or run as a Trunk hook)');
  process.exit(2);
}
const base = process.env.TRUNK_PUBLIC_URL || '/';
const html = join(site, 'index.html');

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
// Named by its bytes below, with the rest.
writeFileSync(join(site, 'editor.js'), out.outputFiles[0].contents);

const hex = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Every file of the site, by its path from the site's root ('/'-separated). */
function files(dir = '') {
  return readdirSync(join(site, dir)).flatMap((f) => {
    const rel = dir ? `${dir}/${f}` : f;
    return statSync(join(site, rel)).isDirectory() ? files(rel) : [rel];
  });
}

/**
 * A reference to `target` in the text of `referrer`: a quoted path (with './', or the site's
 * base in a page at the root) not followed by ':' — an object key such as the glue's
 * `"./__wasm_split.js": import1` names a wasm import module, not a file.
 */
function reference(referrer, target) {
  const from = posix.dirname(referrer);
  const rel = posix.relative(from, target);
  const prefixes = ['\\./', ...(from === '.' ? [escape(base)] : [])];
  return new RegExp(`(["'])((?:${prefixes.join('|')})?)${escape(rel)}\\1(?!\\s*:)`, 'g');
}

/** Each file the page runs, named by its bytes: old path → new path. */
const renamed = new Map();

/** `text` with every reference to a file renamed so far rewritten to its new name. */
function rewrite(referrer, text) {
  for (const [from, to] of renamed) {
    const rel = posix.relative(posix.dirname(referrer), to);
    text = text.replace(reference(referrer, from), (_, q, prefix) => `${q}${prefix}${rel}${q}`);
  }
  return text;
}

// The files to name: all but the pages themselves. A file is named after those it refers
// to (its name holds theirs through its bytes): leaves first, then the split loader, then
// the JS glue; a cycle would have no name, and fails the build.
const assets = files().filter((f) => !/\.(html|gz|br)$/.test(f));
const texts = new Map(assets.filter((f) => /\.(js|css)$/.test(f)).map((f) => [f, readFileSync(join(site, f), 'utf8')]));
const needs = new Map(assets.map((f) => [f, assets.filter((t) => t !== f && texts.has(f) && reference(f, t).test(texts.get(f)))]));
const order = [];
const visiting = new Set();
function visit(f) {
  if (order.includes(f)) return;
  if (visiting.has(f)) throw new Error(`post-build: ${f} refers to itself through ${[...visiting].join(' → ')}: no name can hold its own hash`);
  visiting.add(f);
  needs.get(f).forEach(visit);
  visiting.delete(f);
  order.push(f);
}
assets.forEach(visit);
for (const f of order) {
  let bytes = readFileSync(join(site, f));
  if (texts.has(f)) {
    bytes = Buffer.from(rewrite(f, texts.get(f)));
    writeFileSync(join(site, f), bytes);
  }
  const m = posix.basename(f).match(/^(.+?)(?:-[0-9a-f]{1,16})?(_bg\.wasm|\.js|\.wasm|\.css)$/);
  if (!m) throw new Error(`post-build: ${f} is in the site, and no rule here names it by its bytes`);
  const to = posix.join(posix.dirname(f), `${m[1]}-${hex(bytes)}${m[2]}`);
  renameSync(join(site, f), join(site, to));
  renamed.set(f, to);
}
const named = (pattern) => [...renamed.values()].find((f) => pattern.test(f));

// The page: its references renamed, then what the page needs to check what it loads.
let page = rewrite('index.html', readFileSync(html, 'utf8'));
const glue = named(/^orderlint-web-[0-9a-f]{16}\.js$/);
const wasm = named(/^orderlint-web-[0-9a-f]{16}_bg\.wasm$/);
const loader = named(/^__wasm_split-[0-9a-f]{16}\.js$/);
const editor = named(/^editor-[0-9a-f]{16}\.js$/);
const worker = named(/^orderlint-sandbox-worker-[0-9a-f]{16}\.js$/);
const workerWasm = named(/^orderlint-sandbox-worker-[0-9a-f]{16}_bg\.wasm$/);
for (const [what, f] of Object.entries({ glue, wasm, editor, worker, workerWasm })) {
  if (!f) throw new Error(`post-build: no ${what} in the site`);
}
const integrity = (f) => sri(readFileSync(join(site, f)));

// Trunk's start script fetches the app's wasm by name alone: it is fetched with its
// integrity instead (a failure says what failed, where the page shows it). It first looks
// for the mark of the loading note's script: if that was refused (altered, or not there),
// the page does not start without the note that says when something fails. And it goes
// after the page's preloads: their fetches, with integrity, are then first into the
// module map, and its imports take the checked modules.
let start = '';
page = page.replace(/\s*<script type="module">([\s\S]*?)<\/script>/g, (tag, body) => {
  const from = `module_or_path: '${base}${wasm}'`;
  if (!body.includes(from)) return tag;
  if (start) throw new Error(`post-build: two start scripts in ${html}`);
  const fetched = `module_or_path: fetch('${base}${wasm}', { integrity: '${integrity(wasm)}' })`
    + `.catch(() => { throw new Error('its WebAssembly did not load, or failed its integrity check'); })`;
  const mark = "if (!window.orderlintBoot) { document.getElementById('boot').className = 'boot failed';"
    + " document.getElementById('boot-msg').textContent = 'orderlint could not start: a file of the page did not load,"
    + " or failed its integrity check. Reload to try again.'; throw new Error('the loading note\\'s script did not run'); }";
  start = `<script type="module">\n${mark}\n${body.replace(from, fetched)}</script>`;
  return '';
});
if (!start) throw new Error(`post-build: no start script in ${html} fetches ${wasm} the way Trunk writes it`);

// What the app reads (code_editor.rs, sandbox_link.rs), and the split loader preloaded
// with its integrity (the glue imports it).
const head = [
  ...(loader ? [`<link rel="modulepreload" href="${base}${loader}" crossorigin="anonymous" integrity="${integrity(loader)}">`] : []),
  `<meta name="orderlint-editor" content="${editor}" data-integrity="${integrity(editor)}" />`,
  `<meta name="orderlint-worker" content="${worker}" data-integrity="${integrity(worker)}" data-wasm="${workerWasm}" data-wasm-integrity="${integrity(workerWasm)}" />`,
  start,
];
if (!page.includes('</head>')) throw new Error(`post-build: ${html} has no </head>`);
page = page.replace('</head>', `${head.map((t) => `  ${t}\n`).join('')}  </head>`);

// Every inline script of the page (the start script, the loading note's) becomes a file
// beside it, named by its bytes and loaded with their integrity: the page's
// Content-Security-Policy (www/site/headers.conf) runs no inline script. A script keeps
// its place and its other attributes, so it runs when it did.
let moved = 0;
page = page.replace(/<script\b([^>]*)>([\s\S]*?)<\/script>/g, (tag, attrs, body) => {
  if (/\ssrc\s*=/.test(attrs) || body === '') return tag;
  // `trunk serve`'s reload script: filled in as the page is served (dev only, no CSP there).
  if (body.includes('{{__TRUNK_')) return tag;
  // Data blocks (JSON and the like) are not run, so the policy does not apply to them.
  const type = attrs.match(/\stype\s*=\s*["']?([^"'\s>]+)/i)?.[1].toLowerCase();
  if (type && !['module', 'text/javascript', 'application/javascript'].includes(type)) return tag;
  const file = `script-${hex(body)}.js`;
  writeFileSync(join(site, file), body);
  renamed.set(file, file);
  moved += 1;
  return `<script${attrs} src="${base}${file}"></script>`;
});

/**
 * Every <script src> and <link href> of `referrer` naming a file of the site gets that
 * file's integrity; but a `preload as=fetch` (the app's wasm), for which Chromium ignores
 * it (crbug.com/981419, with a console warning): the fetch that takes the preloaded
 * answer carries it and checks it (the start script's).
 */
function withIntegrity(referrer, text) {
  return text.replace(/<(script|link)\b([^>]*?)(\/?)>/g, (tag, name, attrs, slash) => {
    const url = attrs.match(/\s(?:src|href)="([^"]+)"/)?.[1];
    if (!url || /^[a-z]+:/i.test(url)) return tag;
    const path = url.startsWith(base) && posix.dirname(referrer) === '.' ? url.slice(base.length) : posix.join(posix.dirname(referrer), url);
    if (!renamed.has(path) && ![...renamed.values()].includes(path)) throw new Error(`post-build: ${referrer} names ${url}, which is not a file of this build`);
    const rest = attrs.replace(/\sintegrity="[^"]*"/, '');
    return /\sas="fetch"/.test(attrs) ? `<${name}${rest}${slash}>` : `<${name}${rest} integrity="${integrity(path)}"${slash}>`;
  });
}
// The build, named by the names of all the files the page runs (which follow their
// bytes): parts.rs compares it with the hosted page's to tell a tab it was updated.
const buildId = hex([...renamed.values()].sort().join('\n'));
page = page.replace(/\s*<\/head>/, `\n  <meta name="orderlint-build" content="${buildId}" />\n  </head>`);
writeFileSync(html, withIntegrity('index.html', page));

// The callback page's script, named and checked the same way.
const callback = 'feedamp-callback/index.html';
writeFileSync(join(site, callback), withIntegrity(callback, rewrite(callback, readFileSync(join(site, callback), 'utf8'))));

// Nothing left unnamed: every file but the pages carries the hash of its own bytes.
for (const f of files()) {
  if (/\.(html|gz|br)$/.test(f)) continue;
  const m = posix.basename(f).match(/-([0-9a-f]{16})(?:_bg)?\.(js|wasm|css)$/);
  if (m?.[1] !== hex(readFileSync(join(site, f)))) throw new Error(`post-build: ${f} is not named by its bytes`);
}
console.log(`post-build: ${renamed.size} files named by their bytes (build ${buildId}), ${moved} inline scripts moved into files; the editor is ${editor}`);

// Then, for release builds, every file gets its .gz and .br beside it (scripts/precompress.mjs).
if (process.env.TRUNK_PROFILE === 'release') {
  console.log(`precompress: ${precompress(site)} files`);
}
