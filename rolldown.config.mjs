// The build: the CLI as a few CommonJS files in dist/, which bin/smei.js
// compiles each with a V8 code cache (Node 20 has no compile cache for ES
// modules): no module graph to resolve and link, and the functions the last
// runs used already compiled. A run reads only the files it needs:
//   smei.cjs       the entry (a few lines);
//   core.cjs       what every command needs, and all that compute on a CSV
//                  does (reading, review, the index, the terminal table);
//   commands.cjs   the other commands' definitions and drivers;
//   documents.cjs  reports, charts, workbooks, maps, analyses, rebasing;
//   table.cjs      framework tables (a --framework file in CSV or a workbook);
//   csv.cjs        csv-parse (and the framework tables only it reads: table-csv.ts);
//   color.cjs      chalk, for a terminal in colour.
// Reading and compiling cost in proportion to the bytes and functions read,
// and a file of 900 KB made `smei compute` 1.4 times `node -e 0`. Modules
// are evaluated when first imported (strictExecutionOrder), so code a
// command loads lazily stays lazy inside its file, and so do the costly Node
// modules (lazyBuiltins).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'rolldown';

// Node's own modules that cost milliseconds to load and that most commands
// never touch: crypto (hashes for reports), zlib (workbooks), tty and os
// (colour detection). The bundle requires external modules at its top; this
// turns those requires into a proxy that loads the module on first use.
const LAZY_BUILTINS = ['crypto', 'zlib', 'tty', 'os'];
// commander requires child_process at its top, for executable subcommands that smei does not have
const LAZY_INSIDE = ['child_process'];
// csv-parse requires stream (no node: prefix) for its Transform class; read.ts imports csv-parse only when a file needs it
const LAZY_BARE = ['stream'];
// Libraries left in node_modules (external, below) and loaded on first use:
// string-width, which src/render/width.ts calls only for text it does not
// count itself (emoji, escape codes), 14 KB with its emoji pattern. The
// variable is rolldown's name for the module.
const LAZY_PACKAGES = { 'string-width': 'string_width' };

/** Rewrites the bundle's top-level requires of LAZY_BUILTINS into lazy proxies. */
let rewritten = 0;
const lazyBuiltins = {
  name: 'lazy-builtins',
  buildStart() {
    rewritten = 0;
  },
  // some chunk must have had such requires: none means the bundle's format changed under the rewrite
  generateBundle() {
    if (rewritten === 0) throw new Error('lazy-builtins: no top-level require to rewrite in any chunk; check the bundle format');
  },
  renderChunk(code) {
    let out = code;
    for (const m of LAZY_BUILTINS) {
      const v = `node_${m}`;
      const plain = `let ${v} = require("node:${m}");`;
      const interop = `${plain}\n${v} = __toESM(${v}, 1);`;
      out = out.replace(interop, `let ${v} = __lazyBuiltin("node:${m}");`).replace(plain, `let ${v} = __lazyBuiltin("node:${m}");`);
    }
    for (const m of LAZY_INSIDE) out = out.replaceAll(`require("node:${m}")`, `__lazyBuiltin("node:${m}")`);
    for (const m of LAZY_BARE) out = out.replace(`let ${m} = require("${m}");`, `let ${m} = __lazyBuiltin("${m}");`);
    for (const [m, v] of Object.entries(LAZY_PACKAGES)) out = out.replace(`let ${v} = require("${m}");`, `let ${v} = __lazyBuiltin("${m}");`);
    if (out === code) return null;
    rewritten++;
    // default and named imports both read through the proxy: x.default is the module itself
    // a function, so that a module that is one (string-width) can be called through it
    const helper = 'var __lazyBuiltin = (id) => { let m; return new Proxy(function () {}, { get: (_, k) => (m ??= require(id), k === "default" ? m : m[k]), apply: (_, self, args) => (m ??= require(id)).apply(self, args) }); };\n';
    // first in the chunk (after its "use strict"), before any use
    const at = out.startsWith('"use strict";') ? out.indexOf('\n') + 1 : 0;
    return `${out.slice(0, at)}${helper}${out.slice(at)}`;
  },
};

/**
 * rolldown wraps each Node module a chunk imports in an ES module namespace
 * (__toESM), which copies every export onto a new object with a getter each:
 * for node:process, node:fs and node:path, some 300 getters at every start.
 * smei imports them by name (node_fs.readFileSync), which the module itself
 * answers, so the wrapper is left out wherever the chunk never asks for a
 * default export (chalk's `import process from 'node:process'` keeps it).
 */
const plainBuiltins = {
  name: 'plain-builtins',
  renderChunk(code) {
    const out = code.replace(/^(node_\w+) = (?:require_rolldown_runtime\.)?__toESM\(\1, 1\);\n/gm, (line, name) => (code.includes(`${name}.default`) ? line : ''));
    return out === code ? null : out;
  },
};

/**
 * cli-table3 measures every cell with string-width, whose emoji pattern costs
 * start-up 2 ms; it is handed src/render/width.ts instead, which gives the
 * same widths (test/render/width.test.ts) and calls string-width itself for
 * anything but plain ASCII and CJK text.
 */
const WIDTH = fileURLToPath(new URL('src/render/width.ts', import.meta.url));
const CLI_TABLE = /[\\/]node_modules[\\/]cli-table3[\\/]/;
const tableWidth = {
  name: 'table-width',
  resolveId(source, importer) {
    if (source === 'string-width' && importer && CLI_TABLE.test(importer)) return '\0table-width';
    return null;
  },
  // string-width's CommonJS shape: the function is module.exports
  load: (id) => (id === '\0table-width' ? `module.exports = require(${JSON.stringify(WIDTH)}).default;` : null),
};

/**
 * The file bin/smei.js compiles: one function expression (the wrapper Node
 * puts around a CommonJS module), so it is compiled as read, without a copy
 * to wrap it; and ASCII, every other character escaped as \uXXXX (in
 * strings, regular expressions and comments; smei has no String.raw), so it
 * is read as Latin-1, a plain copy, and V8 compiles a one-byte source about
 * twice as fast as a two-byte one.
 */
const loaderReady = {
  name: 'loader-ready',
  // after rendering: rolldown prints renderChunk's output again, unescaping it
  generateBundle(_, bundle) {
    const hex = (n) => `\\u${n.toString(16).padStart(4, '0')}`;
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk') continue;
      chunk.code = `(function (exports, require, module, __filename, __dirname) {${chunk.code}\n})`;
      chunk.code = chunk.code.replace(/[^\x00-\x7f]/gu, (ch) => {
        const c = ch.codePointAt(0);
        return c < 0x10000 ? hex(c) : hex(0xd800 + ((c - 0x10000) >> 10)) + hex(0xdc00 + ((c - 0x10000) & 0x3ff));
      });
    }
  },
};

/**
 * What only reports, workbooks, analyses and revisions need: dist/documents.cjs,
 * which the commands that use it load when they first import one of these
 * (compute on a CSV never does).
 */
const DOCUMENTS = new RegExp(
  [
    'src/render/(analysis|chart-spec|charts|compute-xlsx|data|data-notes|diff|docx|drivers|form|geo|html|markdown|phrases|report|review|unified-diff|xlsx-layout|xlsx-writer)\\.ts$',
    'src/analysis/',
    'src/core/(diff|drivers)\\.ts$',
    'src/time/rebase\\.ts$',
    'src/input/(form|sheetjs|workbook|xlsx)\\.ts$',
    'src/zip\\.ts$',
  ].join('|'),
);

export default defineConfig({
  input: { smei: 'src/cli/main.ts' },
  plugins: [tableWidth, lazyBuiltins, plainBuiltins, loaderReady],
  platform: 'node',
  // the entry's exports are main() and what tests use; extending them with what documents.cjs imports is fine
  preserveEntrySignatures: 'allow-extension',
  // Large or native libraries stay in node_modules, required only when a
  // command needs them: SheetJS for .xls, ECharts, docx and resvg for reports;
  // the colours cli-table3 requires only for coloured borders (smei draws
  // none), and LAZY_PACKAGES.
  // (cli-table3's own string-width is src/render/width.ts: tableWidth)
  external: (id, importer) =>
    id.startsWith('node:') || ['@resvg/resvg-js', 'echarts', 'docx', '@e965/xlsx', '@colors/colors/safe'].includes(id) || (Object.hasOwn(LAZY_PACKAGES, id) && !CLI_TABLE.test(importer ?? '')),
  output: {
    dir: 'dist',
    format: 'cjs',
    entryFileNames: '[name].cjs',
    // the chunk holding main() is core.cjs (rolldown names a group's chunk after a module in it)
    chunkFileNames: (chunk) => (chunk.moduleIds.some((id) => /[\\/]src[\\/]cli[\\/]main\.ts$/.test(id)) ? 'core.cjs' : '[name].cjs'),
    strictExecutionOrder: true,
    comments: { legal: true, annotation: false, jsdoc: false },
    // The files named at the top. A group's modules do not pull their own
    // imports along (includeDependenciesRecursively), so core never requires
    // another file at its start: test/cli/bin.test.ts checks that compute on
    // a CSV reads core.cjs alone.
    codeSplitting: {
      groups: [
        { name: 'documents', test: (id) => DOCUMENTS.test(id.replaceAll('\\', '/')), priority: 2, includeDependenciesRecursively: false },
        { name: 'commands', test: /[\\/]src[\\/]cli[\\/]commands[\\/](analysis|config|data|diff|framework|rebase|report|review|template)\.ts$/, priority: 2, includeDependenciesRecursively: false },
        { name: 'color', test: /[\\/]node_modules[\\/]chalk[\\/]/, priority: 2, includeDependenciesRecursively: false },
        { name: 'csv', test: /[\\/]node_modules[\\/]csv-parse[\\/]|[\\/]src[\\/]framework[\\/]table-csv\.ts$/, priority: 2, includeDependenciesRecursively: false },
        { name: 'table', test: /[\\/]src[\\/]framework[\\/]table\.ts$/, priority: 2, includeDependenciesRecursively: false },
        { name: 'core', test: /./, priority: 1 },
      ],
    },
    // require() the external libraries: the file runs in vm.Script, where import() needs a loader
    dynamicImportInCjs: false,
    cleanDir: true,
  },
});
