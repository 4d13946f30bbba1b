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
    // What `smei compute` on a CSV needs, in one chunk: every file the ESM
    // loader resolves and links costs start-up; commands that need more still
    // load their own chunks.
    codeSplitting: {
      groups: [
        {
          name: 'compute-path',
          test: /src[\\/](cli[\\/](load|resolve|io|input-name|progress)|input[\\/](read|fold|layout|decode|values)|core[\\/](compute|observations|methods|weigh|types|drivers)|framework|time|prep|collect[\\/]review|render[\\/](compute|box|number|safe|i18n|notes|warnings|phrases|color))|node_modules[\\/](csv-parse|string-width|strip-ansi|ansi-regex|is-fullwidth-code-point|emoji-regex)/,
        },
      ],
    },
  },
});
