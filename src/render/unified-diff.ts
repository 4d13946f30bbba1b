// A short unified diff of two texts, for `report --check`.

/** Line edits from an LCS table: ' ' kept, '-' removed, '+' added. */
function lineEdits(a: string[], b: string[]): [string, string][] {
  const n = a.length;
  const m = b.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const out: [string, string][] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push([' ', a[i]!]);
      i++;
      j++;
    } else if (i < n && (j === m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      out.push(['-', a[i]!]);
      i++;
    } else {
      out.push(['+', b[j]!]);
      j++;
    }
  }
  return out;
}

/** A unified diff (3 lines of context), cut after `maxLines` lines. */
export function unifiedDiff(a: string, b: string, nameA: string, nameB: string, maxLines = 60): string {
  const la = a.split('\n');
  const lb = b.split('\n');
  // Common prefix and suffix first, so the LCS table stays small.
  let start = 0;
  while (start < la.length && start < lb.length && la[start] === lb[start]) start++;
  let endA = la.length;
  let endB = lb.length;
  while (endA > start && endB > start && la[endA - 1] === lb[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = la.slice(start, endA);
  const midB = lb.slice(start, endB);
  if (midA.length * midB.length > 4_000_000) {
    return `--- ${nameA}\n+++ ${nameB}\n@@ first difference at line ${start + 1} (too many changes to show) @@\n`;
  }
  const edits: [string, string, number, number][] = [];
  let ia = start;
  let ib = start;
  const ctxBefore = Math.max(0, start - 3);
  for (let k = ctxBefore; k < start; k++) edits.push([' ', la[k]!, k, k]);
  for (const [op, text] of lineEdits(midA, midB)) {
    edits.push([op, text, ia, ib]);
    if (op !== '+') ia++;
    if (op !== '-') ib++;
  }
  for (let k = 0; k < 3 && endA + k < la.length; k++) edits.push([' ', la[endA + k]!, endA + k, endB + k]);
  // Drop long runs of kept lines inside, keeping 3 lines of context around each change.
  const keep = edits.map((e, i) => e[0] !== ' ' || edits.slice(Math.max(0, i - 3), i + 4).some((x) => x[0] !== ' '));
  const lines = [`--- ${nameA}`, `+++ ${nameB}`];
  let i = 0;
  while (i < edits.length) {
    if (!keep[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < edits.length && keep[j]) j++;
    const hunk = edits.slice(i, j);
    const aCount = hunk.filter((e) => e[0] !== '+').length;
    const bCount = hunk.filter((e) => e[0] !== '-').length;
    lines.push(`@@ -${hunk[0]![2] + 1},${aCount} +${hunk[0]![3] + 1},${bCount} @@`);
    for (const [op, text] of hunk) lines.push(`${op}${text}`);
    i = j;
  }
  if (lines.length > maxLines + 2) return `${lines.slice(0, maxLines + 2).join('\n')}\n... (${lines.length - maxLines - 2} more diff lines)\n`;
  return `${lines.join('\n')}\n`;
}
