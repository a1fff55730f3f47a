import * as api from '../api.js';
import { el, clear } from '../dom.js';
import { ago, duration } from '../format.js';
import { status, health, progress } from './badges.js';

// The Runs page: every served run with status, progress and ETA, health and last update; refreshed on live events.
export function runsPage(view) {
  const body = el('tbody');
  view.append(el('section', { class: 'card' },
    el('header', {}, el('h2', { text: 'Runs' })),
    el('table', { class: 'grid runs' },
      el('thead', {}, el('tr', {}, ['Run', 'Status', 'Progress', 'ETA', 'Health', 'Updated'].map((h) => el('th', { text: h })))),
      body)));

  let pending = null;
  const load = async () => {
    const { runs } = await api.runs();
    clear(body);
    if (runs.length === 0) body.append(el('tr', {}, el('td', { colspan: 6, class: 'muted', text: 'No runs found yet.' })));
    for (const run of runs) {
      body.append(el('tr', {},
        el('td', {}, el('a', { href: `#/run/${run.id}`, text: run.name })),
        el('td', {}, status(run.status)),
        el('td', {}, progress(run.progress)),
        el('td', { class: 'num', text: duration(run.progress.etaSeconds) }),
        el('td', {}, health(run)),
        el('td', { class: 'muted', text: ago(run.updated) })));
    }
  };
  const off = api.on('run', () => { clearTimeout(pending); pending = setTimeout(load, 250); });
  load();
  return () => { off(); clearTimeout(pending); };
}
