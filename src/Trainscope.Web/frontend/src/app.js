import * as api from './api.js';
import { clear } from './dom.js';
import { runsPage } from './pages/runs.js';
import { runPage } from './pages/run.js';
import { comparePage } from './pages/compare.js';
import './styles.css';

// Hash routes: #/ (runs), #/run/ID, #/compare.
const view = document.getElementById('view');
let leave = () => {};

function route() {
  leave();
  clear(view);
  const hash = location.hash || '#/';
  const run = /^#\/run\/(\d+)$/.exec(hash);
  document.querySelectorAll('[data-nav]').forEach((a) => a.classList.toggle('active', a.dataset.nav === (hash.startsWith('#/compare') ? 'compare' : 'runs')));
  if (run) leave = runPage(view, Number(run[1]));
  else if (hash.startsWith('#/compare')) leave = comparePage(view);
  else leave = runsPage(view);
}

api.connect((up) => {
  const live = document.getElementById('live');
  live.textContent = up ? 'live' : 'offline';
  live.classList.toggle('up', up);
});
window.addEventListener('hashchange', route);
route();
