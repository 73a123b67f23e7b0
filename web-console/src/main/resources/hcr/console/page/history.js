'use strict';
/* The reload history (newest first, each with its edit-to-effect phase bar) and the chart of
   edit-to-effect over the session (inline SVG). */
const HcrHistory = (() => {
  const { el, ms, clock, clear } = HcrViews;
  const PHASES = ['watch', 'wait', 'scan', 'compile', 'link', 'publish', 'apply', 'other'];
  const MAX_ENTRIES = 200;
  const MAX_POINTS = 2000;
  let points = [];

  function legend() {
    const box = document.getElementById('phase-legend');
    clear(box);
    for (const p of PHASES) box.append(el('span', {}, el('i', { class: p }), p));
  }

  function phaseBar(entry) {
    const total = entry.phases.reduce((sum, p) => sum + p.micros, 0);
    const bar = el('div', { class: 'phase-bar', title: 'edit to effect ' + ms(entry.editToEffectMicros) });
    if (total <= 0) return bar;
    for (const p of entry.phases) {
      if (p.micros <= 0) continue;
      const seg = el('div', { class: 'phase', 'data-phase': p.name, title: `${p.name} ${ms(p.micros)}` });
      seg.style.width = (100 * p.micros / total).toFixed(3) + '%';
      bar.append(seg);
    }
    return bar;
  }

  function entryView(e) {
    const modules = [];
    if (e.reloaded.length) modules.push('reloaded ' + e.reloaded.join(', '));
    if (e.loaded.length) modules.push((e.kind === 'start' ? 'loaded ' : 'added ') + e.loaded.join(', '));
    if (e.removed.length) modules.push('removed ' + e.removed.join(', '));
    if (!modules.length) modules.push(e.result === 'ok' ? 'no module changed' : '');
    const head = el('div', { class: 'head' },
      el('span', { class: 'time', text: clock(e.timeMillis) }),
      el('span', { class: 'gen', text: (e.kind === 'start' ? 'start gen ' : 'gen ') + e.generation }),
      el('span', { class: 'modules', text: modules.join('; ') }),
      el('span', { class: 'result result-' + e.result, text: e.result === 'ok' ? 'ok' : 'failed: ' + (e.error || '') }),
      e.editToEffectMicros !== null ? el('span', { class: 'e2e', text: ms(e.editToEffectMicros) }) : null);
    const statics = [];
    if (e.shared > 0) statics.push(`${e.shared} ${e.shared === 1 ? 'static' : 'statics'} shared`);
    if (e.carried > 0) statics.push(`${e.carried} ${statics.length ? '' : e.carried === 1 ? 'static ' : 'statics '}carried`);
    if (e.reset.length) statics.push(`${e.reset.length} reset: ${e.reset.join(', ')}`);
    if (e.forwarded > 0) statics.push(`${e.forwarded} ${e.forwarded === 1 ? 'entry forwards' : 'entries forward'}`);
    const li = el('li', { class: 'history-entry', 'data-seq': e.seq, 'data-generation': e.generation,
      'data-result': e.result }, head);
    if (statics.length) li.append(el('div', { class: 'statics', text: statics.join(', ') }));
    for (const r of e.renamed) {
      if (r.reason.startsWith('changed layout')) continue; // said by field in e.layout
      li.append(el('div', { class: 'renamed', text: `global ${r.name} (${r.module}) got fresh storage: ${r.reason}` }));
    }
    for (const change of e.layout || []) li.append(el('div', { class: 'layout', text: change }));
    if (e.phases.length) li.append(phaseBar(e));
    return li;
  }

  function add(entry) {
    const list = document.getElementById('history');
    list.prepend(entryView(entry));
    while (list.children.length > MAX_ENTRIES) list.removeChild(list.lastChild);
    if (entry.editToEffectMicros !== null) {
      points.push({ timeMillis: entry.timeMillis, generation: entry.generation, editToEffectMicros: entry.editToEffectMicros });
      if (points.length > MAX_POINTS) points = points.slice(points.length - MAX_POINTS);
      drawChart();
    }
  }

  /* An entry learnt more after it was made (the struct and union types that changed layout are
     compared after publication): redrawn in its place. Its chart point is unchanged. */
  function amend(entry) {
    const old = document.querySelector(`#history li.history-entry[data-seq="${entry.seq}"]`);
    if (old) old.replaceWith(entryView(entry));
  }

  function reset(history, chart) {
    const list = document.getElementById('history');
    clear(list);
    for (const e of history) list.append(entryView(e)); // the snapshot's history is newest first
    points = chart.slice();
    drawChart();
  }

  function svg(tag, attrs) {
    const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    return e;
  }

  function drawChart() {
    const chart = document.getElementById('chart');
    const legendBox = document.getElementById('chart-legend');
    clear(chart);
    clear(legendBox);
    // drawn in the chart's own pixels, so the dots stay round whatever the panel's width
    const W = Math.max(100, chart.clientWidth || 600), H = Math.max(40, chart.clientHeight || 64), PAD = 6;
    chart.setAttribute('viewBox', `0 0 ${W} ${H}`);
    if (!points.length) {
      legendBox.append(el('span', { text: 'edit-to-effect: no measured reload yet' }));
      return;
    }
    const max = Math.max(...points.map(p => p.editToEffectMicros)) * 1.1 || 1;
    for (const f of [0.25, 0.5, 0.75]) chart.append(svg('line', { class: 'grid', x1: 0, x2: W, y1: H * f, y2: H * f }));
    const x = i => (points.length === 1 ? W / 2 : PAD + (W - 2 * PAD) * i / (points.length - 1));
    const y = v => H - PAD - (H - 2 * PAD) * v / max;
    const coords = points.map((p, i) => `${x(i).toFixed(1)},${y(p.editToEffectMicros).toFixed(1)}`);
    chart.append(svg('polyline', { class: 'line', points: coords.join(' ') }));
    points.forEach((p, i) => {
      const dot = svg('circle', { class: 'point', cx: x(i).toFixed(1), cy: y(p.editToEffectMicros).toFixed(1), r: 2.5,
        'data-generation': p.generation });
      const title = svg('title', {});
      title.textContent = `gen ${p.generation}: ${ms(p.editToEffectMicros)}`;
      dot.append(title);
      chart.append(dot);
    });
    const sorted = points.map(p => p.editToEffectMicros).sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    legendBox.append(el('span', { text: `edit-to-effect, ${points.length} reloads` }),
      el('span', { id: 'chart-median', text: `median ${ms(median)} · last ${ms(points[points.length - 1].editToEffectMicros)}` }),
      el('span', { text: `max ${ms(max / 1.1)}` }));
  }

  window.addEventListener('resize', () => drawChart());

  return { legend, add, amend, reset };
})();
