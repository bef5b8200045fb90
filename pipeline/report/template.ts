/**
 * The report as one self-contained HTML file: inline CSS, the page script (client.ts, inlined from
 * client-script.ts), and the data as JSON in a `<script type="application/json">` block. A Content-Security-Policy
 * forbids every load from outside the file, so the page works offline and never calls out.
 */
import { CLIENT_SCRIPT } from './client-script.ts';
import type { ReportData } from './data.ts';

/** JSON that cannot end its script block: `<` (so `</script>` and `<!--`) and the line separators escaped. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const CSS = `
:root { font: 15px/1.5 system-ui, sans-serif; color: #1d1d1f; background: #fafafa; }
body { margin: 0; }
header { padding: 0.8rem 1.5rem; background: #fff; border-bottom: 1px solid #ddd; }
h1 { font-size: 1.3rem; margin: 0; }
h2 { font-size: 1.1rem; margin: 0 0 0.5rem; }
h3 { font-size: 1rem; margin: 0; }
#summary, .meta { color: #555; margin: 0.2rem 0; font-size: 0.9rem; }
#notice:empty { display: none; }
#notice { background: #fff6d6; border: 1px solid #e8d48a; padding: 0.4rem 0.6rem; margin: 0.5rem 0 0; }
main { display: grid; grid-template-columns: minmax(320px, 38%) 1fr; gap: 1rem; padding: 1rem 1.5rem; align-items: start; }
section { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 0.8rem; min-width: 0; }
#failed-section { grid-column: 1 / -1; }
input[type=search], select { font: inherit; padding: 0.25rem 0.4rem; width: 100%; box-sizing: border-box; margin-bottom: 0.5rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.88rem; }
th, td { text-align: left; padding: 0.25rem 0.35rem; border-bottom: 1px solid #eee; vertical-align: top; }
th button { font: inherit; font-weight: 600; border: 0; background: none; padding: 0; cursor: pointer; }
th button[data-direction=ascending]::after { content: ' ▲'; }
th button[data-direction=descending]::after { content: ' ▼'; }
td.number { text-align: right; }
td.list { color: #555; font-size: 0.82rem; }
#speakers tbody tr { cursor: pointer; }
#speakers tbody tr:hover { background: #f3f3f3; }
#speakers tbody tr.chosen { background: #e7eefc; outline: 2px solid #4a6fd6; }
.swatch { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 2px; margin-right: 0.35em; vertical-align: -0.05em; border: 1px solid #0002; }
.pager { display: flex; gap: 0.6rem; align-items: center; margin: 0.4rem 0; font-size: 0.88rem; }
.pager button { font: inherit; }
.toolbar { display: flex; flex-direction: column; gap: 0.3rem; }
#selection:empty { display: none; }
.chips { display: flex; flex-wrap: wrap; gap: 0.3rem; margin: 0.3rem 0; }
.chip { font: inherit; font-size: 0.82rem; border: 1px solid #0002; border-radius: 999px; padding: 0 0.55rem; cursor: pointer; }
.chip.chosen { outline: 2px solid #4a6fd6; }
.article { border-top: 1px solid #ddd; padding: 0.8rem 0; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.q { background: var(--bg); border-radius: 2px; cursor: pointer; }
.cue, .mention { text-decoration-line: underline; text-decoration-color: var(--fg); text-decoration-thickness: 2px; text-underline-offset: 3px; cursor: pointer; }
.mention { text-decoration-style: double; }
.cue { text-decoration-style: solid; }
.article.dim .q:not(.sel) { background: #f1f1f1; }
.article.dim .cue:not(.sel), .article.dim .mention:not(.sel) { text-decoration-color: #bbb; }
.q.sel { box-shadow: 0 0 0 2px var(--fg); }
.quote-list li { margin: 0.3rem 0; }
.legend { font-size: 0.85rem; color: #555; }
#detail { position: fixed; right: 1rem; bottom: 1rem; width: min(26rem, 90vw); background: #fff; border: 1px solid #bbb; border-radius: 6px; box-shadow: 0 4px 16px #0003; padding: 0.8rem; font-size: 0.9rem; }
#detail blockquote { margin: 0 0 0.5rem; padding-left: 0.6rem; border-left: 4px solid; }
#detail dl { display: grid; grid-template-columns: auto 1fr; gap: 0.1rem 0.8rem; margin: 0 0 0.5rem; }
#detail dt { color: #555; }
#detail dd { margin: 0; overflow-wrap: anywhere; }
#detail .close { position: absolute; right: 0.4rem; top: 0.2rem; border: 0; background: none; font-size: 1.2rem; cursor: pointer; }
@media (max-width: 900px) { main { grid-template-columns: 1fr; } }
`;

/** The report in pieces, so that a large one is written out without being held as one string. */
export function* reportChunks(data: ReportData): Generator<string> {
  if (/<\/script/i.test(CLIENT_SCRIPT)) throw new Error('report: the page script holds "</script", which would end its block');
  const title = `Who said what — ${data.output_dir}`;
  yield `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="who-said-what report">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>Who said what</h1>
<p id="summary"></p>
<p class="legend">Quotes are highlighted in their speaker's colour; the speaker mention is underlined twice, the cue once. Hover over a quote for its rule, resolution and confidence; click it for the whole record. Choose a speaker in the table to highlight their quotes.</p>
<p id="notice"></p>
</header>
<main>
<section id="speakers-section">
<h2>Speakers (<span id="speaker-count"></span>)</h2>
<input id="speaker-filter" type="search" placeholder="Filter by name, mention or role" aria-label="Filter speakers">
<table id="speakers">
<thead><tr><th><button type="button" data-sort="name">Speaker</button></th><th><button type="button" data-sort="type">Type</button></th><th><button type="button" data-sort="quotes">Quotes</button></th><th><button type="button" data-sort="articles">Articles</button></th><th><button type="button" data-sort="mentions">Mentions</button></th><th><button type="button" data-sort="roles">Roles</button></th></tr></thead>
<tbody id="speaker-rows"></tbody>
</table>
<nav class="pager" id="speaker-pager"></nav>
</section>
<section id="articles-section">
<h2>Articles</h2>
<div class="toolbar">
<input id="article-filter" type="search" placeholder="Filter by id, title or path" aria-label="Filter articles">
<div id="selection"></div>
</div>
<nav class="pager" id="article-pager"></nav>
<div id="articles"></div>
<nav class="pager" id="article-pager-bottom"></nav>
</section>
<section id="failed-section">
<h2>Articles not read (<span id="failed-count"></span>)</h2>
<select id="status-filter" aria-label="Filter by status"></select>
<table id="failed">
<thead><tr><th>Article</th><th>Source</th><th>Status</th><th>Reason</th></tr></thead>
<tbody id="failed-rows"></tbody>
</table>
<nav class="pager" id="failed-pager"></nav>
</section>
</main>
<aside id="detail" hidden></aside>
<script type="application/json" id="report-data">`;
  yield* dataChunks(data);
  yield `</script>
<script type="module">${CLIENT_SCRIPT}</script>
</body>
</html>
`;
}

export function renderReport(data: ReportData): string {
  return [...reportChunks(data)].join('');
}

const BATCH = 500;

/** The data as scriptJson would write it, a batch of articles or quotes at a time (rest holds generated_at, so it is never `{}`). */
function* dataChunks(data: ReportData): Generator<string> {
  const { articles, quotes, ...rest } = data;
  yield `${scriptJson(rest).slice(0, -1)},"articles":[`;
  yield* listChunks(articles);
  yield '],"quotes":[';
  yield* listChunks(quotes);
  yield ']}';
}

function* listChunks(list: readonly unknown[]): Generator<string> {
  for (let i = 0; i < list.length; i += BATCH) yield `${i > 0 ? ',' : ''}${list.slice(i, i + BATCH).map((item) => scriptJson(item)).join(',')}`;
}
