// The build: one ES module for the CLI (plus chunks for what commands load
// lazily), with its dependencies inlined, so that `smei` starts fast: Node
// resolves and links one file instead of some forty.
import { defineConfig } from 'rolldown';

export default defineConfig({
  input: { smei: 'src/cli/main.ts' },
  platform: 'node',
  external: [/^node:/],
  output: {
    dir: 'dist',
    format: 'esm',
    entryFileNames: '[name].mjs',
    chunkFileNames: 'chunks/[name]-[hash].mjs',
    cleanDir: true,
  },
});
