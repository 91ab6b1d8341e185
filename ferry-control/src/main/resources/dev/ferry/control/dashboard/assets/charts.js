// Ferry dashboard: an app's traffic charts (uPlot, served by Ferry), redrawn every 15 s and on a window change.
(function () {
  'use strict';

  var SERIES = {
    requests: [['1xx', 's1xx', '#888'], ['2xx', 's2xx', '#2a7'], ['3xx', 's3xx', '#27a'], ['4xx', 's4xx', '#c80'], ['5xx', 's5xx', '#c33']],
    latency: [['p50', 'p50', '#27a'], ['p95', 'p95', '#c80'], ['p99', 'p99', '#c33']],
    bytes: [['in', 'in', '#27a'], ['out', 'out', '#2a7']],
    cpu: [['CPU %', 'cpu', '#27a']],
    memory: [['memory', 'mem', '#2a7']]
  };

  // Bytes on an axis as 512 B, 40 KiB, 1.5 MiB, 2 GiB: short enough for the axis's width.
  function bytes(v) {
    if (v == null) {
      return '';
    }
    var units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    var i = 0;
    while (Math.abs(v) >= 1024 && i < units.length - 1) {
      v /= 1024;
      i++;
    }
    return (Math.round(v * 10) / 10) + ' ' + units[i];
  }

  var AXIS_VALUES = { bytes: bytes, memory: bytes };

  function yAxis(chart) {
    var format = AXIS_VALUES[chart];
    return format ? { size: 70, values: function (u, splits) { return splits.map(format); } } : {};
  }

  function draw(root, data) {
    root.querySelectorAll('[data-chart]').forEach(function (el) {
      var spec = SERIES[el.dataset.chart];
      var series = [{}].concat(spec.map(function (s) { return { label: s[0], stroke: s[2], width: 2, spanGaps: false, points: { show: true, size: 4 } }; }));
      var columns = [data.t].concat(spec.map(function (s) { return data[s[1]]; }));
      var width = Math.max(300, el.clientWidth || 600);
      if (el.plot) {
        el.plot.destroy();
      }
      el.textContent = '';
      el.plot = new uPlot({ width: width, height: 180, series: series, axes: [{}, yAxis(el.dataset.chart)] }, columns, el);
    });
    root.dataset.points = String(data.t.length);
    root.dataset.requests = String(data.requests);
    root.dataset.measured = String(data.measured);
  }

  function load(root, span) {
    return fetch(root.dataset.src + '?window=' + span, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (r) { return r.json(); })
      .then(function (data) { draw(root, data); });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var root = document.getElementById('traffic');
    if (!root || typeof uPlot === 'undefined') {
      return;
    }
    var span = 'hour';
    var buttons = document.querySelectorAll('[data-window]');
    buttons.forEach(function (b) {
      b.addEventListener('click', function () {
        span = b.dataset.window;
        buttons.forEach(function (o) { o.setAttribute('aria-pressed', String(o === b)); });
        load(root, span);
      });
    });
    load(root, span);
    setInterval(function () { load(root, span); }, 15000);
  });
})();
