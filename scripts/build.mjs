// Builds the component: Rust to wasm, wasm-bindgen to an ES module in pkg/, wasm-opt to shrink
// it, then prints what the component adds to a page, gzipped, against its budget.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = path.join(root, 'pkg');
const wasmIn = path.join(root, 'target/wasm32-unknown-unknown/release/connect_softphone.wasm');
const wasmOut = path.join(pkg, 'connect_softphone_bg.wasm');
const glueFile = path.join(pkg, 'connect_softphone.js');

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
  const wasmOpt = (...passes) =>
    execFileSync(path.join(root, 'node_modules/.bin/wasm-opt'), [
      '--enable-bulk-memory',
      '--enable-nontrapping-float-to-int',
      '--enable-sign-ext',
      '--enable-mutable-globals',
      '--enable-reference-types',
      '--enable-multivalue',
      ...passes,
      '-o', wasmOut, wasmOut,
    ], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  // Optimising until nothing changes (--converge) takes a few seconds more than one round.
  // The renaming runs apart, as it must run once (it prints what it renamed), after one more
  // round; in all, 0.2 KB gzipped less than a single -Oz with the renaming.
  wasmOpt('-Oz', '--converge', '--strip-debug', '--strip-producers');
  const renaming = wasmOpt('-Oz', '--minify-imports-and-exports-and-modules');
  renameInGlue(JSON.parse(renaming));
  checkInNode();
}

/** The module wasm-bindgen's glue provides the wasm's imports as. */
const GLUE_MODULE = './connect_softphone_bg.js';

/**
 * Gives the glue the short names that wasm-opt gave the wasm's imports and exports.
 *
 * wasm-bindgen names each import after what it binds, plus a hash
 * (`__wbg_setAttribute_2c7f…` of the module `./connect_softphone_bg.js`), and the wasm
 * carries every name in full. `--minify-imports-and-exports-and-modules` renames them to a
 * letter or two, all in one module, and prints the renaming as
 * `{imports: [[module, name, short]…], exports: [[name, short]…]}`. This rewrites the glue to
 * match: the keys of its import object, the snippets' functions moved into that object, the
 * module it is given as, and its `wasm.<export>` references. Nothing the glue exports changes.
 * Each name must be found where wasm-bindgen writes it, or the build stops.
 */
function renameInGlue({ imports, exports }) {
  let glue = readFileSync(glueFile, 'utf8');
  const replaceOnce = (from, to) => {
    const at = glue.indexOf(from);
    if (at < 0 || glue.includes(from, at + 1)) {
      throw new Error(`build: expected ${JSON.stringify(from)} once in ${glueFile}`);
    }
    glue = glue.slice(0, at) + to + glue.slice(at + from.length);
  };

  // The objects the glue hands to the wasm, by module: `"./connect_softphone_bg.js": import0,`.
  const objects = new Map();
  for (const [, module, object] of glue.matchAll(/^ {8}"([^"]+)": (import\d+),$/gm)) {
    objects.set(module, object);
  }
  const own = objects.get(GLUE_MODULE);
  const [module, ...others] = new Set(
    WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(wasmOut))).map((i) => i.module),
  );
  if (!own || !module || others.length > 0) {
    throw new Error(`build: unexpected import modules in ${glueFile} or ${wasmOut}`);
  }

  const moved = [];
  for (const [from, name, short] of imports) {
    if (from === GLUE_MODULE) {
      replaceOnce(`\n        ${name}: function(`, `\n        ${short}: function(`);
      if (glue.includes(name)) throw new Error(`build: ${name} is still in ${glueFile}`);
    } else if (objects.has(from)) {
      // A snippet's function; the glue imports the snippet as a namespace object.
      moved.push(`        ${short}: ${objects.get(from)}.${name},\n`);
    } else {
      throw new Error(`build: the wasm imports ${from}, which ${glueFile} does not provide`);
    }
  }
  const head = `    const ${own} = {\n        __proto__: null,\n`;
  replaceOnce(head, head + moved.join(''));
  for (const [from, object] of objects) {
    const entry = `        ${JSON.stringify(from)}: ${object},\n`;
    replaceOnce(entry, object === own ? `        ${JSON.stringify(module)}: ${own},\n` : '');
  }

  for (const [name, short] of exports) {
    const reference = new RegExp(`\\bwasm\\.${name.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
    glue = glue.replace(reference, `wasm.${short}`);
    if (reference.test(glue)) throw new Error(`build: wasm.${name} is still in ${glueFile}`);
  }
  writeFileSync(glueFile, withoutComments(glue));
}

/**
 * The glue without its comment lines, indentation and blank lines: about 1 KB of the gzipped
 * total (the comments repeat the Rust documentation, which `js/index.d.ts` gives the API's
 * users). Only whole lines go, and only where that cannot touch a string: the build stops if
 * a comment shares a line with code, or a string or template literal runs over lines.
 */
function withoutComments(glue) {
  const kept = [];
  let inComment = false;
  for (const line of glue.split('\n')) {
    const text = line.trim();
    const end = text.indexOf('*/');
    if (inComment || text.startsWith('/*')) {
      if (end >= 0 && end !== text.length - 2) {
        throw new Error(`build: a comment shares a line with code in ${glueFile}: ${line}`);
      }
      inComment = end < 0;
    } else if (!text.startsWith('//') && text !== '') {
      if (text.endsWith('\\') || (text.match(/`/g) ?? []).length % 2 === 1) {
        throw new Error(`build: a literal runs over lines in ${glueFile}: ${line}`);
      }
      kept.push(text);
    }
  }
  return kept.join('\n') + '\n';
}

/** Loads the glue and the wasm in Node, as the doctor CLI does, and runs `diagnose` once. */
function checkInNode() {
  const script = `
    import { readFileSync } from 'node:fs';
    const glue = await import(${JSON.stringify(pathToFileURL(glueFile).href)});
    glue.initSync({ module: readFileSync(${JSON.stringify(wasmOut)}) });
    if (!Array.isArray(glue.diagnose({}).findings)) throw new Error('diagnose answered nothing');
  `;
  execFileSync(process.execPath, ['--input-type=module', '--eval', script], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
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
