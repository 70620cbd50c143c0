// kstar explorer: controls -> POST /v1/plan (and /v1/compare) -> picks table and plots. State lives in the URL.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const SLIDERS = ['max_cost', 'max_latency', 'min_accuracy', 'k_max', 'parallel'];
  const BUDGET_SLIDERS = ['max_cost', 'max_latency', 'min_accuracy', 'k_max'];
  const PROBS = ['cost_quantile', 'latency_quantile', 'confidence'];
  const ESTIMATORS = ['exact', 'monte-carlo'];
  // the stopping policies and the selectors, in the server's order: GET /v1/policies and /v1/selectors
  let POLICIES = ['fixed'];
  /** The accuracy models each policy applies to (empty: every model), and each model's accuracy model. */
  let POLICY_MODELS = {};
  const ACCURACY_MODEL = {};
  const VIEWS = ['space', 'curves', 'compare'];
  let SELECTORS = [];
  // the charts' palette, in the registry's order (kstar-charts' Charts.PICK_COLORS); baselines keep theirs
  const PALETTE = ['#d62728', '#1f77b4', '#9467bd', '#ff7f0e', '#2ca02c', '#17becf', '#bcbd22', '#e377c2'];
  const COLORS = {'baseline-1d': '#7f7f7f', 'baseline-2d': '#8c564b'};
  // the API's field names -> the control that sets them
  const FIELD_CONTROL = {'budget.max_cost_usd': 'max_cost', 'budget.max_latency_s': 'max_latency', 'budget.min_accuracy': 'min_accuracy',
    k_max: 'k_max', parallel: 'parallel', trials: 'trials', seed: 'seed', model: 'model', scenario: 'scenario',
    cost_quantile: 'cost_quantile', latency_quantile: 'latency_quantile', confidence: 'confidence',
    policy: 'policy', margin: 'margin', score_threshold: 'score_threshold'};
  const THREE_D_CAMERA = {eye: {x: 1.55, y: -1.65, z: 0.75}, up: {x: 0, y: 0, z: 1}, center: {x: 0, y: 0, z: -0.1}};
  let view = 'space';
  let timer = null;
  let seq = 0;
  let scenarios = [];
  window.kstar = {revision: 0, errors: 0, lastPlan: null, lastError: null};

  function estimator() {
    const r = document.querySelector('input[name=estimator]:checked');
    return r ? r.value : 'exact';
  }

  function state() {
    return {
      model: $('model').value, scenario: $('scenario').value,
      max_cost: +$('max_cost').value, max_latency: +$('max_latency').value, min_accuracy: +$('min_accuracy').value,
      k_max: +$('k_max').value, parallel: +$('parallel').value,
      cost_quantile: $('cost_quantile').value.trim(), latency_quantile: $('latency_quantile').value.trim(),
      confidence: $('confidence').value.trim(),
      policy: $('policy').value, margin: $('margin').value.trim(), score_threshold: $('score_threshold').value.trim(),
      samples_per_request: $('samples_per_request').value.trim(), prompt_cache: $('prompt_cache').value,
      c_in_cached: $('c_in_cached').value.trim(),
      traffic: $('traffic').value.trim(), replicas: $('replicas').value.trim(),
      estimator: estimator(), trials: $('trials').value.trim(), seed: $('seed').value.trim(), view: view
    };
  }

  function writeUrl(s) {
    const q = new URLSearchParams();
    Object.entries(s).forEach(([k, v]) => {
      if (v === '' || v === null || v === undefined) return;
      if ((k === 'trials' || k === 'seed') && s.estimator !== 'monte-carlo') return;
      if (k === 'policy' && v === 'fixed') return;
      if (k === 'margin' && s.policy !== 'until-lead') return;
      if (k === 'score_threshold' && s.policy !== 'until-score') return;
      if (k === 'replicas' && s.traffic === '') return;
      q.set(k, v);
    });
    history.replaceState(null, '', '?' + q.toString());
  }

  // ---- URL reading, with every adjustment said out loud ----
  const notes = [];
  function note(text) { notes.push(text); }

  function showNotes() {
    const box = $('url-notes');
    const ul = box.querySelector('ul');
    ul.innerHTML = '';
    notes.forEach((t) => { const li = document.createElement('li'); li.textContent = t; ul.appendChild(li); });
    box.hidden = notes.length === 0;
  }

  function quoted(v) { return JSON.stringify(String(v).length > 60 ? String(v).slice(0, 60) + '…' : String(v)); }

  // sets a control from the URL; whatever the control ends up holding (clamped to its range, snapped to its step)
  // that differs from what the URL asked for is noted
  function readNumberInto(q, id, lo, hi, step) {
    if (!q.has(id)) return;
    const raw = q.get(id);
    const v = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(v)) {
      note(id + '=' + quoted(raw) + ' is not a number: kept ' + $(id).value);
      return;
    }
    let w = Math.min(hi, Math.max(lo, v));
    if (step) w = lo + Math.round((w - lo) / step) * step;
    $(id).value = String(+w.toFixed(6));
    const got = Number($(id).value);
    if (got !== v) {
      note(id + '=' + raw + (v < lo ? ' is below the minimum ' + lo : v > hi ? ' is above the maximum ' + hi
        : ' is between the steps of ' + ($(id).step || step)) + ': using ' + got);
    }
  }

  function readUrl() {
    const q = new URLSearchParams(location.search);
    const wanted = {model: q.get('model'), scenario: q.get('scenario')};
    SLIDERS.forEach((id) => readNumberInto(q, id, +$(id).min, +$(id).max, 0));
    PROBS.forEach((id) => {
      if (!q.has(id)) return;
      const raw = q.get(id);
      const v = Number(raw);
      if (raw.trim() === '') return;
      if (!Number.isFinite(v)) { note(id + '=' + quoted(raw) + ' is not a number: left off'); return; }
      const w = Math.min(0.99, Math.max(0.01, v));
      if (w !== v) note(id + '=' + raw + ' must be strictly between 0 and 1: using ' + w);
      $(id).value = String(w);
    });
    if (q.has('estimator')) {
      const e = q.get('estimator');
      if (ESTIMATORS.includes(e)) {
        document.querySelectorAll('input[name=estimator]').forEach((r) => { r.checked = r.value === e; });
      } else {
        note('estimator=' + quoted(e) + ' is not one of ' + ESTIMATORS.join(', ') + ': using exact');
      }
    }
    if (q.has('policy')) {
      const p = q.get('policy');
      if (POLICIES.includes(p)) $('policy').value = p;
      else note('policy=' + quoted(p) + ' is not one of ' + POLICIES.join(', ') + ': using fixed');
    }
    readNumberInto(q, 'margin', 1, 1024, 1);
    readNumberInto(q, 'samples_per_request', 1, 1048576, 1);
    if (q.has('prompt_cache')) {
      const c = q.get('prompt_cache');
      if (c === 'true' || c === 'false') $('prompt_cache').value = c;
      else note('prompt_cache=' + quoted(c) + ' is not true or false: using the model\'s');
    }
    if (q.has('c_in_cached')) {
      const raw = q.get('c_in_cached');
      const v = Number(raw);
      if (raw.trim() !== '' && Number.isFinite(v) && v >= 0 && v <= 1) $('c_in_cached').value = raw.trim();
      else note('c_in_cached=' + quoted(raw) + ' is not a price in [0, 1] USD per token: left off');
    }
    readNumberInto(q, 'score_threshold', 0.01, 1, 0);
    if (q.has('traffic')) {
      const raw = q.get('traffic');
      const v = Number(raw);
      if (raw.trim() !== '' && Number.isFinite(v) && v > 0 && v <= 1e9) $('traffic').value = raw.trim();
      else note('traffic=' + quoted(raw) + ' is not a rate in (0, 1e9] requests/s: planning as if alone on the server');
    }
    if (q.has('replicas')) {
      const raw = q.get('replicas').trim();
      if (raw === 'auto' || (/^[0-9]+$/.test(raw) && +raw >= 1 && +raw <= 1000000)) $('replicas').value = raw;
      else note('replicas=' + quoted(raw) + ' is not auto or a whole number in [1, 1000000]: using 1');
    }
    readNumberInto(q, 'trials', 2, 200000, 1);
    if (q.has('seed')) {
      const raw = q.get('seed');
      if (/^-?\d{1,15}$/.test(raw.trim())) $('seed').value = raw.trim();
      else note('seed=' + quoted(raw) + ' is not a whole number: kept ' + $('seed').value);
    }
    if (q.has('view')) {
      const v = q.get('view');
      if (VIEWS.includes(v)) view = v;
      else note('view=' + quoted(v) + ' is not one of ' + VIEWS.join(', ') + ': showing space');
    }
    return {wanted: wanted, explicit: BUDGET_SLIDERS.filter((id) => q.has(id))};
  }

  // ---- scenarios ----
  function applyScenario(name, keep) {
    const sc = scenarios.find((s) => s.name === name);
    if (!sc) return;
    const v = {max_cost: sc.budget.max_cost_usd, max_latency: sc.budget.max_latency_s, min_accuracy: sc.budget.min_accuracy, k_max: sc.k_max};
    Object.entries(v).forEach(([id, x]) => { if (x !== undefined && !(keep || []).includes(id)) $(id).value = x; });
  }

  function scenarioMatches(name) {
    const sc = scenarios.find((s) => s.name === name);
    if (!sc) return false;
    const close = (a, b) => Math.abs(a - b) < 1e-9;
    return close(+$('max_cost').value, sc.budget.max_cost_usd) && close(+$('max_latency').value, sc.budget.max_latency_s)
      && close(+$('min_accuracy').value, sc.budget.min_accuracy) && (sc.k_max === undefined || +$('k_max').value === sc.k_max);
  }

  function showScenario() {
    const sc = scenarios.find((s) => s.name === $('scenario').value);
    $('scenario-desc').textContent = sc ? sc.description : '';
  }

  function showOutputs() {
    SLIDERS.forEach((id) => { $(id + '-out').textContent = $(id).value; });
    $('mc-settings').style.display = estimator() === 'monte-carlo' ? 'block' : 'none';
    $('margin-label').style.display = $('policy').value === 'until-lead' ? '' : 'none';
    $('score_threshold-label').style.display = $('policy').value === 'until-score' ? '' : 'none';
    document.querySelectorAll('#views button').forEach((b) => b.classList.toggle('active', b.dataset.view === view));
    document.querySelectorAll('.view').forEach((v) => v.classList.toggle('active', v.id === 'view-' + view));
    showScenario();
  }

  // A number typed by the user goes to the API as typed (the API says what is wrong with it); empty means "off".
  function num(text) { return text === '' ? undefined : (Number.isFinite(Number(text)) ? Number(text) : text); }

  function body(s) {
    const b = {
      budget: {max_cost_usd: s.max_cost, max_latency_s: s.max_latency, min_accuracy: s.min_accuracy},
      k_max: s.k_max, parallel: [s.parallel], estimator: s.estimator
    };
    PROBS.forEach((id) => { const v = num(s[id]); if (v !== undefined) b[id] = v; });
    if (s.policy && s.policy !== 'fixed') {
      b.policy = s.policy;
      if (s.policy === 'until-lead' && num(s.margin) !== undefined) b.margin = num(s.margin);
      if (s.policy === 'until-score' && num(s.score_threshold) !== undefined) b.score_threshold = num(s.score_threshold);
    }
    // the request shape: samples per call and the prompt cache (empty: as the model's profile says)
    if (num(s.samples_per_request) !== undefined) b.samples_per_request = num(s.samples_per_request);
    if (s.prompt_cache === 'true' || s.prompt_cache === 'false') b.prompt_cache = s.prompt_cache === 'true';
    if (num(s.c_in_cached) !== undefined) b.c_in_cached = num(s.c_in_cached);
    // the traffic: empty plans each request as if alone on its server (docs/serving.md)
    if (num(s.traffic) !== undefined) {
      b.traffic = num(s.traffic);
      if (s.replicas !== '') b.replicas = s.replicas === 'auto' ? 'auto' : num(s.replicas);
    }
    if (s.estimator === 'monte-carlo') {
      const t = num(s.trials), sd = num(s.seed);
      if (t !== undefined) b.trials = t;
      if (sd !== undefined) b.seed = sd;
    }
    return b;
  }

  function planBody(s) { return Object.assign({model: s.model}, body(s)); }

  class ApiError extends Error {
    constructor(status, items, retryAfter) {
      super(status + ' ' + items.map((i) => (i.field ? i.field + ': ' : '') + i.message).join(' | '));
      this.status = status;
      this.items = items;
      this.retryAfter = retryAfter; // seconds, when the server says a retry can succeed (busy slots)
    }
  }

  /**
   * The bearer token of a server started with --token-file: typed into the access panel, kept in this tab's
   * session storage (gone when the tab closes), sent as Authorization on every API call, never put in the URL.
   */
  const TOKEN_KEY = 'kstar-token';
  function authHeaders() {
    let t = null;
    try { t = sessionStorage.getItem(TOKEN_KEY); } catch (e) { t = null; }
    return t ? {Authorization: 'Bearer ' + t} : {};
  }
  function askForToken(rejected) {
    const panel = $('auth');
    if (!panel) return;
    panel.hidden = false;
    $('auth-why').textContent = rejected ? 'The token was not accepted: check it and try again.'
      : 'This server needs an access token (kstar serve --token-file).';
    $('token').focus();
  }
  function wireToken() {
    const use = () => {
      const t = $('token').value.trim();
      if (!t) return;
      try { sessionStorage.setItem(TOKEN_KEY, t); } catch (e) { /* storage refused: the token lives for this load only */ }
      $('token').value = '';
      location.reload();
    };
    $('token-use').addEventListener('click', use);
    $('token').addEventListener('keydown', (e) => { if (e.key === 'Enter') use(); });
    $('token-forget').addEventListener('click', () => {
      try { sessionStorage.removeItem(TOKEN_KEY); } catch (e) { /* nothing kept */ }
      location.reload();
    });
  }

  async function post(path, payload) {
    let r;
    try {
      r = await fetch(path, {method: 'POST', headers: Object.assign({'Content-Type': 'application/json'}, authHeaders()),
        body: JSON.stringify(payload)});
    } catch (e) {
      throw new ApiError('network', [{message: 'the server did not answer (' + e.message + ')'}]);
    }
    let j = null;
    try { j = await r.json(); } catch (e) { j = null; }
    if (r.status === 401) askForToken(Object.keys(authHeaders()).length > 0);
    if (!r.ok) {
      const items = [];
      if (j && j.errors) {
        Object.entries(j.errors).forEach(([f, l]) => (Array.isArray(l) ? l : [l]).forEach((e) =>
          items.push({field: f, message: e.message || String(e), value: e.value, cap: e.cap})));
      }
      if (!items.length) items.push({message: (j && (j.error || j.message)) || r.statusText || 'request failed'});
      const wait = Number(r.headers.get('Retry-After'));
      throw new ApiError(r.status, items, r.headers.has('Retry-After') && wait >= 0 ? Math.min(wait, 60) : undefined);
    }
    if (j === null) throw new ApiError(r.status, [{message: 'the answer was not JSON'}]);
    return j;
  }

  function schedule() {
    showOutputs();
    // a copied command shown below the buttons described the settings before this change: it goes
    const out = $('export-out');
    if (!out.hidden) { out.hidden = true; out.textContent = ''; }
    markPolicies();
    clearTimeout(timer);
    timer = setTimeout(refresh, 120);
  }

  function clearInvalid() { document.querySelectorAll('#controls .invalid').forEach((el) => { el.classList.remove('invalid'); el.removeAttribute('aria-invalid'); }); }

  function showError(e) {
    window.kstar.errors++;
    window.kstar.lastError = e.message;
    const banner = $('error-banner');
    banner.innerHTML = '';
    const head = document.createElement('strong');
    head.textContent = 'Request failed' + (e.status ? ' (' + e.status + ')' : '') + ': ';
    banner.appendChild(head);
    const items = e.items || [{message: e.message}];
    items.forEach((it, i) => {
      if (i) banner.appendChild(document.createTextNode('; '));
      if (it.field) {
        const f = document.createElement('span');
        f.className = 'field';
        f.textContent = it.field;
        banner.appendChild(f);
        banner.appendChild(document.createTextNode(' '));
        const c = $(FIELD_CONTROL[it.field] || '');
        if (c) { c.classList.add('invalid'); c.setAttribute('aria-invalid', 'true'); }
      }
      let text = it.message;
      if (it.value !== undefined && it.value !== null && !String(it.message).includes(String(it.value))) text += ' (got ' + it.value + ')';
      if (it.cap !== undefined && it.cap !== null) text += ' (cap ' + it.cap + ')';
      banner.appendChild(document.createTextNode(text));
    });
    const tail = document.createElement('div');
    tail.textContent = window.kstar.lastPlan ? 'The results below are from earlier settings and are out of date.' : 'No results yet.';
    if (e.retryAfter !== undefined) tail.textContent += ' Retrying in ' + e.retryAfter + ' s.';
    banner.appendChild(tail);
    banner.hidden = false;
    $('result-body').classList.add('stale');
    $('result-body').setAttribute('aria-disabled', 'true');
    $('status').className = 'error';
    $('status').textContent = 'error: ' + e.message;
  }

  function clearError() {
    $('error-banner').hidden = true;
    $('result-body').classList.remove('stale');
    $('result-body').removeAttribute('aria-disabled');
    clearInvalid();
  }

  async function refresh() {
    const s = state();
    writeUrl(s);
    const mine = ++seq;
    $('status').className = '';
    $('status').textContent = 'computing…';
    try {
      const plan = await post('/v1/plan', planBody(s));
      if (mine !== seq) return;
      let cmp = null;
      if (view === 'compare') {
        cmp = await post('/v1/compare', body(s));
        if (mine !== seq) return;
      }
      clearError();
      window.kstar.lastPlan = plan;
      window.kstar.lastState = s;
      renderPicks(plan);
      if (view === 'space') render3d(plan, s);
      if (view === 'curves') renderCurves(plan, s);
      if (view === 'compare') renderCompare(cmp, s);
      window.kstar.revision++;
      document.body.dataset.revision = String(window.kstar.revision);
      const basis = plan.budget_basis ? ' · cost: ' + plan.budget_basis.cost + ', latency: ' + plan.budget_basis.latency : '';
      $('status').textContent = plan.estimator + ' estimator, ' + plan.points.length + ' grid points' + basis;
    } catch (e) {
      if (mine !== seq) return;
      showError(e);
      // busy slots: the server says when a retry can succeed; retry then, unless the settings change meanwhile
      if (e.retryAfter !== undefined) {
        clearTimeout(timer);
        timer = setTimeout(() => { if (mine === seq) refresh(); }, Math.max(1, e.retryAfter) * 1000);
      }
    }
  }

  function fmt(x, d) { return x === null || x === undefined || Number.isNaN(Number(x)) ? '' : Number(x).toFixed(d); }
  function prob(x) {
    if (x === null || x === undefined) return '';
    return x > 0 && x < 0.001 ? '<0.001' : x < 1 && x > 0.999 ? '>0.999' : Number(x).toFixed(3);
  }

  function helpText(id) { const d = $('help-' + id); return d ? d.textContent : ''; }

  function rows(plan) {
    const out = [];
    SELECTORS.forEach((id) => out.push([id, plan.picks[id], plan.reasons[id]]));
    out.push(['baseline-1d', plan.baselines['1d'], '']);
    out.push(['baseline-2d', plan.baselines['2d'], '']);
    return out;
  }

  function note4(p, reason) {
    if (!p) return reason || '';
    return p.breaks && p.breaks.length ? 'breaks ' + p.breaks.join(', ') : '';
  }

  // at a traffic: "2 (util 0.41)", "1 (saturated)", * beyond the highest measured rate; nothing when alone
  function served(p) {
    if (!p || p.replicas === undefined) return '';
    return p.replicas + (p.saturated ? ' (saturated)' : ' (util ' + fmt(p.utilisation, 2) + (p.load_extrapolated ? ' *' : '') + ')');
  }

  function renderPicks(plan) {
    const tbody = document.querySelector('#picks tbody');
    tbody.innerHTML = '';
    rows(plan).forEach(([id, p, reason]) => {
      const tr = document.createElement('tr');
      tr.id = 'pick-' + id;
      const ea = p && p.expected_accuracy;
      const interval = ea ? fmt(ea.mean, 4) + ' [' + fmt(ea.p05, 4) + ', ' + fmt(ea.p95, 4) + ']' + (p.extrapolated ? ' *' : '') : '';
      const meets = p && p.p_meets_budgets !== undefined ? fmt(p.p_meets_budgets, 3) : '';
      const br = (p && p.p_breach) || {};
      const stops = p && p.policy && p.policy !== 'fixed' && p.samples;
      const cells = p ? [id, 'k = ' + p.k + (stops ? ' (' + fmt(p.samples.mean, 2) + ' drawn)' : ''), fmt(p.cost_usd.mean, 6), fmt(p.latency_s.mean, 3), fmt(p.accuracy.mean, 6), interval, meets,
        prob(br.max_cost_usd), prob(br.max_latency_s), prob(br.min_accuracy), fmt(p.cost_of_pass_usd, 6), served(p), note4(p, reason)]
        : [id, '-', '', '', '', '', '', '', '', '', '', '', note4(p, reason)];
      cells.forEach((c, i) => {
        const td = document.createElement('td');
        td.textContent = c;
        if (i === 0) td.title = helpText(id) + (reason ? ' — ' + reason : '');
        if (i === 1 && p && p.parallel) td.title = 'P = ' + p.parallel + ' at a time' + (stops ? '; policy ' + p.policy
          + ': k is the cap, ' + fmt(p.samples.mean, 2) + ' samples drawn on average' : '');
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
    const ks = Object.values(plan.feasible_k)[0] || [];
    $('feasible-range').textContent = ks.length ? 'Feasible k: ' + ks[0] + ' … ' + ks[ks.length - 1] + ' (' + ks.length + ' points)'
      : (plan.infeasible ? plan.infeasible.reason : 'no feasible k');
  }

  function narrow(id) { return $(id).clientWidth < 600; }

  /**
   * One marker per selector's pick. Picks on the same point are drawn apart: concentric diamonds, the first
   * selector's largest and drawn first, so every colour shows as a ring and the hover names them all.
   */
  function pickTraces(plan, x, y, z) {
    const traces = [];
    const shared = {};
    SELECTORS.forEach((id) => {
      const p = plan.picks[id];
      if (!p) return;
      const pt = plan.points.find((q) => q.k === p.k && q.parallel === p.parallel && (!q.policy || q.policy === p.policy));
      if (!pt) return;
      const key = p.k + '/' + p.parallel + '/' + (p.policy || '');
      (shared[key] = shared[key] || []).push(id);
      const rank = shared[key].length - 1;
      const t = {name: id + ' (k=' + p.k + ')', x: [x(pt)], y: [y(pt)], mode: 'markers',
        marker: {size: Math.max(6, 18 - 4 * rank), color: COLORS[id], symbol: 'diamond', line: {width: 1, color: '#fff'}}};
      if (z) { t.z = [z(pt)]; t.type = 'scatter3d'; t.marker.size = Math.max(4, 10 - 2 * rank); }
      traces.push(t);
    });
    // the hover of each marker names every selector that picked its point
    traces.forEach((t) => {
      const id = t.name.split(' ')[0];
      const p = plan.picks[id];
      const with_ = shared[p.k + '/' + p.parallel + '/' + (p.policy || '')];
      t.hovertemplate = with_.join(', ') + ' (k=' + p.k + ')<extra></extra>';
    });
    return traces;
  }

  const CONFIG = {responsive: true, displaylogo: false};

  function render3d(plan, s) {
    const b = plan.budget;
    const cube = (p) => p.feasible ? (1 - p.cost_usd / b.max_cost_usd) * (1 - p.latency_s / b.max_latency_s) * p.accuracy : null;
    const pts = plan.points;
    const small = narrow('plot3d');
    const traj = {type: 'scatter3d', mode: 'lines+markers', name: 'k trajectory (colour: cube volume)',
      x: pts.map((p) => p.cost_usd), y: pts.map((p) => p.latency_s), z: pts.map((p) => p.accuracy),
      text: pts.map((p) => 'k=' + p.k + (p.replicas !== undefined ? ' on ' + served(p).replace(' (', ' replica(s) (') : '')
        + (p.feasible ? '' : ' (infeasible)')),
      hovertemplate: '%{text}<br>cost %{x:.4f} USD<br>latency %{y:.2f} s<br>accuracy %{z:.4f}<extra></extra>',
      line: {color: '#bbb'},
      marker: {size: 3, color: pts.map((p) => cube(p) === null ? 0 : cube(p)), colorscale: 'Viridis', showscale: !small,
        colorbar: {title: {text: 'cube volume'}, thickness: 14, len: 0.6}}};
    const front = pts.filter((p) => p.pareto);
    const pareto = {type: 'scatter3d', mode: 'markers', name: 'Pareto front', x: front.map((p) => p.cost_usd),
      y: front.map((p) => p.latency_s), z: front.map((p) => p.accuracy), marker: {size: 5, color: '#ff7f0e', symbol: 'square'}};
    const C = b.max_cost_usd, T = b.max_latency_s, A = b.min_accuracy;
    const e = [[0, 0, A], [C, 0, A], [C, T, A], [0, T, A], [0, 0, A], [0, 0, 1], [C, 0, 1], [C, T, 1], [0, T, 1], [0, 0, 1],
      null, [C, 0, A], [C, 0, 1], null, [C, T, A], [C, T, 1], null, [0, T, A], [0, T, 1]];
    const box = {type: 'scatter3d', mode: 'lines', name: 'budget box', line: {color: '#c00', width: 3},
      x: e.map((v) => v ? v[0] : null), y: e.map((v) => v ? v[1] : null), z: e.map((v) => v ? v[2] : null)};
    const utopia = {type: 'scatter3d', mode: 'markers', name: 'utopia point', x: [0], y: [0], z: [1], marker: {size: 6, color: '#000', symbol: 'cross'}};
    const traces = [traj, pareto, box, utopia].concat(pickTraces(plan, (p) => p.cost_usd, (p) => p.latency_s, (p) => p.accuracy));
    // the camera looks across the cost-latency diagonal (cost and latency both grow with k), so the k trajectory
    // reads as a rising curve rather than a vertical stick; uirevision keeps the user's rotation across updates
    Plotly.react('plot3d', traces, {uirevision: 'kstar-3d', margin: {l: 0, r: 0, t: small ? 50 : 30, b: 0},
      title: title('plot3d', 'Feasible space of ' + s.model),
      scene: {uirevision: 'kstar-3d', camera: THREE_D_CAMERA, aspectmode: 'manual', aspectratio: {x: 1.1, y: 1.1, z: 0.8},
        xaxis: {title: {text: 'cost (USD)'}}, yaxis: {title: {text: 'latency (s)'}}, zaxis: {title: {text: 'accuracy'}}},
      legend: small ? {orientation: 'h', x: 0, y: -0.02, yanchor: 'top', font: {size: 10}} : {x: 0, y: 1, bgcolor: 'rgba(255,255,255,0.7)'}}, CONFIG);
  }

  function band(plan) {
    const ks = Object.values(plan.feasible_k)[0] || [];
    return ks.length ? [{type: 'rect', xref: 'x', yref: 'paper', x0: ks[0] - 0.5, x1: ks[ks.length - 1] + 0.5, y0: 0, y1: 1,
      fillcolor: 'rgba(46,160,67,0.15)', line: {width: 0}}] : [];
  }

  // on a narrow plot the legend goes under the axis title, anchored to the plot's bottom edge, with room kept for it
  function legend2d(id) { return narrow(id) ? {orientation: 'h', x: 0, y: 0, yref: 'container', yanchor: 'bottom', font: {size: 10}} : {}; }
  // on a narrow plot the title goes left and below the toolbar
  function title(id, text) {
    return narrow(id) ? {text: text.replace(' (feasible k shaded)', '').replace(' under these budgets', ''), x: 0.02, xanchor: 'left', y: 0.97, yanchor: 'top', font: {size: 14}} : {text: text};
  }
  function margin2d(id, entries) { return narrow(id) ? {t: 60, l: 50, r: 10, b: 70 + 18 * Math.ceil((entries || 4) / 2)} : {t: 40}; }

  function renderCurves(plan, s) {
    const pts = plan.points;
    const line = (f, name) => ({name: name, x: pts.map((p) => p.k), y: pts.map(f), mode: 'lines+markers', marker: {size: 4}});
    const b = plan.budget;
    // the 90 % interval of the expected accuracy over the calibration's uncertainty, when the profile has one;
    // points beyond the calibration data are drawn open
    const accLine = line((p) => p.accuracy, 'expected accuracy');
    accLine.marker.symbol = pts.map((p) => p.extrapolated ? 'circle-open' : 'circle');
    const accTraces = [accLine];
    if (pts.some((p) => p.expected_accuracy && p.expected_accuracy.p95 > p.expected_accuracy.p05)) {
      accTraces.unshift(
        {name: 'p05', x: pts.map((p) => p.k), y: pts.map((p) => p.expected_accuracy.p05), mode: 'lines', line: {width: 0}, showlegend: false},
        {name: '90% interval of the expected accuracy', x: pts.map((p) => p.k), y: pts.map((p) => p.expected_accuracy.p95),
          mode: 'lines', line: {width: 0}, fill: 'tonexty', fillcolor: 'rgba(31,119,180,0.2)'});
    }
    Plotly.react('plotAcc', accTraces.concat(pickTraces(plan, (p) => p.k, (p) => p.accuracy)),
      {uirevision: 'kstar-acc', title: title('plotAcc', 'Accuracy vs k (feasible k shaded)'), xaxis: {title: {text: 'k'}}, yaxis: {title: {text: 'expected accuracy'}},
        margin: margin2d('plotAcc'), legend: legend2d('plotAcc'),
        shapes: band(plan).concat([{type: 'line', xref: 'paper', x0: 0, x1: 1, y0: b.min_accuracy, y1: b.min_accuracy, line: {color: '#c00', dash: 'dash'}}])}, CONFIG);
    Plotly.react('plotCost', [line((p) => p.cost_usd, 'expected cost')].concat(pickTraces(plan, (p) => p.k, (p) => p.cost_usd)),
      {uirevision: 'kstar-cost', title: title('plotCost', 'Cost vs k (feasible k shaded)'), xaxis: {title: {text: 'k'}}, yaxis: {title: {text: 'cost per request (USD)'}},
        margin: margin2d('plotCost'), legend: legend2d('plotCost'),
        shapes: band(plan).concat([{type: 'line', xref: 'paper', x0: 0, x1: 1, y0: b.max_cost_usd, y1: b.max_cost_usd, line: {color: '#c00', dash: 'dash'}}])}, CONFIG);
    // latency: a k past the latency budget is visible here as in the 3-D view (a saturated k at a traffic has none)
    const lat = line((p) => p.latency_s, 'expected latency');
    Plotly.react('plotLat', [lat].concat(pickTraces(plan, (p) => p.k, (p) => p.latency_s)),
      {uirevision: 'kstar-lat', title: title('plotLat', 'Latency vs k (feasible k shaded)'), xaxis: {title: {text: 'k'}}, yaxis: {title: {text: 'latency per request (s)'}},
        margin: margin2d('plotLat'), legend: legend2d('plotLat'),
        shapes: band(plan).concat([{type: 'line', xref: 'paper', x0: 0, x1: 1, y0: b.max_latency_s, y1: b.max_latency_s, line: {color: '#c00', dash: 'dash'}}])}, CONFIG);
  }

  function renderCompare(cmp, s) {
    const traces = [];
    const front = cmp.pareto.slice().sort((a, b) => a.cost_usd - b.cost_usd);
    traces.push({name: 'joint Pareto front', x: front.map((p) => p.cost_usd), y: front.map((p) => p.accuracy),
      text: front.map((p) => p.model + ' k=' + p.k), mode: 'lines+markers', line: {color: '#000'}, marker: {size: 8, symbol: 'square-open'}});
    cmp.matches.forEach((m) => {
      traces.push({name: m.model + ' at k=1', x: [m.at_k1.cost_usd], y: [m.at_k1.accuracy], mode: 'markers', marker: {size: 9}});
    });
    // selections of one model and k are drawn apart, as in the other views: concentric, every colour a ring
    const shared = {};
    SELECTORS.forEach((id) => {
      const p = cmp.selections[id];
      if (p) (shared[p.model + '/' + p.k + '/' + (p.parallel || '') + '/' + (p.policy || '')] = shared[p.model + '/' + p.k + '/' + (p.parallel || '') + '/' + (p.policy || '')] || []).push(id);
    });
    SELECTORS.forEach((id) => {
      const p = cmp.selections[id];
      if (!p) return;
      const with_ = shared[p.model + '/' + p.k + '/' + (p.parallel || '') + '/' + (p.policy || '')];
      const rank = with_.indexOf(id);
      traces.push({name: id + ': ' + p.model + ' k=' + p.k, x: [p.cost_usd], y: [p.accuracy], mode: 'markers',
        hovertemplate: with_.join(', ') + ': ' + p.model + ' k=' + p.k + '<extra></extra>',
        marker: {size: Math.max(6, 18 - 4 * rank), color: COLORS[id], symbol: 'diamond', line: {width: 1, color: '#fff'}}});
    });
    Plotly.react('plotCompare', traces, {uirevision: 'kstar-compare', title: title('plotCompare', 'Models compared under these budgets'),
      xaxis: {title: {text: 'cost per request (USD, log)'}, type: 'log'},
      yaxis: {title: {text: 'expected accuracy'}}, margin: margin2d('plotCompare', traces.length), legend: legend2d('plotCompare')}, CONFIG);
  }

  // ---- export ----
  function sh(v) {
    const t = String(v);
    return /^[A-Za-z0-9_.,:\/=+-]+$/.test(t) ? t : "'" + t.replace(/'/g, "'\\''") + "'";
  }

  function curlCommand(s) {
    // with a token in use, the command names it by a variable: the token itself is never copied out of the page
    const auth = Object.keys(authHeaders()).length ? ' -H "Authorization: Bearer $KSTAR_TOKEN"' : '';
    return 'curl -sS -X POST ' + sh(location.origin + '/v1/plan') + " -H 'Content-Type: application/json'" + auth
      + ' -d ' + sh(JSON.stringify(planBody(s)));
  }

  function cliCommand(s) {
    const a = ['./kstar', 'plan', '--model', sh(s.model), '--max-cost', s.max_cost, '--max-latency', s.max_latency,
      '--min-accuracy', s.min_accuracy, '--k-max', s.k_max, '--parallel', s.parallel];
    if (s.cost_quantile !== '') a.push('--cost-quantile', sh(s.cost_quantile));
    if (s.latency_quantile !== '') a.push('--latency-quantile', sh(s.latency_quantile));
    if (s.confidence !== '') a.push('--confidence', sh(s.confidence));
    if (s.policy && s.policy !== 'fixed') {
      a.push('--policy', sh(s.policy));
      if (s.policy === 'until-lead' && s.margin !== '') a.push('--margin', sh(s.margin));
      if (s.policy === 'until-score' && s.score_threshold !== '') a.push('--score-threshold', sh(s.score_threshold));
    }
    if (s.samples_per_request !== '') a.push('--samples-per-request', sh(s.samples_per_request));
    if (s.prompt_cache === 'true') a.push('--prompt-cache');
    if (s.prompt_cache === 'false') a.push('--prompt-cache=false');
    if (s.c_in_cached !== '') a.push('--c-in-cached', sh(s.c_in_cached));
    if (s.traffic !== '') {
      a.push('--traffic', sh(s.traffic));
      if (s.replicas !== '') a.push('--replicas', sh(s.replicas));
    }
    if (s.estimator !== 'exact') {
      a.push('--estimator', sh(s.estimator));
      if (s.trials !== '') a.push('--trials', sh(s.trials));
      if (s.seed !== '') a.push('--seed', sh(s.seed));
    }
    return a.join(' ');
  }

  async function copy(text, what) {
    const out = $('export-out');
    out.textContent = text;
    out.hidden = false;
    let done = false;
    try {
      if (navigator.clipboard && window.isSecureContext) { await navigator.clipboard.writeText(text); done = true; }
    } catch (e) { done = false; }
    if (!done) {
      const range = document.createRange();
      range.selectNodeContents(out);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      try { done = document.execCommand('copy'); } catch (e) { done = false; }
    }
    $('status').className = '';
    $('status').textContent = done ? what + ' copied to the clipboard' : what + ' is shown below the buttons (selected): copy it with Ctrl+C';
  }

  function csvCell(v) {
    const t = v === null || v === undefined ? '' : String(v);
    return /[",\n]/.test(t) ? '"' + t.replace(/"/g, '""') + '"' : t;
  }

  function planCsv(plan) {
    const head = ['pick', 'k', 'parallel', 'cost_usd', 'latency_s', 'accuracy', 'expected_accuracy_mean', 'expected_accuracy_p05',
      'expected_accuracy_p95', 'extrapolated', 'p_meets_budgets', 'p_breach_max_cost_usd', 'p_breach_max_latency_s',
      'p_breach_min_accuracy', 'cost_of_pass_usd', 'replicas', 'utilisation', 'note'];
    const lines = [head.join(',')];
    rows(plan).forEach(([id, p, reason]) => {
      const ea = (p && p.expected_accuracy) || {};
      const br = (p && p.p_breach) || {};
      const r = p ? [id, p.k, p.parallel, p.cost_usd.mean, p.latency_s.mean, p.accuracy.mean, ea.mean, ea.p05, ea.p95, p.extrapolated,
        p.p_meets_budgets, br.max_cost_usd, br.max_latency_s, br.min_accuracy, p.cost_of_pass_usd, p.replicas, p.utilisation,
        note4(p, reason)]
        : [id, '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', note4(p, reason)];
      lines.push(r.map(csvCell).join(','));
    });
    return lines.join('\n') + '\n';
  }

  function download(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], {type: type}));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  function currentPlanOrSay() {
    const plan = window.kstar.lastPlan;
    if (!plan) { $('status').textContent = 'no plan to download yet'; return null; }
    if (!$('error-banner').hidden) $('status').textContent = 'note: the downloaded plan is the last one that succeeded (out of date)';
    return plan;
  }

  function wireExport() {
    $('copy-curl').addEventListener('click', () => copy(curlCommand(state()), 'curl command'));
    $('copy-cli').addEventListener('click', () => copy(cliCommand(state()), 'CLI command'));
    $('download-json').addEventListener('click', () => {
      const plan = currentPlanOrSay();
      if (plan) download('kstar-plan-' + plan.model + '.json', 'application/json', JSON.stringify(plan, null, 2) + '\n');
    });
    $('download-csv').addEventListener('click', () => {
      const plan = currentPlanOrSay();
      if (plan) download('kstar-plan-' + plan.model + '.csv', 'text/csv', planCsv(plan));
    });
  }
  window.kstar.curl = () => curlCommand(state());
  window.kstar.cli = () => cliCommand(state());
  window.kstar.csv = () => window.kstar.lastPlan ? planCsv(window.kstar.lastPlan) : '';

  async function getJson(path) {
    const r = await fetch(path, {headers: authHeaders()});
    if (r.status === 401) {
      askForToken(Object.keys(authHeaders()).length > 0);
      throw new ApiError(401, [{message: 'this server needs an access token: enter it above'}]);
    }
    if (!r.ok) throw new ApiError(r.status, [{message: 'GET ' + path + ' failed'}]);
    return r.json();
  }

  /** The selectors and policies from the server's registries: the picks table, plots, help and policy list follow them. */
  async function loadKinds() {
    const sel = (await getJson('/v1/selectors')).selectors;
    SELECTORS = sel.map((s) => s.id);
    const help = $('help-picks');
    const firstBaseline = help.querySelector('dt[data-baseline]');
    sel.forEach((s, i) => {
      COLORS[s.id] = PALETTE[i % PALETTE.length];
      const dt = document.createElement('dt');
      dt.textContent = s.id;
      const dd = document.createElement('dd');
      dd.id = 'help-' + s.id;
      dd.textContent = s.description.charAt(0).toUpperCase() + s.description.slice(1) + '.';
      help.insertBefore(dt, firstBaseline);
      help.insertBefore(dd, firstBaseline);
    });
    const pol = (await getJson('/v1/policies')).policies;
    POLICY_MODELS = {};
    pol.forEach((p) => { POLICY_MODELS[p.id] = p.applies_to; });
    POLICIES = pol.map((p) => p.id);
    $('policy').innerHTML = '';
    pol.forEach((p) => {
      const o = document.createElement('option');
      o.value = p.id;
      o.textContent = p.id + (p.applies_to.length ? ' (' + p.applies_to.join(', ') + ')' : ' (k samples)');
      o.title = p.description;
      $('policy').appendChild(o);
    });
    $('policy').value = 'fixed';
  }

  /**
   * Marks in the policy menu the policies the chosen model does not take (its accuracy model is not one they apply
   * to), up front, and says so under the menu; the server's refusal stays the last word.
   */
  function markPolicies() {
    const acc = ACCURACY_MODEL[$('model').value];
    if (!acc) return;
    const off = [];
    Array.from($('policy').options).forEach((o) => {
      const to = POLICY_MODELS[o.value] || [];
      const takes = !to.length || to.includes(acc);
      o.textContent = o.value + (to.length ? ' (' + to.join(', ') + ')' : ' (k samples)') + (takes ? '' : ': not for ' + acc);
      o.dataset.applies = String(takes);
      if (!takes) off.push(o.value);
    });
    $('policy-note').textContent = off.length ? 'This model (' + acc + ') takes ' + Array.from($('policy').options)
      .filter((o) => o.dataset.applies === 'true').map((o) => o.value).join(', ') + '; not ' + off.join(', ') + '.' : '';
  }

  async function init() {
    wireToken();
    if (Object.keys(authHeaders()).length) $('token-forget').hidden = false;
    // on a narrow screen the settings beyond the budgets fold away (the results start under the sliders), unless
    // the URL sets one of them
    const advanced = ['cost_quantile', 'latency_quantile', 'confidence', 'samples_per_request', 'prompt_cache',
      'c_in_cached', 'traffic', 'replicas', 'policy', 'estimator', 'trials', 'seed'];
    const q = new URLSearchParams(location.search);
    if (window.matchMedia('(max-width: 820px)').matches && !advanced.some((k) => q.has(k))) $('more-settings').open = false;
    await loadKinds();
    const read = readUrl();
    const models = await getJson('/v1/models');
    try { scenarios = (await getJson('/v1/scenarios')).scenarios || []; } catch (e) { scenarios = []; note('scenarios could not be loaded: ' + e.message); }
    const ids = Object.keys(models.models);
    window.kstar.models = ids;
    ids.forEach((id) => { const o = document.createElement('option'); o.value = id; o.textContent = models.models[id].name + ' (' + id + ')'; $('model').appendChild(o); });
    ids.forEach((id) => { ACCURACY_MODEL[id] = models.models[id].accuracy_model; });
    const wanted = read.wanted.model;
    if (wanted && !ids.includes(wanted)) note('model=' + quoted(wanted) + ' is not in the catalog: showing ' + ids[0]);
    $('model').value = wanted && ids.includes(wanted) ? wanted : ids[0];
    scenarios.forEach((sc) => { const o = document.createElement('option'); o.value = sc.name; o.textContent = sc.name; $('scenario').appendChild(o); });
    const wsc = read.wanted.scenario;
    if (wsc) {
      if (scenarios.some((sc) => sc.name === wsc)) {
        applyScenario(wsc, read.explicit);
        if (scenarioMatches(wsc)) $('scenario').value = wsc;
        else note('scenario=' + quoted(wsc) + ' with budgets of its own in the URL: the budgets are custom');
      } else if (scenarios.length) {
        note('scenario=' + quoted(wsc) + ' is not one of ' + scenarios.map((sc) => sc.name).join(', ') + ': custom budgets');
      }
    }
    showNotes();
    SLIDERS.forEach((id) => $(id).addEventListener('input', () => {
      if (BUDGET_SLIDERS.includes(id) && $('scenario').value && !scenarioMatches($('scenario').value)) $('scenario').value = '';
      schedule();
    }));
    $('scenario').addEventListener('change', () => { applyScenario($('scenario').value); schedule(); });
    ['model', 'trials', 'seed', 'policy', 'margin', 'score_threshold', 'samples_per_request', 'prompt_cache',
      'c_in_cached', 'traffic', 'replicas'].concat(PROBS)
      .forEach((id) => $(id).addEventListener('change', schedule));
    document.querySelectorAll('input[name=estimator]').forEach((r) => r.addEventListener('change', schedule));
    document.querySelectorAll('#views button').forEach((b) => b.addEventListener('click', () => { view = b.dataset.view; schedule(); }));
    $('url-notes-close').addEventListener('click', () => { $('url-notes').hidden = true; });
    wireExport();
    schedule();
  }

  init().catch((e) => {
    showNotes();
    $('status').className = 'error';
    $('status').textContent = 'The page could not start: ' + e.message;
    showError(e instanceof ApiError ? e : new ApiError('', [{message: 'the page could not start: ' + e.message}]));
  });
})();
