// Same-origin requests: the token (when the server wants one) travels in the cookie set when the page was opened.
export async function get(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

export const runs = () => get('/api/runs');
export const run = (id) => get(`/api/runs/${id}`);
export const excerpt = (id, source, line, context = 8) =>
  get(`/api/runs/${id}/excerpt?source=${source}&line=${line}&context=${context}`);

export function series(runId, seriesId, { axis = 'step', from, to, points = 1000 } = {}) {
  const query = new URLSearchParams({ axis, points: String(Math.max(2, Math.round(points))) });
  if (from != null && Number.isFinite(from)) query.set('from', String(from));
  if (to != null && Number.isFinite(to)) query.set('to', String(to));
  return get(`/api/runs/${runId}/series/${seriesId}?${query}`);
}

// One EventSource for the page; listeners get parsed payloads by event type.
const listeners = new Map();
let source = null;
export function on(type, listener) {
  if (!listeners.has(type)) listeners.set(type, new Set());
  listeners.get(type).add(listener);
  return () => listeners.get(type).delete(listener);
}

export function connect(onState) {
  if (source) return;
  source = new EventSource('/api/events');
  source.onopen = () => onState(true);
  source.onerror = () => onState(false);
  for (const type of ['hello', 'run', 'finding']) {
    source.addEventListener(type, (event) => {
      let data;
      try { data = JSON.parse(event.data); } catch { return; }
      for (const listener of listeners.get(type) ?? []) listener(data);
    });
  }
}
