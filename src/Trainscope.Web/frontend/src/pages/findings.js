import * as api from '../api.js';
import { el, clear } from '../dom.js';

// The findings panel: one row per finding; clicking it opens the log lines around its first evidence line.
export function findingsPanel(side, runId) {
  const list = el('ol', { class: 'findings' });
  const excerpt = el('div', { class: 'excerpt' });
  side.append(el('section', { class: 'card' }, el('header', {}, el('h3', { text: 'Findings' })), list), excerpt);
  let shown = '';

  async function open(evidence) {
    clear(excerpt);
    if (!evidence || evidence.source == null) {
      excerpt.append(el('p', { class: 'muted card', text: evidence ? `${evidence.path}:${evidence.line}` : 'No log line for this finding.' }));
      return;
    }
    const result = await api.excerpt(runId, evidence.source, evidence.line);
    const pre = el('pre', {}, result.lines.map((l) => el('div', { class: l.n === evidence.line ? 'hit' : '' },
      el('span', { class: 'ln', text: l.n }), el('span', { text: l.text }))));
    excerpt.append(el('section', { class: 'card' }, el('header', {}, el('span', { class: 'where', text: `${result.path.split(/[\\/]/).pop()}:${evidence.line}`, title: result.path })), pre));
    // Scroll the excerpt, not the page, to the evidence line.
    const hit = pre.querySelector('.hit');
    if (hit) pre.scrollTop = hit.offsetTop - pre.offsetTop - pre.clientHeight / 2;
  }

  return {
    update(findings) {
      const key = JSON.stringify(findings.map((f) => [f.rule, f.metric, f.rank, f.fromStep]));
      if (key === shown) return;
      shown = key;
      clear(list);
      if (findings.length === 0) list.append(el('li', { class: 'muted', text: 'Nothing wrong seen so far.' }));
      for (const f of findings) {
        list.append(el('li', { class: `finding sev-${f.severity}`, tabindex: 0, onclick: () => open(f.evidence[0]), onkeydown: (e) => { if (e.key === 'Enter') open(f.evidence[0]); } },
          el('div', {}, el('span', { class: `pill sev-${f.severity}`, text: f.severity }), el('b', { text: f.rule }), f.rank != null ? el('span', { class: 'muted', text: ` rank ${f.rank}` }) : null),
          el('div', { text: f.message }),
          el('div', { class: 'muted small', text: f.advice })));
      }
    },
  };
}
