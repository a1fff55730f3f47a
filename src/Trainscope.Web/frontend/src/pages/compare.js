import * as api from '../api.js';
import { el, clear } from '../dom.js';
import { MetricChart, colorOf } from '../chart.js';

// The Compare page: pick runs and one metric, overlaid and aligned by step or epoch.
export function comparePage(view) {
  const state = { axis: 'step', metric: null, picked: new Set(), details: [], log: false, smoothing: 0 };
  const runBox = el('div', { class: 'pick' });
  const metric = el('select', { 'aria-label': 'metric', onchange: (e) => { state.metric = e.target.value; draw(); } });
  const axis = el('select', { 'aria-label': 'align by', onchange: (e) => { state.axis = e.target.value; draw(); } },
    el('option', { value: 'step', text: 'step' }), el('option', { value: 'epoch', text: 'epoch' }));
  const charts = el('div', { class: 'charts one' });
  view.append(el('section', { class: 'card' }, el('header', {}, el('h2', { text: 'Compare' })),
    el('div', { class: 'toolbar' }, runBox, el('label', {}, 'metric ', metric), el('label', {}, 'align by ', axis))), charts);
  const chart = new MetricChart(charts, { title: 'comparison', syncKey: 'compare', onZoom: (a, b) => { state.zoom = [a, b]; draw(); }, onReset: () => { state.zoom = null; draw(); } });

  async function load() {
    const { runs } = await api.runs();
    state.details = await Promise.all(runs.map((r) => api.run(r.id)));
    if (state.picked.size === 0) runs.slice(0, 4).forEach((r) => state.picked.add(r.id));
    clear(runBox).append(...runs.map((r) => el('label', {}, el('input', {
      type: 'checkbox', checked: state.picked.has(r.id),
      onchange: (e) => { if (e.target.checked) state.picked.add(r.id); else state.picked.delete(r.id); draw(); },
    }), ` ${r.name}`)));
    const names = [...new Set(state.details.flatMap((d) => d.series.map((s) => (s.phase === 'train' ? s.name : `${s.phase}/${s.name}`))))].sort();
    state.metric ??= names.find((n) => n === 'loss') ?? names[0] ?? null;
    clear(metric).append(...names.map((n) => el('option', { value: n, text: n, selected: n === state.metric })));
    await draw();
  }

  async function draw() {
    const lines = [];
    for (const detail of state.details.filter((d) => state.picked.has(d.run.id))) {
      const s = detail.series.find((x) => (x.phase === 'train' ? x.name : `${x.phase}/${x.name}`) === state.metric);
      if (!s) continue;
      const w = await api.series(detail.run.id, s.id, { axis: state.axis, from: state.zoom?.[0], to: state.zoom?.[1], points: chart.width() });
      lines.push({ label: detail.run.name, phase: s.phase, color: colorOf(detail.run.id), x: w.x, y: w.y, nonFinite: w.nonFinite, total: w.total });
    }
    chart.update(lines, state);
  }

  load();
  return () => {};
}
