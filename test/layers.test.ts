// The layers of src/ as conventions.md draws them, checked on the imports of
// every file: no import cycle, no layer importing one above it, and the core
// (and what lies below it) free of files, terminals and the process.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

/**
 * The layers, highest first: a file may import its own layer or any below.
 * cli runs commands; render draws every result (review findings, analyses);
 * analysis uses the index; input reads bytes into observations (framework
 * files, and filled forms by the form's own definition); collect is the
 * collection round's model (what a form holds, merging, review rules over
 * observations); prep changes observations; core
 * computes; time (periods) and framework (the tree and its method registry)
 * are what the core computes over; errors, text, version, zip and stats
 * (the statistics the core, preparation, review and audit share) serve all.
 */
const LAYERS: string[][] = [
  ['cli'],
  ['render'],
  ['analysis'],
  ['input'],
  ['collect'],
  ['prep'],
  ['core'],
  ['time', 'framework'],
  ['errors', 'text', 'version', 'zip', 'stats'],
];

/** Imports that still cross a layer upward, each with the reason it waits; the test fails when one goes away, so the list only shrinks. */
const PENDING: Record<string, string> = {};

const SRC = join(ROOT, 'src');

/** Every .ts file under a directory. */
function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** The relative imports of a file (static, re-exports, type-only and dynamic), as files under src. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out = new Set<string>();
  const re = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) out.add(resolve(dirname(file), (m[1] ?? m[2])!.replace(/\.js$/, '.ts')));
  return [...out];
}

/** The layer name of a file: its directory under src, or its own name for a file at the top. */
function layerOf(file: string): string {
  const r = relative(SRC, file).split(/[\\/]/);
  return r.length > 1 ? r[0]! : r[0]!.replace(/\.ts$/, '');
}

const rank = new Map(LAYERS.flatMap((names, i) => names.map((n) => [n, LAYERS.length - i] as const)));
const graph = new Map(files(SRC).map((f) => [f, importsOf(f)]));
const name = (f: string): string => relative(ROOT, f).replaceAll('\\', '/');

/** The import cycles of a graph (strongly connected components of more than one file, or a file importing itself). */
function cycles(g: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    on.add(v);
    for (const w of g.get(v) ?? []) {
      if (!g.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const c: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1 || (g.get(v) ?? []).includes(v)) out.push(c.sort());
    }
  };
  for (const v of [...g.keys()].sort()) if (!index.has(v)) visit(v);
  return out;
}

describe('layers', () => {
  it('finds the cycles it is meant to find', () => {
    expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c']]);
    expect(cycles(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
  });

  it('every file of src belongs to a layer, and every import resolves to a file', () => {
    const unknown = [...graph.keys()].filter((f) => !rank.has(layerOf(f))).map(name);
    expect(unknown).toEqual([]);
    const missing = [...graph].flatMap(([f, to]) => to.filter((t) => !graph.has(t)).map((t) => `${name(f)} -> ${name(t)}`));
    expect(missing).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(cycles(graph).map((c) => c.map(name))).toEqual([]);
  });

  it('has no layer importing one above it', () => {
    const up: string[] = [];
    for (const [f, to] of graph) {
      for (const t of to) {
        if ((rank.get(layerOf(t)) ?? 0) > (rank.get(layerOf(f)) ?? 0)) up.push(`${name(f)} -> ${name(t)}`);
      }
    }
    expect(up.filter((e) => !(e in PENDING))).toEqual([]);
    // a pending exception that no longer occurs is taken off the list
    expect(Object.keys(PENDING).filter((e) => !up.includes(e))).toEqual([]);
  });

  it('keeps the core and the layers below it free of files, terminals and the process', () => {
    const impure = [...graph.keys()]
      .filter((f) => (rank.get(layerOf(f)) ?? 0) <= rank.get('core')!)
      .filter((f) => /from 'node:(fs|child_process|process|tty)'|from 'chalk'|\bprocess\.(env|stdout|stderr|exit|argv|cwd)/.test(readFileSync(f, 'utf8')))
      .map(name);
    expect(impure).toEqual([]);
  });
});
