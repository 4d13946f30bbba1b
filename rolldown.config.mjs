// The build: the whole CLI as one CommonJS file, dist/smei.cjs, which
// bin/smei.js compiles with a V8 code cache (Node 20 has no compile cache for
// ES modules): one file to read, no module graph to resolve and link, and the
// functions it ran last time already compiled. Code that commands load lazily
// stays lazy inside the file (modules are evaluated when first imported), and
// so do the costly Node modules (lazyBuiltins).
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

/** Rewrites the bundle's top-level requires of LAZY_BUILTINS into lazy proxies. */
const lazyBuiltins = {
  name: 'lazy-builtins',
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
    if (out === code) throw new Error('lazy-builtins: no top-level require to rewrite; check the bundle format');
    // default and named imports both read through the proxy: x.default is the module itself
    const helper = 'var __lazyBuiltin = (id) => { let m; return new Proxy({}, { get: (_, k) => (m ??= require(id), k === "default" ? m : m[k]) }); };\n';
    const at = out.indexOf('let node_');
    return `${out.slice(0, at)}${helper}${out.slice(at)}`;
  },
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

export default defineConfig({
  input: { smei: 'src/cli/main.ts' },
  plugins: [lazyBuiltins, loaderReady],
  platform: 'node',
  // Large or native libraries stay in node_modules, required only when a
  // command needs them: SheetJS for .xls, ECharts, docx and resvg for reports.
  external: [/^node:/, '@resvg/resvg-js', 'echarts', 'docx', '@e965/xlsx'],
  output: {
    dir: 'dist',
    format: 'cjs',
    entryFileNames: '[name].cjs',
    codeSplitting: false,
    // require() the external libraries: the file runs in vm.Script, where import() needs a loader
    dynamicImportInCjs: false,
    cleanDir: true,
  },
});
