// Ferry dashboard: an app's autoscaling setting and last decisions, read from GET /api/apps/{app}/autoscale when
// this Ferry has it (ferry ps:autoscale); otherwise the section keeps its "not set" sentence. Text only, no markup.
(function () {
  'use strict';

  function cell(row, text, header) {
    var c = document.createElement(header ? 'th' : 'td');
    c.textContent = text;
    row.appendChild(c);
  }

  function show(section, info) {
    var state = section.querySelector('.hint');
    if (!info.enabled) {
      state.textContent = 'Off: ' + (info.processType || 'web') + ' runs ' + info.quantity + ' (ferry ps:autoscale web --min N --max M --p95 500ms turns it on).';
      return;
    }
    state.textContent = info.processType + ': ' + info.min + ' to ' + info.max + ' instances, p95 goal ' + info.p95Ms
      + ' ms; now ' + info.quantity + '.';
    if (!info.decisions || info.decisions.length === 0) {
      return;
    }
    var table = document.createElement('table');
    var head = table.createTHead().insertRow();
    ['When', 'From', 'To', 'p95 (ms)', 'Requests', 'Why'].forEach(function (h) { cell(head, h, true); });
    var body = table.createTBody();
    info.decisions.slice(0, 10).forEach(function (d) {
      var row = body.insertRow();
      [d.at, d.from, d.to, d.p95Ms, d.requests, d.reason].forEach(function (v) { cell(row, String(v), false); });
    });
    section.appendChild(table);
  }

  document.addEventListener('DOMContentLoaded', function () {
    var section = document.getElementById('autoscale');
    if (!section || !section.dataset.src) {
      return;
    }
    fetch(section.dataset.src, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (info) {
        if (info) {
          show(section, info);
        }
      })
      .catch(function () { });
  });
})();
