// TensorBoard's smoothing: an exponential moving average debiased for its start (as in Adam), skipping gaps.
export function smooth(ys, weight) {
  if (!(weight > 0)) return ys;
  const out = new Array(ys.length);
  let last = 0;
  let n = 0;
  for (let i = 0; i < ys.length; i++) {
    const y = ys[i];
    if (y == null || !Number.isFinite(y)) { out[i] = y; continue; }
    last = last * weight + (1 - weight) * y;
    n++;
    out[i] = last / (1 - Math.pow(weight, n));
  }
  return out;
}
