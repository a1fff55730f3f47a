import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { el, clear } from './dom.js';
import { number, duration } from './format.js';
import { smooth } from './smooth.js';

const palette = ['#4e9af1', '#f28e2b', '#59a14f', '#e15759', '#b07aa1', '#76b7b2', '#edc948', '#ff9da7', '#9c755f', '#bab0ac'];
const dashes = { train: null, eval: [6, 3], test: [2, 3] };

export const colorOf = (i) => palette[i % palette.length];

function cssVar(name, fallback) {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

function withAlpha(hex, alpha) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha})`;
}

// Sorts one series' window by x (a restarted job can step backwards) and drops what a log scale cannot show.
function table(line, log) {
  const order = line.x.map((_, i) => i).sort((a, b) => line.x[a] - line.x[b]);
  const xs = order.map((i) => line.x[i]);
  const ys = order.map((i) => (log && !(line.y[i] > 0) ? null : line.y[i]));
  return [xs, ys];
}

/**
 * One chart of a run page: several metric lines (train and eval overlaid), optional smoothing with the raw line faint
 * behind, NaN markers along the top, select-to-zoom and double-click reset handed to the page, and a legend that shows
 * every line's value at the hovered x.
 */
export class MetricChart {
  constructor(container, { title, onZoom, onReset, syncKey, height = 210 }) {
    this.onZoom = onZoom;
    this.onReset = onReset;
    this.syncKey = syncKey;
    this.height = height;
    this.root = el('section', { class: 'card chart' },
      el('header', {}, el('h3', { text: title }), this.count = el('span', { class: 'muted small' })),
      this.plotBox = el('div', { class: 'plot' }),
      this.legend = el('div', { class: 'legend' }));
    container.append(this.root);
    this.plot = null;
    this.shape = '';
    this.lines = [];
    new ResizeObserver(() => {
      if (this.plot) this.plot.setSize({ width: this.width(), height: this.height });
    }).observe(this.plotBox);
  }

  width() { return Math.max(200, this.plotBox.clientWidth || 600); }

  /** lines: [{ label, phase, color, x, y, nonFinite, total }]; view: { smoothing, log, axis } */
  update(lines, view) {
    this.lines = lines;
    this.zoomed = !!view.zoom;
    const tables = lines.map((line) => table(line, view.log));
    const joined = tables.length ? uPlot.join(tables) : [[]];
    const data = [joined[0]];
    const smoothed = view.smoothing > 0;
    lines.forEach((_, i) => {
      const ys = joined[i + 1];
      if (smoothed) data.push(ys);
      data.push(smoothed ? smooth(ys, view.smoothing) : ys);
    });
    this.markers = lines.map((line) => ({ color: line.color, xs: line.nonFinite ?? [] }));
    const total = lines.reduce((sum, l) => sum + (l.total ?? 0), 0);
    const shown = lines.reduce((sum, l) => sum + l.y.length, 0);
    this.root.dataset.points = String(shown);
    this.root.dataset.total = String(total);
    this.count.textContent = `${total.toLocaleString()} points`;

    const shape = JSON.stringify([lines.map((l) => l.label + l.phase + l.color), view.log, view.axis, smoothed]);
    if (!this.plot || shape !== this.shape) {
      this.shape = shape;
      this.build(data, view, smoothed);
    } else {
      this.plot.setData(data, !view.zoom);
      if (view.zoom) this.plot.setScale('x', { min: view.zoom[0], max: view.zoom[1] });
    }
    this.showValues(null);
  }

  build(data, view, smoothed) {
    this.plot?.destroy();
    clear(this.plotBox);
    const axisColor = cssVar('--muted', '#888');
    const grid = cssVar('--grid', 'rgba(128,128,128,0.15)');
    const series = [{}];
    for (const line of this.lines) {
      const dash = dashes[line.phase] ?? null;
      if (smoothed) series.push({ label: `${line.label} (raw)`, stroke: withAlpha(line.color, 0.22), width: 1, dash, spanGaps: true, points: { show: false } });
      series.push({ label: line.label, stroke: line.color, width: 1.6, dash, spanGaps: true, points: { show: false } });
    }
    const xValues = view.axis === 'relative' ? (_, ticks) => ticks.map((t) => duration(t)) : view.axis === 'time' ? undefined : (_, ticks) => ticks.map(number);
    const opts = {
      width: this.width(),
      height: this.height,
      legend: { show: false },
      cursor: { sync: { key: this.syncKey }, drag: { x: true, y: false, setScale: false }, points: { size: 6 } },
      scales: { x: { time: view.axis === 'time' }, y: view.log ? { distr: 3 } : {} },
      axes: [
        { stroke: axisColor, grid: { stroke: grid }, ticks: { stroke: grid }, values: xValues, size: 32 },
        { stroke: axisColor, grid: { stroke: grid }, ticks: { stroke: grid }, values: (_, ticks) => ticks.map(number), size: 52 },
      ],
      series,
      hooks: {
        setCursor: [(u) => this.showValues(u.cursor.idx)],
        setSelect: [(u) => {
          if (u.select.width < 4) return;
          const min = u.posToVal(u.select.left, 'x');
          const max = u.posToVal(u.select.left + u.select.width, 'x');
          u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          this.onZoom?.(min, max);
        }],
        draw: [(u) => this.drawMarkers(u)],
      },
    };
    this.plot = new uPlot(opts, data, this.plotBox);
    if (view.zoom) this.plot.setScale('x', { min: view.zoom[0], max: view.zoom[1] });
    this.plot.over.addEventListener('dblclick', () => this.onReset?.());
    // Pan a zoomed chart sideways: a horizontal scroll, or shift + wheel.
    this.plot.over.addEventListener('wheel', (e) => {
      const delta = e.deltaX || (e.shiftKey ? e.deltaY : 0);
      const { min, max } = this.plot.scales.x;
      if (!this.zoomed || !delta || min == null || max == null) return;
      e.preventDefault();
      const shift = Math.sign(delta) * (max - min) * 0.1;
      this.onZoom?.(min + shift, max + shift);
    }, { passive: false });
    this.smoothed = smoothed;
    this.buildLegend();
  }

  buildLegend() {
    clear(this.legend);
    this.values = this.lines.map((line) => {
      const value = el('span', { class: 'value' });
      this.legend.append(el('span', { class: 'item', title: line.label },
        el('i', { class: `swatch ${line.phase}`, style: null, dataset: { color: line.color } }),
        el('span', { class: 'name', text: line.label }),
        value));
      return value;
    });
    // Colours are set through the CSSOM: style attributes would need an unsafe-inline CSP.
    this.legend.querySelectorAll('.swatch').forEach((s) => { s.style.background = s.dataset.color; s.style.borderColor = s.dataset.color; });
  }

  // The value of every line at the hovered x (the nearest point at or before it), or the last values when not hovering.
  showValues(idx) {
    if (!this.plot || !this.values) return;
    const data = this.plot.data;
    const per = this.smoothed ? 2 : 1;
    this.lines.forEach((_, i) => {
      const ys = data[1 + i * per + (per - 1)];
      let at = idx ?? ys.length - 1;
      while (at > 0 && ys[at] == null) at--;
      this.values[i].textContent = at >= 0 && ys[at] != null ? number(ys[at]) : '–';
    });
  }

  drawMarkers(u) {
    const { ctx } = u;
    const top = u.bbox.top;
    ctx.save();
    for (const { color, xs } of this.markers ?? []) {
      ctx.fillStyle = color;
      ctx.strokeStyle = '#e15759';
      for (const x of xs) {
        const px = u.valToPos(x, 'x', true);
        if (px < u.bbox.left || px > u.bbox.left + u.bbox.width) continue;
        ctx.beginPath();
        ctx.moveTo(px - 5, top);
        ctx.lineTo(px + 5, top);
        ctx.lineTo(px, top + 8);
        ctx.closePath();
        ctx.fill();
        ctx.stroke();
      }
    }
    ctx.restore();
  }
}
