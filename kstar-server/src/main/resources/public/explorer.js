// kstar explorer: sliders -> POST /v1/plan (and /v1/compare) -> picks table and plots. State lives in the URL.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const SLIDERS = ['max_cost', 'max_latency', 'min_accuracy', 'k_max', 'parallel'];
  const SELECTORS = ['accuracy-max', 'cube', 'utopia', 'knee'];
  const COLORS = {'accuracy-max': '#d62728', cube: '#1f77b4', utopia: '#9467bd', knee: '#ff7f0e', 'baseline-1d': '#7f7f7f', 'baseline-2d': '#8c564b'};
  let view = 'space';
  let timer = null;
  let seq = 0;
  window.kstar = {revision: 0, lastPlan: null};

  function state() {
    return {
      model: $('model').value,
      max_cost: +$('max_cost').value, max_latency: +$('max_latency').value, min_accuracy: +$('min_accuracy').value,
      k_max: +$('k_max').value, parallel: +$('parallel').value,
      estimator: document.querySelector('input[name=estimator]:checked').value,
      trials: +$('trials').value, seed: +$('seed').value, view: view
    };
  }

  function writeUrl(s) {
    const q = new URLSearchParams();
    Object.entries(s).forEach(([k, v]) => q.set(k, v));
    history.replaceState(null, '', '?' + q.toString());
  }

  function readUrl() {
    const q = new URLSearchParams(location.search);
    SLIDERS.forEach((id) => { if (q.has(id)) $(id).value = q.get(id); });
    if (q.has('estimator')) {
      const r = document.querySelector('input[name=estimator][value="' + q.get('estimator') + '"]');
      if (r) r.checked = true;
    }
    if (q.has('trials')) $('trials').value = q.get('trials');
    if (q.has('seed')) $('seed').value = q.get('seed');
    if (q.has('view')) view = q.get('view');
    return q.get('model');
  }

  function showOutputs() {
    SLIDERS.forEach((id) => { $(id + '-out').textContent = $(id).value; });
    $('mc-settings').style.display = state().estimator === 'monte-carlo' ? 'block' : 'none';
    document.querySelectorAll('#views button').forEach((b) => b.classList.toggle('active', b.dataset.view === view));
    document.querySelectorAll('.view').forEach((v) => v.classList.toggle('active', v.id === 'view-' + view));
  }

  function body(s) {
    const b = {
      budget: {max_cost_usd: s.max_cost, max_latency_s: s.max_latency, min_accuracy: s.min_accuracy},
      k_max: s.k_max, parallel: s.parallel, estimator: s.estimator
    };
    if (s.estimator === 'monte-carlo') { b.trials = s.trials; b.seed = s.seed; }
    return b;
  }

  async function post(path, payload) {
    const r = await fetch(path, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(payload)});
    const j = await r.json();
    if (!r.ok) {
      const errs = j.errors ? Object.entries(j.errors).map(([f, l]) => f + ': ' + l.map((e) => e.message).join('; ')).join(' | ') : j.error;
      throw new Error(r.status + ' ' + errs);
    }
    return j;
  }

  function schedule() {
    showOutputs();
    clearTimeout(timer);
    timer = setTimeout(refresh, 120);
  }

  async function refresh() {
    const s = state();
    writeUrl(s);
    const mine = ++seq;
    $('status').className = '';
    $('status').textContent = 'computing…';
    try {
      const plan = await post('/v1/plan', Object.assign({model: s.model}, body(s)));
      if (mine !== seq) return;
      window.kstar.lastPlan = plan;
      renderPicks(plan);
      if (view === 'space') render3d(plan, s);
      if (view === 'curves') renderCurves(plan, s);
      if (view === 'compare') {
        const cmp = await post('/v1/compare', body(s));
        if (mine !== seq) return;
        renderCompare(cmp, s);
      }
      window.kstar.revision++;
      document.body.dataset.revision = String(window.kstar.revision);
      $('status').textContent = plan.estimator + ' estimator, ' + plan.points.length + ' grid points';
    } catch (e) {
      $('status').className = 'error';
      $('status').textContent = e.message;
    }
  }

  function fmt(x, d) { return x === null || x === undefined ? '' : Number(x).toFixed(d); }

  function renderPicks(plan) {
    const rows = [];
    SELECTORS.forEach((id) => rows.push([id, plan.picks[id], plan.reasons[id]]));
    rows.push(['baseline-1d', plan.baselines['1d'], '']);
    rows.push(['baseline-2d', plan.baselines['2d'], '']);
    const tbody = document.querySelector('#picks tbody');
    tbody.innerHTML = '';
    rows.forEach(([id, p, reason]) => {
      const tr = document.createElement('tr');
      tr.id = 'pick-' + id;
      const note = p ? (p.breaks && p.breaks.length ? 'breaks ' + p.breaks.join(', ') : '') : reason;
      const ea = p && p.expected_accuracy;
      const interval = ea ? fmt(ea.mean, 4) + ' [' + fmt(ea.p05, 4) + ', ' + fmt(ea.p95, 4) + ']' + (p.extrapolated ? ' *' : '') : '';
      const meets = p && p.p_meets_budgets !== undefined ? fmt(p.p_meets_budgets, 3) : '';
      const cells = p ? [id, 'k = ' + p.k, fmt(p.cost_usd.mean, 6), fmt(p.latency_s.mean, 3), fmt(p.accuracy.mean, 6), interval, meets, note]
                      : [id, '-', '', '', '', '', '', note];
      cells.forEach((c) => { const td = document.createElement('td'); td.textContent = c; tr.appendChild(td); });
      tbody.appendChild(tr);
    });
    const ks = Object.values(plan.feasible_k)[0] || [];
    $('feasible-range').textContent = ks.length ? 'Feasible k: ' + ks[0] + ' … ' + ks[ks.length - 1] + ' (' + ks.length + ' points)'
      : (plan.infeasible ? plan.infeasible.reason : 'no feasible k');
  }

  function pickTraces(plan, x, y, z) {
    const traces = [];
    SELECTORS.forEach((id) => {
      const p = plan.picks[id];
      if (!p) return;
      const pt = plan.points.find((q) => q.k === p.k && q.parallel === p.parallel);
      const t = {name: id + ' (k=' + p.k + ')', x: [x(pt)], y: [y(pt)], mode: 'markers',
        marker: {size: 12, color: COLORS[id], symbol: 'diamond'}};
      if (z) { t.z = [z(pt)]; t.type = 'scatter3d'; t.marker.size = 7; }
      traces.push(t);
    });
    return traces;
  }

  function render3d(plan, s) {
    const b = plan.budget;
    const cube = (p) => p.feasible ? (1 - p.cost_usd / b.max_cost_usd) * (1 - p.latency_s / b.max_latency_s) * p.accuracy : null;
    const pts = plan.points;
    const traj = {type: 'scatter3d', mode: 'lines+markers', name: 'k trajectory (colour: cube volume)',
      x: pts.map((p) => p.cost_usd), y: pts.map((p) => p.latency_s), z: pts.map((p) => p.accuracy),
      text: pts.map((p) => 'k=' + p.k + (p.feasible ? '' : ' (infeasible)')),
      line: {color: '#bbb'},
      marker: {size: 3, color: pts.map((p) => cube(p) === null ? 0 : cube(p)), colorscale: 'Viridis', showscale: true,
        colorbar: {title: {text: 'cube volume'}}}};
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
    Plotly.react('plot3d', traces, {margin: {l: 0, r: 0, t: 30, b: 0}, title: {text: 'Feasible space of ' + s.model},
      scene: {xaxis: {title: {text: 'cost (USD)'}}, yaxis: {title: {text: 'latency (s)'}}, zaxis: {title: {text: 'accuracy'}}}, legend: {x: 0, y: 1}});
  }

  function band(plan) {
    const ks = Object.values(plan.feasible_k)[0] || [];
    return ks.length ? [{type: 'rect', xref: 'x', yref: 'paper', x0: ks[0] - 0.5, x1: ks[ks.length - 1] + 0.5, y0: 0, y1: 1,
      fillcolor: 'rgba(46,160,67,0.15)', line: {width: 0}}] : [];
  }

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
      {title: {text: 'Accuracy vs k (feasible k shaded)'}, xaxis: {title: {text: 'k'}}, yaxis: {title: {text: 'expected accuracy'}}, margin: {t: 40},
        shapes: band(plan).concat([{type: 'line', xref: 'paper', x0: 0, x1: 1, y0: b.min_accuracy, y1: b.min_accuracy, line: {color: '#c00', dash: 'dash'}}])});
    Plotly.react('plotCost', [line((p) => p.cost_usd, 'expected cost')].concat(pickTraces(plan, (p) => p.k, (p) => p.cost_usd)),
      {title: {text: 'Cost vs k (feasible k shaded)'}, xaxis: {title: {text: 'k'}}, yaxis: {title: {text: 'cost per request (USD)'}}, margin: {t: 40},
        shapes: band(plan).concat([{type: 'line', xref: 'paper', x0: 0, x1: 1, y0: b.max_cost_usd, y1: b.max_cost_usd, line: {color: '#c00', dash: 'dash'}}])});
  }

  function renderCompare(cmp, s) {
    const traces = [];
    const front = cmp.pareto.slice().sort((a, b) => a.cost_usd - b.cost_usd);
    traces.push({name: 'joint Pareto front', x: front.map((p) => p.cost_usd), y: front.map((p) => p.accuracy),
      text: front.map((p) => p.model + ' k=' + p.k), mode: 'lines+markers', line: {color: '#000'}, marker: {size: 8, symbol: 'square-open'}});
    cmp.matches.forEach((m) => {
      traces.push({name: m.model + ' at k=1', x: [m.at_k1.cost_usd], y: [m.at_k1.accuracy], mode: 'markers', marker: {size: 9}});
    });
    SELECTORS.forEach((id) => {
      const p = cmp.selections[id];
      if (p) traces.push({name: id + ': ' + p.model + ' k=' + p.k, x: [p.cost_usd], y: [p.accuracy], mode: 'markers',
        marker: {size: 14, color: COLORS[id], symbol: 'diamond'}});
    });
    Plotly.react('plotCompare', traces, {title: {text: 'Models compared under these budgets'}, xaxis: {title: {text: 'cost per request (USD, log)'}, type: 'log'},
      yaxis: {title: {text: 'expected accuracy'}}, margin: {t: 40}});
  }

  async function init() {
    const wanted = readUrl();
    const models = await (await fetch('/v1/models')).json();
    const ids = Object.keys(models.models);
    window.kstar.models = ids;
    ids.forEach((id) => { const o = document.createElement('option'); o.value = id; o.textContent = models.models[id].name + ' (' + id + ')'; $('model').appendChild(o); });
    $('model').value = wanted && ids.includes(wanted) ? wanted : ids[0];
    SLIDERS.forEach((id) => $(id).addEventListener('input', schedule));
    ['model', 'trials', 'seed'].forEach((id) => $(id).addEventListener('change', schedule));
    document.querySelectorAll('input[name=estimator]').forEach((r) => r.addEventListener('change', schedule));
    document.querySelectorAll('#views button').forEach((b) => b.addEventListener('click', () => { view = b.dataset.view; schedule(); }));
    schedule();
  }

  init();
})();
