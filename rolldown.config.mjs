// The build: the whole CLI as one CommonJS file, dist/smei.cjs, which
// bin/smei.js compiles with a V8 code cache (Node 20 has no compile cache for
// ES modules): one file to read, no module graph to resolve and link, and the
// functions it ran last time already compiled. Code that commands load lazily
// stays lazy inside the file (modules are evaluated when first imported).
import { defineConfig } from 'rolldown';

export default defineConfig({
  input: { smei: 'src/cli/main.ts' },
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
