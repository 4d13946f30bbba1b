// The build: one ES module for the CLI (plus chunks for what commands load
// lazily), with its dependencies inlined, so that `smei` starts fast: Node
// resolves and links one file instead of some forty.
import { defineConfig } from 'rolldown';

export default defineConfig({
  input: { smei: 'src/cli/main.ts' },
  platform: 'node',
  // The report formats' libraries stay in node_modules, loaded only when a
  // report draws charts or writes Word: resvg is a native addon, ECharts and
  // docx are large and would only slow the build.
  external: [/^node:/, '@resvg/resvg-js', 'echarts', 'docx'],
  output: {
    dir: 'dist',
    format: 'esm',
    entryFileNames: '[name].mjs',
    chunkFileNames: 'chunks/[name]-[hash].mjs',
    cleanDir: true,
  },
});
