// The report as one self-contained HTML file: the same blocks as the Markdown,
// charts as inline SVG, no network, fonts from the reader's system, and an A4
// print stylesheet (page breaks outside table rows and charts, table headers
// repeated on every page), so that printing to PDF gives a clean document.
import type { Lang } from './i18n.js';
import { inlineRuns, type Block } from './markdown.js';
import displayWidth from './width.js';

/** Escapes text for HTML (and drops characters HTML cannot hold). */
export function htmlText(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** Inline Markdown (escaped text and code spans) as HTML. */
function inline(markdown: string): string {
  return inlineRuns(markdown).map((r) => (r.code ? `<code>${htmlText(r.text)}</code>` : htmlText(r.text))).join('');
}

const CSS = `
:root { color-scheme: light; }
body { margin: 0; background: #f4f4f1; color: #1d1d1b; font: 16px/1.75 "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, serif; }
main { max-width: 52rem; margin: 2rem auto; padding: 2.5rem 3rem; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
h1, h2, h3, h4, th, figcaption { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", SimHei, sans-serif; }
h1 { font-size: 1.7rem; text-align: center; margin: .5rem 0 1rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid #c23531; padding-bottom: .2rem; margin-top: 2.2rem; }
h3 { font-size: 1.1rem; margin-top: 1.6rem; }
p { text-align: justify; margin: .6rem 0; }
.meta { text-align: center; color: #555; }
table { border-collapse: collapse; margin: .8rem 0; font-size: .88rem; line-height: 1.5; width: auto; max-width: 100%; }
th, td { border: 1px solid #b9b9b4; padding: .25rem .55rem; }
th { background: #eef2f6; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
${Array.from({ length: 11 }, (_, k) => `th.w${k + 2} { min-width: ${k + 2}em; }`).join('\n')}
tbody tr:nth-child(even) td { background: #fafaf8; }
figure { margin: 1.2rem 0; text-align: center; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: .85rem; color: #555; }
code { font-family: "Noto Sans Mono CJK SC", ui-monospace, monospace; font-size: .85em; word-break: break-all; }
pre { background: #f6f6f3; padding: .6rem; overflow-x: auto; }
ul { padding-left: 1.4rem; }
@page { size: A4; margin: 18mm 16mm 20mm; }
@media print {
  body { background: #fff; font-size: 11pt; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  table { font-size: 9pt; }
  thead { display: table-header-group; }
  tr, figure, li { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-before: auto; }
}
`.trim();

/** What the HTML page needs besides the blocks. */
export interface HtmlOptions {
  lang: Lang;
  title: string;
  generator: string;
  /** The SVG of each chart block, in order. */
  svgs: string[];
}

/** A nested list from [text, depth] items (a level deeper than the one before opens one level). */
function list(items: [string, number][]): string {
  let html = '';
  let depth = -1;
  for (const [text, d] of items) {
    const target = Math.min(d, depth + 1);
    if (target > depth) html += '<ul>';
    else {
      html += '</li>';
      for (let i = depth; i > target; i--) html += '</ul></li>';
    }
    html += `<li>${inline(text)}`;
    depth = target;
  }
  html += '</li>';
  for (let i = depth; i > 0; i--) html += '</ul></li>';
  return `${html}</ul>`;
}

/** An SVG from the chart renderer, made fit to sit in HTML: no XML prolog, a title for screen readers. */
function inlineSvg(svg: string, title: string): string {
  return svg.replace(/^<\?xml[^>]*>\s*/, '').replace(/^<svg\b([^>]*)>/, (_, attrs: string) => `<svg${attrs} role="img" aria-label="${htmlText(title)}">`);
}

/** The page. */
export function renderHtml(blocks: Block[], o: HtmlOptions): string {
  const out: string[] = [];
  let chart = 0;
  let afterTitle = false;
  for (const b of blocks) {
    switch (b.kind) {
      case 'heading':
        out.push(`<h${Math.min(b.level, 6)}>${htmlText(b.text)}</h${Math.min(b.level, 6)}>`);
        break;
      case 'paragraph':
        out.push(`<p${afterTitle ? ' class="meta"' : ''}>${inline(b.markdown)}</p>`);
        break;
      case 'list':
        out.push(list(b.items));
        break;
      case 'code':
        out.push(`<pre><code>${htmlText(b.text)}</code></pre>`);
        break;
      case 'table': {
        const cls = (i: number): string => (b.right[i] ? ' class="num"' : '');
        const cell = (c: string): string => htmlText(c === '' ? '—' : c);
        // a text column keeps room for its longest name, up to 12 characters (printed on A4 a unit column was
        // squeezed to one character a line, 慈/溪/市, by the numbers' columns, which never wrap)
        const room = (i: number): string => {
          if (b.right[i]) return '';
          const ems = Math.min(12, Math.max(...b.rows.map((r) => displayWidth(r[i] ?? '') / 2)));
          return ems >= 2 ? ` class="w${Math.ceil(ems)}"` : '';
        };
        out.push(`<table>\n<thead><tr>${b.head.map((h, i) => `<th${cls(i)}${room(i)}>${cell(h)}</th>`).join('')}</tr></thead>\n<tbody>\n${b.rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${cell(c)}</td>`).join('')}</tr>`).join('\n')}\n</tbody>\n</table>`);
        break;
      }
      case 'chart': {
        const svg = o.svgs[chart++]!;
        out.push(`<figure class="chart">\n${inlineSvg(svg, b.spec.title)}${b.spec.note ? `\n<figcaption>${htmlText(b.spec.note)}</figcaption>` : ''}\n</figure>`);
        break;
      }
    }
    afterTitle = b.kind === 'heading' && b.level === 1;
  }
  return `<!DOCTYPE html>
<html lang="${o.lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${htmlText(o.generator)}">
<title>${htmlText(o.title)}</title>
<style>
${CSS}
</style>
</head>
<body>
<main>
${out.join('\n')}
</main>
</body>
</html>
`;
}
