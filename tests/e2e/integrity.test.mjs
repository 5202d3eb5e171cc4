// Every file the page runs is named by its final bytes and integrity-checked
// (scripts/post-build.mjs): each name in the build carries the SHA-256 of its bytes, and
// each reference to a file carries its sha384. Then a copy of the build is served with one
// file altered by one byte under its own name — the app's wasm, a split part, the split
// loader, the JS glue, a wasm-bindgen snippet, the code editor, the worker's script and
// wasm, each moved inline script, the callback page's script — and the page refuses it and
// says so. The byte is a letter's case in a string or comment (in wasm, in a message of
// its data), so the file stays valid: only the integrity check can refuse it. The copy
// unaltered works; a tab open across a deploy says "orderlint was updated: reload".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { transformSync } from 'esbuild';
import { join, posix } from 'node:path';
import { DIST, EDITOR, ROOT, launchBrowser, serveStatic } from './harness.mjs';
import { go } from './feedamp-steps.mjs';

let copy, site, browser;
before(async () => {
  copy = mkdtempSync(join(tmpdir(), 'orderlint-integrity-'));
  cpSync(DIST, copy, { recursive: true });
  site = await serveStatic(copy);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  site?.close();
  if (copy) rmSync(copy, { recursive: true, force: true });
});

/** Every file of the build by its path from the root, the precompressed copies aside. */
function files(dir = DIST, under = '') {
  return readdirSync(join(dir, under)).flatMap((f) => {
    const rel = under ? `${under}/${f}` : f;
    if (statSync(join(dir, rel)).isDirectory()) return files(dir, rel);
    return /\.(gz|br)$/.test(f) ? [] : [rel];
  });
}
const sha256 = (b) => createHash('sha256').update(b).digest('hex');
const sha384 = (b) => `sha384-${createHash('sha384').update(b).digest('base64')}`;
const page = () => readFileSync(join(DIST, 'index.html'), 'utf8');
/** The one file of the build whose path matches `pattern`. */
function one(pattern) {
  const found = files().filter((f) => pattern.test(f));
  assert.equal(found.length, 1, `${pattern}: ${found.join(' ')}`);
  return found[0];
}

test('every file but the pages is named by the SHA-256 of its bytes, and every reference to one carries its sha384', () => {
  const all = files();
  for (const f of all) {
    if (/\.html$/.test(f)) continue;
    const bytes = readFileSync(join(DIST, f));
    const m = posix.basename(f).match(/-([0-9a-f]{16})(?:_bg)?\.(js|wasm|css)$/);
    assert.ok(m, `${f} carries no hash in its name`);
    assert.equal(m[1], sha256(bytes).slice(0, 16), `${f} is not named by its bytes`);
    // Fetched by Trunk's loader shim before: the page builds its worker itself now.
    assert.doesNotMatch(f, /_loader/);
  }
  // What names a file also checks it: tags, the app's own metas, the split loader's fetches,
  // the start script's wasm. Every file is named somewhere, so none is left over.
  const named = new Set();
  const check = (from, ref, integrity) => {
    const path = ref.startsWith('/') ? ref.slice(1) : posix.join(posix.dirname(from), ref.replace(/^\.\//, ''));
    assert.ok(all.includes(path), `${from} names ${ref}, not in the build`);
    assert.equal(integrity, sha384(readFileSync(join(DIST, path))), `${from}: the integrity of ${ref}`);
    named.add(path);
  };
  const html = page();
  for (const [, tag, ref] of html.matchAll(/<((?:script|link)\b[^>]*?\s(?:src|href)="(\/[^"]+)"[^>]*)>/g)) {
    // The wasm's preload: the fetch that takes it checks it (the start script's, below).
    if (/\sas="fetch"/.test(tag)) continue;
    check('index.html', ref, tag.match(/\sintegrity="([^"]+)"/)?.[1]);
  }
  const meta = (name) => html.match(new RegExp(`<meta name="${name}"([^>]*)>`))?.[1] ?? '';
  const attr = (tag, name) => tag.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1];
  check('index.html', attr(meta('orderlint-editor'), 'content'), attr(meta('orderlint-editor'), 'data-integrity'));
  check('index.html', attr(meta('orderlint-worker'), 'content'), attr(meta('orderlint-worker'), 'data-integrity'));
  check('index.html', attr(meta('orderlint-worker'), 'data-wasm'), attr(meta('orderlint-worker'), 'data-wasm-integrity'));
  const loader = one(/^__wasm_split-[0-9a-f]{16}\.js$/);
  const fetches = [...readFileSync(join(DIST, loader), 'utf8').matchAll(/fetch\(new URL\("([^"]+)", import\.meta\.url\), \{ integrity: "([^"]+)" \}\)/g)];
  assert.equal(fetches.length, files().filter((f) => /^(split_|chunk_)/.test(f)).length, 'the loader fetches each part with its integrity');
  for (const [, ref, integrity] of fetches) check(loader, ref, integrity);
  const start = files().map((f) => readFileSync(join(DIST, f), 'utf8')).find((t) => t.includes('import init, * as bindings'));
  const [, wasm, integrity] = start.match(/fetch\('\/([^']+_bg\.wasm)', \{ integrity: '([^']+)' \}\)/);
  check('index.html', `/${wasm}`, integrity);
  const callback = readFileSync(join(DIST, 'feedamp-callback/index.html'), 'utf8');
  for (const [, tag, ref] of callback.matchAll(/<(script\b[^>]*?\ssrc="([^"]+)"[^>]*)>/g)) {
    check('feedamp-callback/index.html', ref, tag.match(/\sintegrity="([^"]+)"/)?.[1]);
  }
  // The glue and the snippets are preloaded with theirs (checked above); the glue's own
  // imports name them.
  const glue = one(/^orderlint-web-[0-9a-f]{16}\.js$/);
  for (const [, ref] of readFileSync(join(DIST, glue), 'utf8').matchAll(/from ["']\.\/([^"']+)["']/g)) {
    assert.ok(named.has(ref), `${glue} imports ${ref}, which the page does not preload with its integrity`);
  }
  const left = all.filter((f) => !/\.html$/.test(f) && !named.has(f));
  assert.deepEqual(left, [], 'files the build holds that nothing names');
});

test('the site config caches the hashed names for good and only them; scripts/size reads the build', () => {
  const conf = readFileSync(join(ROOT, 'www/site/nginx.conf'), 'utf8');
  const pattern = new RegExp(conf.match(/location ~ "([^"]+)" \{\s*add_header Cache-Control "public, max-age=31536000, immutable";/)[1]);
  for (const f of files()) assert.equal(pattern.test(`/${f}`), !/\.html$/.test(f), f);
  for (const old of ['/orderlint-sandbox-worker.js', '/__wasm_split.js', '/split_bulk_part.wasm', '/orderlint-web-1a2b3c4d_bg.wasm']) {
    assert.ok(!pattern.test(old), `${old} has no hash of its bytes: not immutable`);
  }
  const said = execFileSync(join(ROOT, 'scripts/size'), [DIST], { encoding: 'utf8' });
  for (const line of ['wasm', 'js', 'code editor', 'simulators', 'sending', 'other pages']) {
    assert.match(said, new RegExp(`^${line}.*\\s[1-9][0-9]+\\s`, 'm'), `scripts/size reads no ${line}:\n${said}`);
  }
});

/**
 * `bytes` with one letter's case flipped where the file stays valid (for JS, what esbuild
 * still parses: a string or a comment; for wasm, a module that still validates: a message
 * in its data), so only the integrity check can refuse it.
 */
function alter(path, bytes) {
  const text = bytes.toString('latin1');
  for (const m of text.matchAll(/[a-z]{3,} [a-z]{2,}/g)) {
    const out = Buffer.from(bytes);
    out[m.index] ^= 0x20;
    if (path.endsWith('.wasm') ? WebAssembly.validate(out) : parses(out)) return out;
  }
  assert.fail(`no place in ${path} to alter that leaves it valid`);
}

function parses(bytes) {
  try {
    transformSync(bytes.toString('utf8'), { loader: 'js', format: 'esm', target: 'esnext' });
    return true;
  } catch {
    return false;
  }
}

/** A fresh tab (a cold cache) whose console and uncaught errors are kept. */
async function tab() {
  const p = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  p.said = [];
  p.served = [];
  p.on('console', (m) => p.said.push(m.text()));
  p.on('pageerror', (e) => p.said.push(e.message));
  p.on('response', (r) => p.served.push(`${r.status()} ${new URL(r.url()).pathname}`));
  return p;
}

/** Waits until the tab's console has said something matching `pattern`. */
async function said(p, pattern) {
  for (const end = Date.now() + 15000; !p.said.some((m) => pattern.test(m)); await new Promise((r) => setTimeout(r, 50))) {
    if (Date.now() > end) assert.fail(`the console never said ${pattern}:\n${p.said.join('\n')}`);
  }
}

/** The page's start-up note, once it says the app could not start. */
async function bootFailure(p) {
  await p.waitForSelector('.boot.failed .boot-msg', { timeout: 15000 });
  return p.textContent('.boot.failed .boot-msg');
}

/**
 * Serves the copy with `file` altered, and runs `body` in a fresh tab opened at `at` (the
 * Veeqo channel step); then `file` must have reached the browser (so what stopped it is
 * the check, not a missing file). The copy is whole again after.
 */
async function altered(file, body, at = '#/veeqo/channel') {
  const path = join(copy, file);
  const original = readFileSync(path);
  writeFileSync(path, alter(file, original));
  const p = await tab();
  try {
    await p.goto(`${site.url}/${at}`);
    await body(p);
    assert.ok(p.served.includes(`200 /${file}`), `${file} was served: ${p.served.join(', ')}`);
  } finally {
    await p.context().close();
    writeFileSync(path, original);
  }
}

test('the copy unaltered works: the editor, a page cut apart, and the simulators\' worker', async () => {
  const p = await tab();
  await p.goto(`${site.url}/#/veeqo/channel`);
  await p.waitForSelector(EDITOR);
  await p.click('[data-testid=send]');
  await p.waitForFunction(() => document.querySelector('[data-testid=response-status]')?.textContent.startsWith('201'), null, { timeout: 15000 });
  await go(p, 'bulk');
  await p.waitForSelector('[data-testid=bulk-kind]', { timeout: 15000 });
  assert.deepEqual(p.said.filter((m) => /integrity|did not load/i.test(m)), [], 'no warning either');
  assert.ok(!p.served.some((s) => /_loader/.test(s)), 'no loader script is fetched');
  await p.context().close();
});

for (const [what, pattern, message] of [
  ['the app\'s wasm', /^orderlint-web-[0-9a-f]{16}_bg\.wasm$/, /^orderlint could not start: its WebAssembly did not load, or failed its integrity check\./],
  ['the JS glue', /^orderlint-web-[0-9a-f]{16}\.js$/, /^orderlint could not start: a file of the page did not load, or failed its integrity check\./],
  ['the split loader', /^__wasm_split-[0-9a-f]{16}\.js$/, /^orderlint could not start: a file of the page did not load, or failed its integrity check\./],
  ['a wasm-bindgen snippet', /^snippets\/.*\/inline0-[0-9a-f]{16}\.js$/, /^orderlint could not start: a file of the page did not load, or failed its integrity check\./],
  ['the start script', 'start', /^orderlint could not start: a file of the page did not load, or failed its integrity check\./],
  ['the loading note\'s script', 'boot', /^orderlint could not start: a file of the page did not load, or failed its integrity check\. Reload to try again\.$/],
]) {
  test(`${what} altered: the app does not start, and the page says why`, async () => {
    const scripts = files().filter((f) => /^script-/.test(f));
    const isStart = (f) => readFileSync(join(DIST, f), 'utf8').includes('import init');
    const file = pattern === 'start' ? scripts.find(isStart) : pattern === 'boot' ? scripts.find((f) => !isStart(f)) : one(pattern);
    await altered(file, async (p) => {
      assert.match(await bootFailure(p), message);
      assert.equal(await p.$(EDITOR), null, 'no app');
      assert.equal(await p.$('textarea[data-testid=payload]'), null, 'no app');
    });
  });
}

test('a split part altered: its page is not drawn, and says its code failed its integrity check', async () => {
  const file = one(/^split_bulk_part-[0-9a-f]{16}\.wasm$/);
  await altered(file, async (p) => {
    await p.waitForSelector(EDITOR);
    await go(p, 'bulk');
    await p.waitForSelector('[data-testid=page-failed]', { timeout: 15000 });
    assert.match(await p.textContent('[data-testid=page-failed]'), /could not be loaded, or failed its integrity check/);
    assert.equal(await p.$('[data-testid=page-failed][data-updated]'), null, 'the same build: not an update');
    assert.equal(await p.$('[data-testid=bulk-kind]'), null);
  });
});

test('the code editor altered: it is not run, and the text area stays the editor', async () => {
  const file = one(/^editor-[0-9a-f]{16}\.js$/);
  await altered(file, async (p) => {
    await p.waitForSelector('textarea[data-testid=payload]');
    await said(p, /code editor did not load, or failed its integrity check/);
    assert.equal(await p.$('[data-testid=payload-editor]'), null, 'the altered editor was not mounted');
    // The plain editor works: a Send from it.
    await p.click('[data-testid=send]');
    await p.waitForFunction(() => document.querySelector('[data-testid=response-status]')?.textContent.startsWith('201'), null, { timeout: 15000 });
  });
});

for (const [what, pattern] of [
  ['script', /^orderlint-sandbox-worker-[0-9a-f]{16}\.js$/],
  ['wasm', /^orderlint-sandbox-worker-[0-9a-f]{16}_bg\.wasm$/],
]) {
  test(`the simulators' worker's ${what} altered: a Send in the sandbox says so, and runs none of it`, async () => {
    const file = one(pattern);
    await altered(file, async (p) => {
      await p.waitForSelector(EDITOR);
      await p.click('[data-testid=send]');
      await p.waitForFunction(() => /in-page sandbox/.test(document.querySelector('[data-testid=response-area]')?.textContent || ''), null, { timeout: 15000 });
      assert.match(await p.textContent('[data-testid=response-area]'),
        /the in-page sandbox could not start: its code failed its integrity check, so it was not run/);
      assert.ok(!(await p.textContent('[data-testid=response-area]')).includes('201'), 'nothing answered');
    });
  });
}

test('the callback page\'s script altered: it does not run', async () => {
  const file = one(/^feedamp-callback\/callback-[0-9a-f]{16}\.js$/);
  const at = 'feedamp-callback/?code=integrity-code&state=integrity-state';
  // Whole, it hands the code over and leaves for the app at once.
  const whole = await tab();
  await whole.goto(`${site.url}/${at}`);
  await whole.waitForURL((u) => !u.pathname.startsWith('/feedamp-callback'), { timeout: 15000 });
  await whole.context().close();
  await altered(file, async (p) => {
    await said(p, /integrity/);
    assert.ok(new URL(p.url()).pathname.startsWith('/feedamp-callback'), p.url());
    assert.equal(await p.evaluate(() => sessionStorage.length), 0, 'nothing handed over');
  }, at);
});

test('a tab open across a deploy: its own parts while hosted; once gone, "orderlint was updated: reload to continue"', async () => {
  const html = join(copy, 'index.html');
  const original = readFileSync(html, 'utf8');
  // Bulk's own part and the simulators' worker: not fetched yet when the host drops them.
  const parts = readdirSync(copy).filter((f) => /^(split_bulk_part-|orderlint-sandbox-worker-)/.test(f));
  const aside = mkdtempSync(join(tmpdir(), 'orderlint-deployed-'));
  const p = await tab();
  try {
    await p.goto(`${site.url}/#/veeqo/channel`);
    await p.waitForSelector(EDITOR);
    // The next build is deployed: another index.html. The old files still hosted, the old
    // tab takes its own (their names hold their bytes: they can only be this build's).
    writeFileSync(html, original.replace(/(<meta name="orderlint-build" content=")[0-9a-f]+/, '$1feedfacefeedface'));
    await go(p, 'settings');
    await p.waitForSelector('[data-testid=settings-target]', { timeout: 15000 });
    // Then the host drops them: a page not opened yet, and the simulators, say so.
    for (const f of parts) {
      cpSync(join(copy, f), join(aside, f));
      rmSync(join(copy, f));
    }
    await go(p, 'bulk');
    await p.waitForSelector('[data-testid=page-failed][data-updated=true]', { timeout: 15000 });
    assert.match(await p.textContent('[data-testid=page-failed]'), /^orderlint was updated: reload to continue\./);
    await go(p, 'veeqo/channel');
    await p.waitForSelector(EDITOR);
    await p.click('[data-testid=send]');
    await p.waitForFunction(() => /in-page sandbox/.test(document.querySelector('[data-testid=response-area]')?.textContent || ''), null, { timeout: 15000 });
    assert.match(await p.textContent('[data-testid=response-area]'), /the in-page sandbox could not start: orderlint was updated: reload to continue/);
    // Reload takes the new page.
    await go(p, 'bulk');
    await p.waitForSelector('[data-testid=reload]', { timeout: 15000 });
    await Promise.all([p.waitForEvent('load'), p.click('[data-testid=reload]')]);
    assert.equal(await p.evaluate(() => document.querySelector('meta[name=orderlint-build]').content), 'feedfacefeedface');
  } finally {
    writeFileSync(html, original);
    for (const f of parts) if (!existsSync(join(copy, f))) cpSync(join(aside, f), join(copy, f));
    rmSync(aside, { recursive: true, force: true });
    await p.context().close();
  }
});
