import { el } from '../dom.js';
import { percent, duration } from '../format.js';

export const status = (s) => el('span', { class: `pill status-${s}`, text: s });

export function health(run) {
  const f = run.findings;
  const label = run.health === 'ok' ? 'healthy' : [f.error && `${f.error} error`, f.warning && `${f.warning} warn`, f.info && `${f.info} info`].filter(Boolean).join(' · ');
  return el('span', { class: `pill health-${run.health}`, text: label });
}

export function progress(p) {
  const bar = el('span', { class: 'bar' }, el('span', { class: 'fill' }));
  // Width through the CSSOM: no inline style attributes under the CSP.
  bar.firstChild.style.width = `${Math.min(100, (p.fraction ?? 0) * 100)}%`;
  const where = p.steps ? `step ${p.step ?? '–'}/${p.steps}` : p.epochs ? `epoch ${p.epoch ?? '–'}/${p.epochs}` : p.step != null ? `step ${p.step}` : '';
  return el('span', { class: 'progress' }, bar, el('span', { class: 'small', text: `${percent(p.fraction)} ${where}` }));
}

export const eta = (p) => (p.etaSeconds != null ? `ETA ${duration(p.etaSeconds)}` : '');
