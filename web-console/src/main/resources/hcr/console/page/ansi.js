'use strict';
/*
 * ANSI colours of terminal text, rendered as spans with classes (the 16 colours, bold, dim,
 * italic, underline) or CSSOM colours (256-colour and 24-bit). Text is only ever set with
 * textContent: whatever the program prints, it cannot inject markup. Escape sequences other
 * than SGR (cursor moves, titles) are dropped.
 */
const HcrAnsi = (() => {
  // CSI ... final byte, or OSC ... BEL/ST, or a lone two-byte escape
  const ESCAPES = /\x1b\[([0-9;?]*)([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;
  const PALETTE = ['#000000', '#cd3131', '#0dbc79', '#e5e510', '#2472c8', '#bc3fbc', '#11a8cd', '#e5e5e5',
    '#666666', '#f14c4c', '#23d18b', '#f5f543', '#3b8eea', '#d670d6', '#29b8db', '#ffffff'];

  function colour256(n) {
    if (n < 16) return PALETTE[n];
    if (n >= 232) { const v = 8 + (n - 232) * 10; return `rgb(${v},${v},${v})`; }
    const i = n - 16, r = Math.floor(i / 36), g = Math.floor(i / 6) % 6, b = i % 6;
    const c = x => (x === 0 ? 0 : 55 + x * 40);
    return `rgb(${c(r)},${c(g)},${c(b)})`;
  }

  function fresh() { return { bold: false, dim: false, italic: false, underline: false, fg: null, bg: null }; }

  function apply(style, params) {
    const p = params === '' ? [0] : params.split(';').map(x => (x === '' ? 0 : Number(x)));
    for (let i = 0; i < p.length; i++) {
      const n = p[i];
      if (n === 0) Object.assign(style, fresh());
      else if (n === 1) style.bold = true;
      else if (n === 2) style.dim = true;
      else if (n === 3) style.italic = true;
      else if (n === 4) style.underline = true;
      else if (n === 22) { style.bold = false; style.dim = false; }
      else if (n === 23) style.italic = false;
      else if (n === 24) style.underline = false;
      else if ((n >= 30 && n <= 37) || (n >= 90 && n <= 97)) style.fg = { cls: n };
      else if (n === 39) style.fg = null;
      else if ((n >= 40 && n <= 47) || (n >= 100 && n <= 107)) style.bg = { cls: n };
      else if (n === 49) style.bg = null;
      else if (n === 38 || n === 48) {
        let colour = null;
        if (p[i + 1] === 5 && i + 2 < p.length) { colour = colour256(p[i + 2] & 255); i += 2; }
        else if (p[i + 1] === 2 && i + 4 < p.length) { colour = `rgb(${p[i + 2] & 255},${p[i + 3] & 255},${p[i + 4] & 255})`; i += 4; }
        if (colour) { if (n === 38) style.fg = { css: colour }; else style.bg = { css: colour }; }
      }
    }
  }

  function plain(style) {
    return !style.bold && !style.dim && !style.italic && !style.underline && !style.fg && !style.bg;
  }

  function span(text, style) {
    const el = document.createElement('span');
    el.textContent = text;
    if (style.bold) el.classList.add('ansi-bold');
    if (style.dim) el.classList.add('ansi-dim');
    if (style.italic) el.classList.add('ansi-italic');
    if (style.underline) el.classList.add('ansi-underline');
    if (style.fg) { if (style.fg.cls) el.classList.add('ansi-fg-' + style.fg.cls); else el.style.color = style.fg.css; }
    if (style.bg) { if (style.bg.cls) el.classList.add('ansi-bg-' + style.bg.cls); else el.style.backgroundColor = style.bg.css; }
    return el;
  }

  /** Appends {@code text} to {@code parent}, colours rendered; returns parent. */
  function render(parent, text) {
    if (text.indexOf('\x1b') < 0) { parent.appendChild(document.createTextNode(text)); return parent; }
    const style = fresh();
    let last = 0, m;
    ESCAPES.lastIndex = 0;
    const emit = chunk => {
      if (chunk) parent.appendChild(plain(style) ? document.createTextNode(chunk) : span(chunk, style));
    };
    while ((m = ESCAPES.exec(text)) !== null) {
      emit(text.slice(last, m.index));
      if (m[2] === 'm') apply(style, m[1]);
      last = ESCAPES.lastIndex;
    }
    emit(text.slice(last));
    return parent;
  }

  /** The text without escape sequences. */
  function strip(text) { return text.replace(ESCAPES, ''); }

  return { render, strip };
})();
