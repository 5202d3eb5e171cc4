// Cuts the app's wasm into the first page and the pages loaded on demand (Leptos's
// `#[lazy]` functions): wasm-split over the linker's output, then wasm-bindgen and
// wasm-opt as Trunk does, written over Trunk's main module. The split loader
// (__wasm_split.js) fetches each part with its integrity, and gets the JS glue handed to it
// rather than importing it; the post-build hook then names every file by its final bytes.
// Trunk does not run this step itself (trunk-rs/trunk issue 1022).
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
    // Parts an earlier build left in the folder go.
    for (const f of readdirSync(site)) if (/^(split_|chunk_).*\.wasm$|^__wasm_split/.test(f)) rmSync(join(site, f));
    cpSync(join(bound, `${name}.js`), join(site, `${name}.js`));
    cpSync(join(bound, `${name}_bg.wasm`), join(site, `${name}_bg.wasm`));
    cpSync(join(bound, 'snippets'), join(site, 'snippets'), { recursive: true });
    for (const f of readdirSync(cut)) if (f !== `${name}.wasm`) cpSync(join(cut, f), join(site, f));
    checkedLoader(site, name);
    return chunks.length;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Makes wasm-split's loader fit names that follow bytes. Each part is fetched with its
 * integrity (sha384, as the page's tags): a part altered, or another build's under the
 * same name, is refused before it is compiled, and the page says so. And the loader no
 * longer imports the glue (`<name>.js`), which imports it back: each would name the
 * other by a hash of its own bytes, a cycle no name can close. The glue hands the loader
 * its `initSync` instead, when it is first evaluated, before anything loads a part.
 */
function checkedLoader(site, name) {
  const loader = join(site, '__wasm_split.js');
  let code = readFileSync(loader, 'utf8');
  const glueImport = `import { initSync } from "./${name}.js";`;
  if (!code.includes(glueImport)) throw new Error(`split-wasm: __wasm_split.js no longer imports initSync from ./${name}.js`);
  code = code.replace(glueImport, 'let initSync;\nexport function __wasm_split_glue(f) { initSync = f; }');
  let fetches = 0;
  code = code.replace(/fetch\(new URL\("\.\/([^"]+\.wasm)", import\.meta\.url\)\)/g, (_, part) => {
    fetches += 1;
    const sri = `sha384-${createHash('sha384').update(readFileSync(join(site, part))).digest('base64')}`;
    return `fetch(new URL("./${part}", import.meta.url), { integrity: "${sri}" })`;
  });
  const parts = readdirSync(site).filter((f) => /^(split_|chunk_).*\.wasm$/.test(f)).length;
  if (fetches !== parts) throw new Error(`split-wasm: __wasm_split.js fetches ${fetches} parts in a form known here, of ${parts}`);
  writeFileSync(loader, code);
  const glue = join(site, `${name}.js`);
  const js = readFileSync(glue, 'utf8');
  if (!/^function initSync\(/m.test(js)) throw new Error(`split-wasm: ${name}.js has no initSync`);
  writeFileSync(glue, `import { __wasm_split_glue } from "./__wasm_split.js";\n${js}\n__wasm_split_glue(initSync);\n`);
}
