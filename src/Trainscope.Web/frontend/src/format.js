// Short human forms for numbers, durations and times.
export function number(v) {
  if (v == null || !Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return compactExponent(v.toExponential(2));
  if (Number.isInteger(v)) return String(v);
  if (a >= 100) return v.toFixed(1);
  return Number(v.toPrecision(4)).toString();
}

export function duration(seconds) {
  if (seconds == null || !Number.isFinite(seconds)) return '–';
  const s = Math.max(0, Math.round(seconds));
  const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${s % 60}s`;
  return `${s}s`;
}

export function ago(iso) {
  if (!iso) return '–';
  const seconds = (Date.now() - Date.parse(iso)) / 1000;
  return seconds < 2 ? 'just now' : `${duration(seconds)} ago`;
}

export function percent(fraction) {
  return fraction == null ? '–' : `${(fraction * 100).toFixed(fraction < 0.1 ? 1 : 0)}%`;
}

// 5.00e-4 → 5e-4, 1.50e+7 → 1.5e7: narrow enough for an axis.
function compactExponent(text) {
  const [mantissa, exponent] = text.split('e');
  return `${mantissa.replace(/\.?0+$/, '')}e${exponent.replace('+', '')}`;
}
