// Small SVG charts drawn by hand (no library). Labels are text nodes.
import { el, pct, t } from './common.js';

const W = 360, H = 180, PAD = 30;
function svg(w = W, h = H) { return el('svg:svg', { viewBox: `0 0 ${w} ${h}`, width: '100%', role: 'img' }); }

// points: [{label, value (0..max or null)}]
export function lineChart(points, { max = 1, pct: asPct = false } = {}) {
  const s = svg();
  const step = (W - 2 * PAD) / Math.max(1, points.length - 1);
  const y = (v) => H - PAD - (v / max) * (H - 2 * PAD);
  s.append(el('svg:line', { x1: PAD, y1: H - PAD, x2: W - PAD, y2: H - PAD, class: 'axis' }));
  let d = '';
  points.forEach((p, i) => {
    const x = PAD + i * step;
    s.append(el('svg:text', { x, y: H - 10, 'text-anchor': 'middle' }, p.label));
    if (p.value == null) return;
    d += (d ? ' L' : 'M') + x + ' ' + y(p.value);
    s.append(el('svg:circle', { cx: x, cy: y(p.value), r: 4, fill: '#f5b942' }));
    s.append(el('svg:text', { x, y: y(p.value) - 8, 'text-anchor': 'middle' }, asPct ? pct(p.value) : String(p.value)));
  });
  if (d) s.prepend(el('svg:path', { d, stroke: '#f5b942', fill: 'none', 'stroke-width': 2 }));
  return s;
}

// rows: [{label, value}] horizontal bars.
export function barChart(rows) {
  const h = 24 * rows.length + 10;
  const s = svg(W, h);
  const max = Math.max(1, ...rows.map(r => r.value));
  rows.forEach((r, i) => {
    const y = 5 + i * 24;
    s.append(el('svg:text', { x: 0, y: y + 14 }, r.label.length > 12 ? r.label.slice(0, 12) + '…' : r.label));
    const w = (W - 150) * r.value / max;
    s.append(el('svg:rect', { x: 120, y, width: Math.max(1, w), height: 18, fill: '#ef5b5b', rx: 3 }));
    s.append(el('svg:text', { x: 124 + w, y: y + 14 }, String(r.value)));
  });
  return s;
}

// groups: [{weekday 1..7, hour 0..23, ratings, satisfaction_rate}] — a 7 × 24 grid.
export function heatMap(groups) {
  const cw = 13, ch = 18, left = 26, top = 14;
  const s = svg(left + 24 * cw + 4, top + 7 * ch + 4);
  const max = Math.max(1, ...groups.map(g => g.ratings));
  const at = new Map(groups.map(g => [g.weekday * 100 + g.hour, g]));
  for (let h = 0; h < 24; h += 3) s.append(el('svg:text', { x: left + h * cw, y: 10 }, String(h)));
  for (let d = 1; d <= 7; d++) {
    s.append(el('svg:text', { x: 0, y: top + (d - 1) * ch + 13 }, t('wd' + d)));
    for (let h = 0; h < 24; h++) {
      const g = at.get(d * 100 + h);
      const a = g ? 0.15 + 0.85 * g.ratings / max : 0.05;
      const cell = el('svg:rect', { x: left + h * cw, y: top + (d - 1) * ch, width: cw - 1, height: ch - 1, fill: '#f5b942', 'fill-opacity': a.toFixed(2) });
      if (g) cell.append(el('svg:title', {}, `${t('wd' + d)} ${h}:00 · ${g.ratings} · ${pct(g.satisfaction_rate)}`));
      s.append(cell);
    }
  }
  return s;
}

// rows: [{label, value 0..1}] against a 100% target line.
export function targetBars(rows) {
  const h = 34 * rows.length + 20;
  const s = svg(W, h);
  const x0 = 110, w = W - x0 - 40;
  rows.forEach((r, i) => {
    const y = 8 + i * 34;
    s.append(el('svg:text', { x: 0, y: y + 16 }, r.label));
    s.append(el('svg:rect', { x: x0, y, width: w, height: 22, fill: '#2f375f', rx: 3 }));
    const v = r.value == null ? 0 : r.value;
    s.append(el('svg:rect', { x: x0, y, width: w * Math.min(1, v), height: 22, fill: v >= 1 ? '#3ec28f' : '#ef5b5b', rx: 3 }));
    s.append(el('svg:text', { x: x0 + 6, y: y + 16 }, r.value == null ? '—' : pct(r.value)));
  });
  s.append(el('svg:line', { x1: x0 + w, y1: 0, x2: x0 + w, y2: h - 12, stroke: '#eef0fa', 'stroke-dasharray': '4 3' }));
  s.append(el('svg:text', { x: x0 + w - 20, y: h - 2 }, t('target_100')));
  return s;
}
