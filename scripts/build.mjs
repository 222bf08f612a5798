// Builds the component: Rust to wasm, wasm-bindgen to an ES module in pkg/, wasm-opt to shrink
// it, then prints what the component adds to a page, gzipped, against its budget.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = path.join(root, 'pkg');
const wasmIn = path.join(root, 'target/wasm32-unknown-unknown/release/connect_softphone.wasm');
const wasmOut = path.join(pkg, 'connect_softphone_bg.wasm');

/** The budget: 15% of amazon-connect-streams' own minified bundle, gzipped (190.5 KB). */
export const BUDGET_BYTES = 28 * 1024;

/** The files a page loads for the component: the wasm, its glue and snippets, the entry. */
export function shipped() {
  const snippets = existsSync(path.join(pkg, 'snippets'))
    ? readdirSync(path.join(pkg, 'snippets'), { recursive: true })
        .filter((f) => f.endsWith('.js'))
        .map((f) => path.join('pkg/snippets', f))
    : [];
  return ['pkg/connect_softphone_bg.wasm', 'pkg/connect_softphone.js', ...snippets, 'js/index.js'];
}

function run(command, args) {
  execFileSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
}

export function build() {
  run('cargo', ['build', '--quiet', '--release', '--target', 'wasm32-unknown-unknown', '--lib']);
  rmSync(pkg, { recursive: true, force: true });
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', pkg, wasmIn]);
  run(path.join(root, 'node_modules/.bin/wasm-opt'), [
    '-Oz',
    '--enable-bulk-memory',
    '--enable-nontrapping-float-to-int',
    '--enable-sign-ext',
    '--enable-mutable-globals',
    '--enable-reference-types',
    '--enable-multivalue',
    '--strip-debug',
    '--strip-producers',
    '-o', wasmOut, wasmOut,
  ]);
}

/** Raw and gzipped sizes of the shipped files. */
export function sizes() {
  return shipped().map((file) => {
    const bytes = readFileSync(path.join(root, file));
    return { file, raw: statSync(path.join(root, file)).size, gzip: gzipSync(bytes, { level: 9 }).length };
  });
}

function kb(n) {
  return (n / 1024).toFixed(1) + ' KB';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  build();
  const rows = sizes();
  const total = rows.reduce((sum, r) => sum + r.gzip, 0);
  for (const r of rows) console.log(`size: ${r.file.padEnd(48)} ${kb(r.raw).padStart(9)} raw ${kb(r.gzip).padStart(9)} gzip`);
  const verdict = total <= BUDGET_BYTES ? 'within' : 'OVER';
  console.log(`size: total ${kb(total)} gzipped, ${verdict} the ${kb(BUDGET_BYTES)} budget`);
}
