// Cuts the app's wasm into the first page and the pages loaded on demand (Leptos's
// `#[lazy]` functions): wasm-split over the linker's output, then wasm-bindgen and
// wasm-opt as Trunk does, written over Trunk's main module under its hashed names, with
// the page's integrity hashes renewed. Trunk does not run this step itself
// (trunk-rs/trunk issue 1022); the post-build hook calls it.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const WASM_OPT_FEATURES = ['--enable-reference-types', '--enable-bulk-memory', '--enable-nontrapping-float-to-int',
  '--enable-sign-ext', '--enable-mutable-globals', '--enable-multivalue'];

function run(cmd, args) {
  execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** `site`: Trunk's staging folder; `root`: the repository; `release`: a release build. */
export function splitWasm(site, root, release) {
  // Trunk names the module with its hash in unpadded hex: 16 digits or fewer.
  const js = readdirSync(site).find((f) => /^orderlint-web-[0-9a-f]{1,16}\.js$/.test(f));
  if (!js) throw new Error(`split-wasm: no orderlint-web-<hash>.js in ${site}`);
  const name = js.slice(0, -3);
  const targetDir = process.env.CARGO_TARGET_DIR || join(root, 'target');
  const linked = join(targetDir, 'wasm32-unknown-unknown', release ? 'web' : 'debug', 'orderlint-web.wasm');
  if (!existsSync(linked)) throw new Error(`split-wasm: no linker output at ${linked}`);
  const work = mkdtempSync(join(tmpdir(), 'orderlint-split-'));
  try {
    const cut = join(work, 'cut');
    const bound = join(work, 'bound');
    run('wasm-split-cli', [linked, cut, '--target', 'web', '--out-name', name]);
    run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--keep-lld-exports', '--no-demangle',
      '--out-dir', bound, '--out-name', name, join(cut, `${name}.wasm`)]);
    const chunks = readdirSync(cut).filter((f) => f.endsWith('.wasm') && f !== `${name}.wasm`);
    const wasms = [join(bound, `${name}_bg.wasm`), ...chunks.map((f) => join(cut, f))];
    if (release) for (const w of wasms) run('wasm-opt', ['-Oz', ...WASM_OPT_FEATURES, w, '-o', w]);
    // Old chunks of an earlier build go: their names carry no content hash.
    for (const f of readdirSync(site)) if (/^(split_|chunk_).*\.wasm$|^__wasm_split/.test(f)) rmSync(join(site, f));
    cpSync(join(bound, `${name}.js`), join(site, `${name}.js`));
    cpSync(join(bound, `${name}_bg.wasm`), join(site, `${name}_bg.wasm`));
    cpSync(join(bound, 'snippets'), join(site, 'snippets'), { recursive: true });
    for (const f of readdirSync(cut)) if (f !== `${name}.wasm`) cpSync(join(cut, f), join(site, f));
    // The page names the main module's files with their integrity: renew both hashes.
    const html = join(site, 'index.html');
    let page = readFileSync(html, 'utf8');
    for (const f of [`${name}.js`, `${name}_bg.wasm`]) {
      const sri = `sha384-${createHash('sha384').update(readFileSync(join(site, f))).digest('base64')}`;
      const re = new RegExp(`(href="/${f.replace('.', '\\.')}"[^>]*integrity=")[^"]*(")`);
      if (!re.test(page)) throw new Error(`split-wasm: index.html does not name ${f} with an integrity`);
      page = page.replace(re, `$1${sri}$2`);
    }
    writeFileSync(html, page);
    return chunks.length;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
