import type { HandlerStatus } from '@tenant-isolation/core';
import type { Ratio, Report } from '../model';
import { coverageLevel, formatRatio, headlineText, LEVEL_ICONS, shardNote, type CoverageLevel } from './headline';
import { describeSessionCall, ERROR_KIND_WORDS, errorLocation, formatVia, handlerRows, plural, STATUS_MEANINGS, STATUS_ORDER, summaryCounts, type HandlerRow } from './handler-rows';
import { groupByRouteDirectory, type RouteDirectory } from './route-directories';
import { modelFigures, queryFindingText, queryHeadlineText, queryLabel, queryLocation, queryScopingLevel, unscopedQueries } from './queries';
import { wrapperNameOf, type Reporter } from './types';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for element content and attribute values alike. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

const LEVEL_WORDS: Record<CoverageLevel, string> = {
  ok: 'on target',
  warn: 'below the warning threshold',
  fail: 'below the failure threshold',
};

/** A path that may break after any `/` rather than at an arbitrary character. */
const breakablePath = (path: string): string => escapeHtml(path).replace(/\//g, '/<wbr>');

const percentWidth = (percent: number | null): string => `${percent === null ? 0 : Math.round(percent * 10) / 10}%`;

function headerSection(report: Report, wrapperName: string): string {
  const level = coverageLevel(report.summary.coverage, report.thresholds);
  const { warnBelow, failBelow } = report.thresholds;
  const shard = shardNote(report);
  return `<header>
<h1><span class="icon" role="img" aria-label="${LEVEL_WORDS[level]}">${LEVEL_ICONS[level]}</span> ${escapeHtml(headlineText(report, wrapperName))}</h1>
<p class="muted">${escapeHtml(report.tool.name)} ${escapeHtml(report.tool.version)} · warning below ${warnBelow}%, failure below ${failBelow}%${
    shard ? ` · <strong>${escapeHtml(shard)}</strong>` : ''
  }</p>
</header>`;
}

/** `level` colours the meter; wrapper coverage has no threshold, so it has none. */
function coverageCard(title: string, ratio: Ratio, level: CoverageLevel | null, explanation: string): string {
  return `<div class="card wide${level ? ` level-${level}` : ''}">
<h3>${escapeHtml(title)}</h3>
<p class="value">${escapeHtml(formatRatio(ratio))}</p>
<div class="meter" aria-hidden="true"><span style="width:${percentWidth(ratio.percent)}"></span></div>
<p class="muted">${escapeHtml(explanation)}</p>
</div>`;
}

function summarySection(report: Report): string {
  const { summary, thresholds } = report;
  const cards = summaryCounts(summary).map(({ label, count, status }) => {
    const meaning = status ? STATUS_MEANINGS[status] : 'their handlers are unknown';
    const body = `<p class="value">${count}</p><p class="label">${escapeHtml(label)}</p><p class="muted">${escapeHtml(meaning)}</p>`;
    // A status card is a link that filters the table; without scripts it is a harmless fragment link.
    return status && count > 0
      ? `<a class="card status s-${status}" href="#status=${status}">${body}</a>`
      : `<div class="card status ${status ? `s-${status}` : 's-error'}">${body}</div>`;
  });
  return `<section aria-labelledby="summary-title">
<h2 id="summary-title">Summary</h2>
<div class="cards">
${coverageCard('Migration coverage', summary.coverage, coverageLevel(summary.coverage, thresholds), '(migrated + partial) / (migrated + partial + unmigrated + suppressed + error)')}
${coverageCard('Wrapper coverage', summary.wrapperCoverage, null, 'wrapped handlers / (all handlers − public): the default-deny figure')}
${summary.queryScoping ? coverageCard('Query scoping', summary.queryScoping, queryScopingLevel(report), 'Prisma queries on tenant-scoped models that constrain the verified tenant / all of them') : ''}
${cards.join('\n')}
</div>
</section>`;
}

const CHART = { width: 800, labelWidth: 190, barWidth: 420, rowHeight: 30, barHeight: 16, top: 8, labelChars: 26 };

const truncate = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** One bar of a chart: a name, its ratio, coloured by level; `empty` is what a ratio of nothing says. */
function chartBar(name: string, ratio: Ratio, level: CoverageLevel, index: number, tooltip: string, empty: string): string {
  const y = CHART.top + index * CHART.rowHeight;
  const figure = ratio.total === 0 ? empty : formatRatio(ratio);
  // A sliver even at 0%, so a bar with everything left to do does not look like one with nothing to do.
  const filled = ratio.percent === null ? 0 : Math.max(3, (CHART.barWidth * ratio.percent) / 100);
  const barX = CHART.labelWidth;
  const textY = y + CHART.barHeight / 2;
  return `<g class="bar level-${level}">
<title>${escapeHtml(`${name}: ${figure}, ${tooltip}`)}</title>
<text class="bar-label" x="${barX - 10}" y="${textY}" text-anchor="end" dominant-baseline="central">${escapeHtml(truncate(name, CHART.labelChars))}</text>
<rect class="track" x="${barX}" y="${y}" width="${CHART.barWidth}" height="${CHART.barHeight}" rx="3"/>
<rect class="fill" x="${barX}" y="${y}" width="${Math.round(filled * 10) / 10}" height="${CHART.barHeight}" rx="3"/>
<text class="bar-value${ratio.total === 0 ? ' muted' : ''}" x="${barX + CHART.barWidth + 10}" y="${textY}" dominant-baseline="central">${escapeHtml(figure)}</text>
</g>`;
}

function directoryBar(directory: RouteDirectory, index: number, report: Report): string {
  const level = coverageLevel(directory.coverage, report.thresholds);
  return chartBar(directory.name, directory.coverage, level, index, plural(directory.handlers, 'handler'), 'nothing to migrate');
}

const chartHeight = (bars: number): number => CHART.top * 2 + bars * CHART.rowHeight - (CHART.rowHeight - CHART.barHeight);

/** The query figure: a bar per model, then the queries not scoped to the tenant. */
function querySection(report: Report): string {
  const scoping = report.summary.queryScoping;
  if (!scoping) return '';
  const models = modelFigures(report);
  const levelOf = (ratio: Ratio): CoverageLevel =>
    ratio.covered === ratio.total ? 'ok' : (ratio.percent ?? 0) >= report.thresholds.queryScopingFailBelow ? 'warn' : 'fail';
  const description = models.map(({ model, ratio }) => `${model}: ${formatRatio(ratio)}`).join('; ');
  const chart =
    models.length === 0
      ? '<p class="muted">No route handler runs a query on a tenant-scoped model.</p>'
      : `<div class="chart-wrap">
<svg class="chart" viewBox="0 0 ${CHART.width} ${chartHeight(models.length)}" role="img" aria-labelledby="query-chart-title query-chart-desc" preserveAspectRatio="xMinYMin meet">
<title id="query-chart-title">Queries scoped to the tenant, by model</title>
<desc id="query-chart-desc">${escapeHtml(description)}</desc>
${models.map(({ model, ratio }, i) => chartBar(model, ratio, levelOf(ratio), i, plural(ratio.total, 'query', 'queries'), 'no queries')).join('\n')}
</svg>
</div>`;
  const unscoped = unscopedQueries(report.routes);
  const rows = unscoped.map(
    (row) =>
      `<tr><td><code>${escapeHtml(queryLabel(row.query))}</code></td><td><code>${breakablePath(queryLocation(row))}</code></td><td>${escapeHtml(row.query.handlers.join(', '))}</td><td>${escapeHtml(queryFindingText(row.query))}</td></tr>`,
  );
  const table =
    unscoped.length === 0
      ? '<p>Every query on a tenant-scoped model is scoped to the verified tenant.</p>'
      : `<div class="table-wrap">
<table>
<thead><tr><th scope="col">Query</th><th scope="col">Location</th><th scope="col">Handlers</th><th scope="col">Why it is not scoped</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</div>`;
  return `<section aria-labelledby="queries-title">
<h2 id="queries-title">${escapeHtml(queryHeadlineText(scoping))}</h2>
${chart}
${table}
</section>`;
}

function chartSection(report: Report): string {
  const directories = groupByRouteDirectory(report.routes);
  if (directories.length === 0) return '';
  const height = chartHeight(directories.length);
  const description = directories.map((d) => `${d.name}: ${d.coverage.total === 0 ? 'nothing to migrate' : formatRatio(d.coverage)}`).join('; ');
  return `<section aria-labelledby="directories-title">
<h2 id="directories-title">Migration coverage by route directory</h2>
<div class="chart-wrap">
<svg class="chart" viewBox="0 0 ${CHART.width} ${height}" role="img" aria-labelledby="chart-title chart-desc" preserveAspectRatio="xMinYMin meet">
<title id="chart-title">Migration coverage by route directory</title>
<desc id="chart-desc">${escapeHtml(description)}</desc>
${directories.map((directory, i) => directoryBar(directory, i, report)).join('\n')}
</svg>
</div>
<p class="legend muted"><span class="swatch level-ok"></span> at least ${report.thresholds.warnBelow}% <span class="swatch level-warn"></span> at least ${report.thresholds.failBelow}% <span class="swatch level-fail"></span> below ${report.thresholds.failBelow}%</p>
</section>`;
}

const badge = (status: HandlerStatus): string => `<span class="badge s-${status}">${status}</span>`;

function handlerRow({ route, handler }: HandlerRow, index: number): string {
  const search = [handler.name, route.urlPath, route.file, handler.definedIn ?? ''].join(' ').toLowerCase();
  const where =
    `<div class="file"><code>${breakablePath(`${route.file}:${handler.line}`)}</code></div>` +
    (handler.definedIn ? `<div class="file">defined in <code>${breakablePath(handler.definedIn)}</code></div>` : '');
  const calls =
    handler.sessionCalls.length === 0
      ? '<span class="muted">—</span>'
      : `<ul>${handler.sessionCalls.map((call) => `<li>${escapeHtml(describeSessionCall(call))}</li>`).join('')}</ul>`;
  const wrappers = handler.wrapperChain.length === 0 ? '<span class="muted">—</span>' : escapeHtml(formatVia(handler.wrapperChain));
  return `<tr data-status="${handler.status}" data-search="${escapeHtml(search)}" data-index="${index}">
<td data-sort="${escapeHtml(`${route.urlPath} ${String(index).padStart(6, '0')}`)}"><code class="url">${escapeHtml(route.urlPath)}</code>${where}</td>
<td>${escapeHtml(handler.name)}</td>
<td data-sort="${STATUS_ORDER.indexOf(handler.status)}">${badge(handler.status)}</td>
<td>${wrappers}</td>
<td>${calls}</td>
<td>${handler.reason ? escapeHtml(handler.reason) : '<span class="muted">—</span>'}</td>
</tr>`;
}

function handlerSection(report: Report): string {
  const rows = handlerRows(report.routes);
  if (rows.length === 0) {
    return `<section aria-labelledby="handlers-title">
<h2 id="handlers-title">Handlers</h2>
<p>No route handlers found.</p>
</section>`;
  }
  const counts = new Map<HandlerStatus, number>();
  for (const { handler } of rows) counts.set(handler.status, (counts.get(handler.status) ?? 0) + 1);
  const checkboxes = STATUS_ORDER.filter((status) => counts.has(status)).map(
    (status) => `<label><input type="checkbox" name="status" value="${status}" checked> ${badge(status)} <span class="muted">${counts.get(status)}</span></label>`,
  );
  return `<section aria-labelledby="handlers-title">
<h2 id="handlers-title">Handlers <span class="muted">(${rows.length})</span></h2>
<form id="filters" class="filters" hidden>
<fieldset><legend>Status</legend>
${checkboxes.join('\n')}
</fieldset>
<label class="search">Filter by file, URL or method <input type="search" name="q" autocomplete="off" spellcheck="false"></label>
</form>
<p id="shown" class="muted" aria-live="polite"></p>
<div class="table-wrap">
<table id="handlers">
<thead><tr><th scope="col">Route and file</th><th scope="col">Method</th><th scope="col">Status</th><th scope="col">Wrappers</th><th scope="col">Session calls</th><th scope="col">Reason</th></tr></thead>
<tbody>
${rows.map(handlerRow).join('\n')}
</tbody>
<tbody id="no-match" hidden><tr><td colspan="6">No handler matches the filter.</td></tr></tbody>
</table>
</div>
</section>`;
}

function errorSection(report: Report): string {
  if (report.errors.length === 0) return '';
  const rows = report.errors.map(
    (error) =>
      `<tr><td><code>${escapeHtml(errorLocation(error))}</code></td><td>${ERROR_KIND_WORDS[error.kind]}</td><td>${escapeHtml(error.message)}</td></tr>`,
  );
  return `<section aria-labelledby="errors-title">
<h2 id="errors-title">Files that could not be parsed <span class="muted">(${report.errors.length})</span></h2>
<div class="table-wrap">
<table>
<thead><tr><th scope="col">File</th><th scope="col">Kind</th><th scope="col">Error</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</div>
</section>`;
}

const STYLE = `
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --card: #f6f8fa;
  --track: #e3e8ee; --ok: #1a7f37; --warn: #9a6700; --fail: #cf222e; --purple: #8250df; --blue: #0969da; --grey: #6e7781; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --border: #3d444d; --card: #151b23;
    --track: #262c36; --ok: #3fb950; --warn: #d29922; --fail: #f85149; --purple: #ab7df8; --blue: #4493f8; --grey: #8b949e; }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
header, main, footer { max-width: 1280px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.2rem; margin: 32px 0 12px; }
h3 { font-size: 0.85rem; margin: 0; font-weight: 600; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; }
p { margin: 0; }
code { font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.muted { color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(160px, 1fr)); gap: 12px; }
.card { display: block; border: 1px solid var(--border); border-radius: 8px; padding: 12px 14px; background: var(--card); color: inherit; text-decoration: none; }
a.card:hover, a.card:focus-visible { border-color: var(--blue); }
.card.wide { grid-column: span 2; }
.card .value { font-size: 1.6rem; font-weight: 600; line-height: 1.3; }
.card .label { font-weight: 600; }
.card.status { border-left-width: 4px; }
.card .muted { font-size: 0.85rem; }
.meter { height: 8px; border-radius: 4px; background: var(--track); margin: 6px 0 8px; overflow: hidden; }
.meter span { display: block; height: 100%; background: var(--blue); }
.level-ok .meter span { background: var(--ok); }
.level-warn .meter span { background: var(--warn); }
.level-fail .meter span { background: var(--fail); }
.s-migrated { border-left-color: var(--ok); } .s-partial { border-left-color: var(--warn); }
.s-unmigrated { border-left-color: var(--fail); } .s-suppressed { border-left-color: var(--purple); }
.s-unwrapped { border-left-color: var(--blue); } .s-public { border-left-color: var(--grey); } .s-error { border-left-color: var(--fail); }
.chart-wrap { overflow-x: auto; }
.chart { width: 100%; min-width: 560px; max-width: 900px; height: auto; display: block; }
.chart text { fill: currentColor; font-size: 13px; }
.chart text.muted { fill: var(--muted); }
.chart .level-warn .bar-value { fill: var(--warn); } .chart .level-fail .bar-value { fill: var(--fail); }
.chart .track { fill: var(--track); }
.chart .level-ok .fill, .swatch.level-ok { fill: var(--ok); background: var(--ok); }
.chart .level-warn .fill, .swatch.level-warn { fill: var(--warn); background: var(--warn); }
.chart .level-fail .fill, .swatch.level-fail { fill: var(--fail); background: var(--fail); }
.legend { margin-top: 8px; font-size: 0.85rem; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin: 0 4px 0 10px; vertical-align: baseline; }
.swatch:first-child { margin-left: 0; }
.filters { display: flex; flex-wrap: wrap; gap: 12px 24px; align-items: center; margin-bottom: 8px; }
.filters fieldset { border: 0; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 4px 14px; align-items: center; }
.filters legend { float: left; margin-right: 8px; font-weight: 600; }
.filters label { white-space: nowrap; }
.search input { margin-left: 6px; padding: 4px 8px; min-width: 260px; border: 1px solid var(--border); border-radius: 6px; background: var(--bg); color: inherit; font: inherit; }
#shown { margin-bottom: 8px; }
.table-wrap { overflow-x: auto; border: 1px solid var(--border); border-radius: 8px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid var(--border); }
tbody tr:last-child td { border-bottom: 0; }
th { background: var(--card); font-weight: 600; white-space: nowrap; position: sticky; top: 0; }
td ul { margin: 0; padding-left: 16px; }
td .url { font-weight: 600; }
td .file { color: var(--muted); font-size: 12px; }
td:first-child { min-width: 16em; }
td:nth-child(2), td:nth-child(3) { white-space: nowrap; }
td:nth-child(5) { min-width: 20em; }
button.sort { background: none; border: 0; padding: 0; margin: 0; font: inherit; color: inherit; cursor: pointer; }
button.sort::after { content: " ↕"; color: var(--muted); }
th[aria-sort="ascending"] button.sort::after { content: " ↑"; color: inherit; }
th[aria-sort="descending"] button.sort::after { content: " ↓"; color: inherit; }
button.sort:focus-visible { outline: 2px solid var(--blue); outline-offset: 2px; }
.badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; font-weight: 600; line-height: 20px; white-space: nowrap;
  color: #fff; background: var(--grey); }
.badge.s-migrated { background: var(--ok); } .badge.s-partial { background: var(--warn); } .badge.s-unmigrated { background: var(--fail); }
.badge.s-suppressed { background: var(--purple); } .badge.s-unwrapped { background: var(--blue); } .badge.s-error { background: var(--fail); }
@media (prefers-color-scheme: dark) { .badge { color: #0d1117; } }
footer { margin: 32px auto; font-size: 0.85rem; }
`;

// Progressive enhancement only: the table is complete without it. Reads and writes `#status=a,b&q=text`, so a filtered
// view can be linked to, and status cards filter by setting that fragment.
const SCRIPT = `
(function () {
  var form = document.getElementById('filters');
  var table = document.getElementById('handlers');
  if (!form || !table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name=status]'));
  var search = form.querySelector('input[name=q]');
  var shown = document.getElementById('shown');
  var noMatch = document.getElementById('no-match');
  form.hidden = false;

  function readFragment() {
    var params = new URLSearchParams(location.hash.slice(1));
    var statuses = params.get('status');
    var wanted = statuses === null ? null : statuses.split(',');
    boxes.forEach(function (box) { box.checked = wanted === null || wanted.indexOf(box.value) !== -1; });
    search.value = params.get('q') || '';
  }
  function writeFragment() {
    var parts = [];
    var checked = boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
    if (checked.length !== boxes.length) parts.push('status=' + checked.join(','));
    if (search.value) parts.push('q=' + encodeURIComponent(search.value));
    try { history.replaceState(null, '', parts.length ? '#' + parts.join('&') : location.pathname + location.search); } catch (e) {}
  }
  function apply() {
    var wanted = boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
    var query = search.value.trim().toLowerCase();
    var count = 0;
    rows.forEach(function (row) {
      var visible = wanted.indexOf(row.dataset.status) !== -1 && (!query || row.dataset.search.indexOf(query) !== -1);
      row.hidden = !visible;
      if (visible) count++;
    });
    noMatch.hidden = count > 0;
    shown.textContent = count === rows.length ? 'Showing all ' + rows.length + ' handlers' : 'Showing ' + count + ' of ' + rows.length + ' handlers';
  }
  form.addEventListener('input', function () { apply(); writeFragment(); });
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  window.addEventListener('hashchange', function () { readFragment(); apply(); });

  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  headers.forEach(function (th, column) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort';
    while (th.firstChild) button.appendChild(th.firstChild);
    th.appendChild(button);
    button.addEventListener('click', function () {
      var ascending = th.getAttribute('aria-sort') !== 'ascending';
      headers.forEach(function (other) { other.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      function key(row) { var cell = row.cells[column]; return cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim(); }
      rows.slice().sort(function (a, b) {
        var order = key(a).localeCompare(key(b), undefined, { numeric: true });
        return (ascending ? order : -order) || Number(a.dataset.index) - Number(b.dataset.index);
      }).forEach(function (row) { body.appendChild(row); });
    });
  });

  readFragment();
  apply();
})();
`;

const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/**
 * One self-contained page: styles and script inline, nothing fetched (the content security policy forbids it). The
 * tables and the chart are rendered here, so the page reads the same with scripts off; the script only filters and sorts.
 */
export const renderHtml: Reporter = (report, options) => {
  const wrapperName = wrapperNameOf(options);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(headlineText(report, wrapperName))}</title>
<style>${STYLE}</style>
</head>
<body>
${headerSection(report, wrapperName)}
<main>
${summarySection(report)}
${chartSection(report)}
${handlerSection(report)}
${querySection(report)}
${errorSection(report)}
</main>
<footer class="muted">${escapeHtml(report.tool.name)} ${escapeHtml(report.tool.version)} · report schema ${report.schemaVersion}</footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
};
