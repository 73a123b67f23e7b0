'use strict';
/*
 * The console page: takes the session token from the address (then hides it from the address
 * bar), connects the push channel, renders the snapshot it gets first and every event after,
 * and reconnects (getting a fresh snapshot) whenever the channel drops.
 */
(() => {
  const { el, ms, clear } = HcrViews;
  const OUTPUT_LINES = 10000;
  const LOG_LINES = 2000;

  const token = (() => {
    const fromUrl = new URLSearchParams(location.search).get('token');
    if (fromUrl) {
      sessionStorage.setItem('hcr-token', fromUrl);
      history.replaceState(null, '', location.pathname);
      return fromUrl;
    }
    return sessionStorage.getItem('hcr-token');
  })();

  const output = new HcrTerminal(document.getElementById('output'), OUTPUT_LINES,
    line => 'out-line ' + line.stream, document.getElementById('output-dropped'), document.getElementById('output-count'));
  const log = new HcrTerminal(document.getElementById('log'), LOG_LINES, line => 'log-line ' + line.kind, null, null);

  function api(method, path, body) {
    return fetch(path, {
      method,
      headers: Object.assign({ 'X-Hcr-Token': token }, body ? { 'Content-Type': 'application/json' } : {}),
      body: body ? JSON.stringify(body) : undefined,
      cache: 'no-store',
    }).then(async response => {
      const text = await response.text();
      let data = null;
      try { data = text ? JSON.parse(text) : null; } catch (e) { data = { error: text }; }
      if (!response.ok) throw new Error((data && data.error) || `${response.status}`);
      return data;
    });
  }

  const sources = new Map();
  function fetchSource(path) {
    if (!sources.has(path)) {
      sources.set(path, fetch('/api/source?path=' + encodeURIComponent(path), { headers: { 'X-Hcr-Token': token } })
        .then(r => (r.ok ? r.text() : null)).catch(() => null));
    }
    return sources.get(path);
  }

  /* ---------- events ---------- */
  function handle(event) {
    const d = event.data;
    switch (event.type) {
      case 'snapshot': return snapshot(d);
      case 'program': return HcrPanels.showProgram(d);
      case 'build': return HcrPanels.showBuild(d);
      case 'module': return HcrPanels.updateModule(d);
      case 'modules': return HcrPanels.setModules(d);
      case 'history': HcrHistory.add(d); return refreshGlobalsSoon();
      case 'history-amended': return HcrHistory.amend(d);
      case 'errors': sources.clear(); return HcrPanels.showErrors(d, fetchSource);
      case 'output': return output.add(d);
      case 'skipped': return output.skip(d.lines);
      case 'log': return log.add(d);
      case 'question': return HcrPanels.showQuestion(d);
      default: return undefined;
    }
  }

  function snapshot(s) {
    document.body.dataset.snapshots = String(Number(document.body.dataset.snapshots || 0) + 1);
    HcrPanels.setClock(s.serverTimeMillis);
    HcrPanels.showProgram(s.program);
    HcrPanels.showBuild(s.build);
    HcrPanels.setModules(s.modules);
    HcrHistory.reset(s.history, s.chart);
    sources.clear();
    HcrPanels.showErrors(s.errors, fetchSource);
    output.reset(s.output, s.outputDropped);
    log.reset(s.log, s.logDropped);
    HcrPanels.showQuestion(s.question);
    refreshGlobals();
  }

  /* ---------- push channel ---------- */
  let retry = 500;
  function connect() {
    const status = document.getElementById('connection');
    const ws = new WebSocket(`ws://${location.host}/api/events?token=${encodeURIComponent(token)}`);
    ws.onopen = () => { status.dataset.state = 'connected'; status.textContent = 'live'; retry = 500; };
    ws.onmessage = message => {
      for (const event of JSON.parse(message.data)) handle(event);
    };
    ws.onclose = close => {
      status.dataset.state = 'disconnected';
      status.textContent = close.code === 1013 ? 'fell behind: reconnecting…' : 'disconnected: reconnecting…';
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 5000);
    };
  }

  /* ---------- actions ---------- */
  function action(button, path, body, done) {
    const status = document.getElementById('action-status');
    const label = button.textContent; // as clicked: Pause reloads turns into Resume reloads before the answer
    button.disabled = true;
    status.classList.remove('failed');
    status.textContent = label + '…';
    api('POST', path, body)
      .then(result => { status.textContent = label + ': done'; if (done) done(result); })
      .catch(error => { status.classList.add('failed'); status.textContent = error.message; })
      .finally(() => { button.disabled = false; });
  }

  function wireActions() {
    const by = id => document.getElementById(id);
    by('btn-rebuild').onclick = () => action(by('btn-rebuild'), '/api/rebuild');
    by('btn-restart').onclick = () => action(by('btn-restart'), '/api/restart');
    by('btn-question-restart').onclick = () => action(by('btn-question-restart'), '/api/restart');
    by('btn-question-keep').onclick = () => HcrPanels.keepRunning();
    by('btn-reload').onclick = () => action(by('btn-reload'), '/api/reload');
    by('btn-pause').onclick = () => {
      const paused = by('btn-pause').getAttribute('aria-pressed') !== 'true';
      action(by('btn-pause'), '/api/pause', { paused });
    };
    by('btn-globals').onclick = refreshGlobals;
    by('output-follow').onchange = e => { output.follow = e.target.checked; };
  }

  /* ---------- globals ---------- */
  let globalsTimer = null;

  function refreshGlobalsSoon() {
    clearTimeout(globalsTimer);
    globalsTimer = setTimeout(refreshGlobals, 200);
  }

  function refreshGlobals() {
    clearTimeout(globalsTimer);
    const status = document.getElementById('globals-status');
    api('GET', '/api/globals').then(list => {
      status.textContent = `${list.length}`;
      showGlobals(list);
    }).catch(error => {
      status.textContent = error.message;
    }).finally(() => {
      globalsTimer = setTimeout(refreshGlobals, 2000);
    });
  }

  /** Rebuilds the table when the set of globals changed; otherwise updates the values in place,
      leaving alone an input being edited or written. Statics are rows too: a static's name is
      the debugger's (`calls`, `vars_step::calls`), tagged static, and two modules may each have one. */
  function rowSelector(g) {
    return `tr[data-global="${CSS.escape(g.name)}"][data-global-module="${CSS.escape(g.module)}"][data-kind="${g.kind}"]`;
  }

  function showGlobals(list) {
    const body = document.getElementById('global-rows');
    const key = list.map(g => `${g.kind}/${g.module}/${g.name}/${g.type}/${g.editable}`).join('|');
    if (body.dataset.key === key) {
      for (const g of list) {
        const row = body.querySelector(rowSelector(g));
        const input = row && row.querySelector('input');
        if (input) {
          input.dataset.current = g.value;
          if (document.activeElement !== input && !input.dataset.writing && !input.dataset.typed) input.value = g.value;
        } else if (row) {
          row.lastChild.textContent = g.value;
        }
      }
      return;
    }
    body.dataset.key = key;
    clear(body);
    for (const g of list) {
      const cell = el('td', { class: 'value' });
      if (g.editable) {
        const input = el('input', { class: 'global-value', value: g.value, spellcheck: false, 'data-global': g.name,
          'data-kind': g.kind });
        input.oninput = () => { input.dataset.typed = 'yes'; }; // what the user typed stays until written or Escape
        input.onkeydown = e => {
          if (e.key === 'Enter') { e.preventDefault(); writeGlobal(g, input, cell); }
          if (e.key === 'Escape') { delete input.dataset.typed; input.value = input.dataset.current || g.value; input.blur(); }
        };
        cell.append(input);
      } else {
        cell.append(g.value);
      }
      const name = el('td', { class: 'name', text: g.name },
        g.kind === 'static' ? el('span', { class: 'kind', text: 'static' }) : null);
      body.append(el('tr', { 'data-global': g.name, 'data-global-module': g.module, 'data-kind': g.kind }, name,
        el('td', { text: g.module }), el('td', { text: g.type }), el('td', { class: 'num', text: g.size }), cell));
    }
  }

  function writeGlobal(g, input, cell) {
    const old = cell.querySelector('.note');
    if (old) old.remove();
    const note = el('span', { class: 'note', text: 'writing…' });
    cell.append(note);
    input.dataset.writing = 'yes';
    const request = g.kind === 'static' ? { value: input.value, module: g.module, static: true } : { value: input.value };
    api('POST', '/api/globals/' + encodeURIComponent(g.name), request)
      .then(result => { input.value = result.value; note.textContent = 'written'; note.dataset.result = 'ok'; })
      .catch(error => { note.textContent = error.message; note.classList.add('failed'); note.dataset.result = 'failed'; })
      .finally(() => { delete input.dataset.writing; delete input.dataset.typed; input.blur(); });
  }

  /* ---------- start ---------- */
  if (!token) {
    document.getElementById('no-token').hidden = false;
    return;
  }
  HcrHistory.legend();
  wireActions();
  setInterval(HcrPanels.tick, 1000);
  connect();
})();
