import * as api from '../api.js';
import { el, clear } from '../dom.js';
import { ago, duration, number } from '../format.js';
import { MetricChart, colorOf } from '../chart.js';
import { status, health, progress, eta } from './badges.js';
import { findingsPanel } from './findings.js';

const groupOrder = ['losses', 'scores', 'lr', 'grad norm', 'memory', 'speed', 'other'];
const settings = { axis: 'step', log: false, smoothing: 0.6 };

function seriesLabel(s, distributed) {
  const phase = s.phase === 'train' ? '' : `${s.phase}/`;
  const rank = distributed && s.rank != null ? ` r${s.rank}` : '';
  return `${phase}${s.name}${rank}`;
}

// The Run page: header with status and progress, chart per metric group, findings with log excerpts, rank table.
export function runPage(view, id) {
  const state = { ...settings, zoom: null, detail: null };
  const header = el('section', { class: 'card run-head' });
  const toolbar = toolbarOf(state, () => { state.zoom = null; reloadCharts(true); });
  const charts = el('div', { class: 'charts' });
  const side = el('aside', { class: 'side' });
  const ranks = el('div');
  view.append(header, toolbar, el('div', { class: 'run-body' }, el('div', { class: 'main-col' }, charts, ranks), side));
  const chartByGroup = new Map();
  const findings = findingsPanel(side, id);

  async function loadDetail() {
    const detail = await api.run(id);
    state.detail = detail;
    renderHeader(header, detail);
    findings.update(detail.findings);
    renderRanks(ranks, detail);
    return detail;
  }

  async function reloadCharts(rebuild = false) {
    const detail = state.detail;
    if (!detail) return;
    const distributed = new Set(detail.series.map((s) => s.rank)).size > 1;
    const groups = new Map();
    for (const s of detail.series) {
      if (!groups.has(s.group)) groups.set(s.group, []);
      groups.get(s.group).push(s);
    }
    const ordered = [...groups.keys()].sort((a, b) => groupOrder.indexOf(a) - groupOrder.indexOf(b));
    if (rebuild) { chartByGroup.clear(); clear(charts); }
    if (ordered.length === 0 && !charts.firstChild) charts.append(el('p', { class: 'muted card', text: 'No metrics yet: waiting for the log to print some.' }));
    for (const group of ordered) {
      if (!chartByGroup.has(group)) {
        if (charts.firstChild?.tagName === 'P') clear(charts);
        chartByGroup.set(group, new MetricChart(charts, {
          title: group,
          syncKey: `run-${id}`,
          onZoom: (min, max) => { state.zoom = [min, max]; reloadCharts(); },
          onReset: () => { state.zoom = null; reloadCharts(); },
        }));
      }
    }
    // Groups that appear later still sit in role order.
    for (const group of ordered) charts.append(chartByGroup.get(group).root);
    const serverAxis = state.axis === 'relative' ? 'time' : state.axis;
    const offset = state.axis === 'relative' ? (detail.firstTime ?? 0) : 0;
    await Promise.all(ordered.map(async (group) => {
      const chart = chartByGroup.get(group);
      const members = groups.get(group);
      const names = [...new Set(members.map((s) => s.name))];
      const windows = await Promise.all(members.map((s) => api.series(id, s.id, {
        axis: serverAxis,
        from: state.zoom ? state.zoom[0] + offset : undefined,
        to: state.zoom ? state.zoom[1] + offset : undefined,
        points: chart.width(),
      })));
      const lines = members.map((s, i) => ({
        label: seriesLabel(s, distributed),
        phase: s.phase,
        color: colorOf(names.indexOf(s.name) + (distributed ? (s.rank ?? 0) : 0)),
        x: windows[i].x.map((x) => x - offset),
        y: windows[i].y,
        nonFinite: windows[i].nonFinite.map((x) => x - offset),
        total: windows[i].total,
      }));
      chart.update(lines, state);
    }));
  }

  let pending = null;
  let busy = false;
  const refresh = async () => {
    if (busy) { pending = setTimeout(refresh, 100); return; }
    busy = true;
    try { await loadDetail(); await reloadCharts(); } finally { busy = false; }
  };
  const off = api.on('run', (event) => {
    if (event.run.id !== id) return;
    clearTimeout(pending);
    pending = setTimeout(refresh, 60);
  });
  // Axis and grid colours are read when a chart is built: rebuild when the system switches light and dark.
  const scheme = window.matchMedia('(prefers-color-scheme: dark)');
  const onScheme = () => reloadCharts(true);
  scheme.addEventListener('change', onScheme);
  refresh().catch((e) => header.append(el('p', { class: 'error', text: String(e.message ?? e) })));
  return () => { off(); clearTimeout(pending); scheme.removeEventListener('change', onScheme); };
}

function toolbarOf(state, changed) {
  const axis = el('select', { 'aria-label': 'x axis', onchange: (e) => { state.axis = settings.axis = e.target.value; changed(); } },
    [['step', 'step'], ['epoch', 'epoch'], ['time', 'wall time'], ['relative', 'relative time']].map(([v, t]) => el('option', { value: v, text: t, selected: v === state.axis })));
  const log = el('input', { type: 'checkbox', checked: state.log, onchange: (e) => { state.log = settings.log = e.target.checked; changed(); } });
  const out = el('output', { text: state.smoothing.toFixed(2) });
  const slider = el('input', {
    type: 'range', min: 0, max: 0.99, step: 0.01, value: state.smoothing, 'aria-label': 'smoothing',
    oninput: (e) => { state.smoothing = settings.smoothing = Number(e.target.value); out.textContent = state.smoothing.toFixed(2); changed(); },
  });
  return el('div', { class: 'toolbar' },
    el('label', {}, 'x ', axis),
    el('label', {}, log, ' log scale'),
    el('label', { class: 'smoothing' }, 'smoothing ', slider, out),
    el('span', { class: 'muted small hint', text: 'drag to zoom · shift+wheel to pan · double-click to reset' }));
}

function renderHeader(header, detail) {
  const run = detail.run;
  const p = run.progress;
  clear(header).append(
    el('div', { class: 'title' }, el('h2', { text: run.name }), status(run.status), health(run)),
    el('div', { class: 'facts' },
      progress(p),
      el('span', { text: eta(p) }),
      p.stepsPerSecond != null ? el('span', { text: `${number(p.stepsPerSecond)} steps/s` }) : null,
      p.elapsedSeconds != null ? el('span', { text: `elapsed ${duration(p.elapsedSeconds)}` }) : null,
      el('span', { class: 'muted', text: `updated ${ago(run.updated)}` }),
      sourcesFact(detail.sources)));
}

const baseName = (path) => path.split(/[\\/]/).pop();

// A short list of file names; the full paths are in the tooltip.
function sourcesFact(sources) {
  const names = sources.map((s) => baseName(s.path));
  const text = names.length <= 2 ? names.join(', ') : `${names.length} files (${[...new Set(sources.map((s) => s.format ?? 'unknown'))].join(', ')})`;
  return el('span', { class: 'muted', text, title: sources.map((s) => `${s.path} (${s.format ?? 'unknown'})`).join('\n') });
}

function renderRanks(box, detail) {
  clear(box);
  if (!detail.ranks.length) return;
  box.append(el('section', { class: 'card' },
    el('header', {}, el('h3', { text: 'Ranks' })),
    el('table', { class: 'grid ranks' },
      el('thead', {}, el('tr', {}, ['Rank', 'Last phase', 'Epoch', 'Step', 'Silent', 'Lines', 'Lines/min', 'Source'].map((h) => el('th', { text: h })))),
      el('tbody', {}, detail.ranks.map((r) => el('tr', {},
        el('td', { class: 'num', text: r.rank }),
        el('td', { text: r.lastPhase ?? '–' }),
        el('td', { class: 'num', text: r.lastEpoch ?? '–' }),
        el('td', { class: 'num', text: r.lastStep ?? '–' }),
        el('td', { class: 'num', text: duration(r.silentSeconds) }),
        el('td', { class: 'num', text: r.lines }),
        el('td', { class: 'num', text: number(r.linesPerMinute) }),
        el('td', { class: 'muted', text: baseName(r.source), title: r.source })))))));
}
