'use strict';
/* The panels other than the history: program, modules, errors, output, log and globals. */
const HcrPanels = (() => {
  const { el, ms, bytes, clock, duration, clear } = HcrViews;

  /* ---------- program ---------- */
  let program = null;
  let clockOffset = 0; // server time − local time

  function setClock(serverTimeMillis) { clockOffset = serverTimeMillis - Date.now(); }

  function programText(p) {
    switch (p.state) {
      case 'crashed': return 'crashed';
      case 'exited': return 'exited';
      case 'start-failed': return 'failed to start';
      case 'not-started': return 'not started';
      default: return p.state;
    }
  }

  function showProgram(p) {
    program = p;
    document.getElementById('program-name').textContent = p.name;
    const badge = document.getElementById('program-state');
    badge.dataset.state = p.state;
    badge.textContent = programText(p);
    let detail = '';
    if (p.state === 'crashed') {
      detail = p.signal || 'signal';
      if (p.function) detail += ` in ${p.function}()`;
      if (p.module) detail += ` (module ${p.module})`;
    } else if (p.state === 'exited') {
      detail = `status ${p.exitStatus}`;
    } else if (p.state === 'start-failed') {
      detail = p.error || '';
    }
    const detailNode = document.getElementById('program-crash');
    detailNode.textContent = detail;
    detailNode.title = detail;
    detailNode.dataset.state = p.state;
    document.getElementById('program-pid').textContent = p.pid ?? '–';
    document.getElementById('program-generation').textContent = p.generation || '–';
    document.getElementById('program-e2e').textContent = ms(p.lastEditToEffectMicros);
    const pause = document.getElementById('btn-pause');
    pause.setAttribute('aria-pressed', p.paused ? 'true' : 'false');
    pause.textContent = p.paused ? 'Resume reloads' : 'Pause reloads';
    tick();
  }

  function tick() {
    const up = document.getElementById('program-uptime');
    if (!program || !program.startedAtMillis) { up.textContent = '–'; return; }
    const end = program.endedAtMillis ?? (Date.now() + clockOffset);
    up.textContent = duration(end - program.startedAtMillis) + (program.endedAtMillis ? ' (ended)' : '');
  }

  function showBuild(b) {
    const text = b.state === 'building' ? 'building…'
      : b.state === 'failed' ? 'failed'
      : b.state === 'idle' ? '–'
      : `gen ${b.generation}` + (b.totalMicros ? ` in ${ms(b.totalMicros)}` : '');
    const node = document.getElementById('build-state');
    node.textContent = text;
    node.dataset.state = b.state;
  }

  /* ---------- modules ---------- */
  const STATE_TEXT = {
    'changed': () => 'changed', 'compiling': () => 'compiling', 'compiled': () => 'compiled',
    'failed': () => 'failed', 'pending': () => 'built, not loaded', 'removed': () => 'removed',
    'up-to-date': () => 'up to date', 'loaded': m => `loaded (gen ${m.loadedGeneration})`,
  };

  function moduleRow(m) {
    const state = el('td', { class: 'state', 'data-state': m.state },
      el('span', { text: (STATE_TEXT[m.state] || (() => m.state))(m) }));
    const compile = m.compileMicros !== null
      ? `${ms(m.compileMicros)} at ${clock(m.compiledAtMillis)}` : '–';
    return el('tr', { 'data-module': m.id },
      el('td', { class: 'id', text: m.id, title: m.source }), state,
      el('td', { class: 'num compile', text: compile }),
      el('td', { class: 'num functions', text: m.functions ?? '–' }),
      el('td', { class: 'num globals', text: m.globals ?? '–' }),
      el('td', { class: 'num size', text: bytes(m.librarySize), title: m.library || '' }));
  }

  function setModules(list) {
    const body = document.getElementById('module-rows');
    clear(body);
    for (const m of list) body.append(moduleRow(m));
    document.getElementById('module-count').textContent = list.length ? `${list.length}` : '';
  }

  function updateModule(m) {
    const body = document.getElementById('module-rows');
    const row = moduleRow(m);
    row.classList.add('flash');
    const old = body.querySelector(`tr[data-module="${CSS.escape(m.id)}"]`);
    if (old) { body.replaceChild(row, old); return; }
    const after = [...body.children].find(r => r.dataset.module > m.id);
    body.insertBefore(row, after || null);
    document.getElementById('module-count').textContent = `${body.children.length}`;
  }

  /* ---------- errors ---------- */
  let errorsVersion = 0;

  function showErrors(errors, fetchSource) {
    const version = ++errorsVersion;
    const box = document.getElementById('errors');
    clear(box);
    const count = errors.files.reduce((n, f) => n + f.messages.length, 0) + errors.problems.length;
    document.getElementById('error-count').textContent = errors.failed ? `${count}` : '';
    if (!errors.failed) { box.append(el('p', { class: 'empty', text: 'No errors.' })); return; }
    if (errors.problems.length) {
      box.append(el('ul', { class: 'problems' }, ...errors.problems.map(p => el('li', { text: p }))));
    }
    for (const file of errors.files) {
      const group = el('div', { class: 'error-file', 'data-file': file.path }, el('h3', { text: file.path }));
      box.append(group);
      const items = file.messages.map(msg => {
        const where = msg.line > 0 ? `${msg.line}${msg.column > 0 ? ':' + msg.column : ''}: ` : '';
        const sev = 'severity-' + msg.severity.replace(/\s+/g, '-');
        const item = el('div', { class: 'diagnostic', 'data-line': msg.line },
          el('div', { class: 'message' }, el('span', { class: sev, text: `${where}${msg.severity}: ` }), msg.text));
        group.append(item);
        return { msg, item };
      });
      if (file.inProject) {
        fetchSource(file.path).then(text => {
          if (version !== errorsVersion || text === null) return;
          const lines = text.split('\n');
          const shown = new Set(); // a note about the same line as the error before it gets no second copy
          for (const { msg, item } of items) {
            if (msg.line > 0 && !shown.has(msg.line)) item.append(sourceContext(lines, msg));
            shown.add(msg.line);
          }
        });
      }
    }
    if (errors.output) box.append(HcrAnsi.render(el('pre', { class: 'tool-output' }), errors.output));
  }

  function sourceContext(lines, msg) {
    const pre = el('pre', { class: 'source' });
    const from = Math.max(1, msg.line - 2), to = Math.min(lines.length, msg.line + 2);
    for (let n = from; n <= to; n++) {
      const offending = n === msg.line;
      pre.append(el('span', { class: 'source-line' + (offending ? ' offending' : ''), 'data-line': n },
        el('span', { class: 'ln', text: n }), lines[n - 1] ?? ''));
      if (offending && msg.column > 0) {
        const indent = (lines[n - 1] || '').slice(0, msg.column - 1).replace(/[^\t]/g, ' ');
        pre.append(el('span', { class: 'source-line caret' }, el('span', { class: 'ln', text: '' }), indent + '^'));
      }
    }
    return pre;
  }

  /* ---------- layout question ---------- */
  let kept = 0; // the generation whose question "Keep running" hid

  function showQuestion(q) {
    const box = document.getElementById('layout-question');
    const lines = document.getElementById('layout-question-lines');
    clear(lines);
    box.dataset.generation = q && q.open ? q.generation : '';
    if (!q || !q.open || q.generation === kept) { box.hidden = true; return; }
    for (const line of q.lines) lines.append(el('div', { class: 'line', text: line }));
    box.hidden = false;
  }

  function keepRunning() {
    const box = document.getElementById('layout-question');
    kept = Number(box.dataset.generation || 0);
    box.hidden = true;
  }

  return { setClock, showProgram, tick, showBuild, setModules, updateModule, showErrors, showQuestion, keepRunning };
})();
