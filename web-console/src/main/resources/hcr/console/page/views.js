'use strict';
/* Small helpers shared by the panels: elements, numbers and times as the console writes them. */
const HcrViews = (() => {
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k.startsWith('data-')) e.setAttribute(k, v);
      else e[k] = v;
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }

  function ms(micros) {
    if (micros === null || micros === undefined) return '–';
    const m = micros / 1000;
    return m >= 100 ? `${Math.round(m)} ms` : `${m.toFixed(1)} ms`;
  }

  function bytes(n) {
    if (n === null || n === undefined) return '–';
    if (n < 1024) return `${n} B`;
    if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
    return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  }

  function clock(millis) {
    const d = new Date(millis);
    const p = n => String(n).padStart(2, '0');
    return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
  }

  function duration(millis) {
    const s = Math.max(0, Math.floor(millis / 1000));
    const h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60, sec = s % 60;
    return h > 0 ? `${h}h ${String(m).padStart(2, '0')}m ${String(sec).padStart(2, '0')}s`
      : m > 0 ? `${m}m ${String(sec).padStart(2, '0')}s` : `${sec}s`;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  return { el, ms, bytes, clock, duration, clear };
})();
