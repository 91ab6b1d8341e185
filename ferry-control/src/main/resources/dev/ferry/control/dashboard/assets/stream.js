// Ferry dashboard: live text streams read from the API with fetch (the log tail with its filters, a build's output).
// At most MAX_LINES stay on the page; lines are added once per animation frame, so 1,000 lines a second stay smooth.
(function () {
  'use strict';
  var MAX_LINES = 1000;

  function follow(url, pre, keep, onState) {
    var controller = new AbortController();
    var pending = [];
    var scheduled = false;
    var lines = [];

    function flush() {
      scheduled = false;
      var atBottom = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
      lines = lines.concat(pending.filter(keep));
      pending = [];
      if (lines.length > MAX_LINES) {
        lines = lines.slice(lines.length - MAX_LINES);
      }
      pre.textContent = lines.join('\n');
      if (atBottom) {
        pre.scrollTop = pre.scrollHeight;
      }
    }

    function push(line) {
      if (line.length === 0) {
        return;
      }
      pending.push(line);
      if (!scheduled) {
        scheduled = true;
        requestAnimationFrame(flush);
      }
    }

    fetch(url, { credentials: 'same-origin', signal: controller.signal, headers: { 'Accept': 'text/plain' } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('the stream was refused (' + response.status + ')');
        }
        onState('live');
        var reader = response.body.getReader();
        var decoder = new TextDecoder();
        var rest = '';
        function next() {
          return reader.read().then(function (chunk) {
            if (chunk.done) {
              push(rest);
              onState('ended');
              return;
            }
            var text = rest + decoder.decode(chunk.value, { stream: true });
            var parts = text.split('\n');
            rest = parts.pop();
            parts.forEach(push);
            return next();
          });
        }
        return next();
      })
      .catch(function (e) {
        if (e.name !== 'AbortError') {
          onState(e.message);
        }
      });
    return controller;
  }

  function sourceOf(line) {
    var m = / ([a-z]+)\[[^\]]*\]: /.exec(line);
    return m ? m[1] : '';
  }

  function logTail(form) {
    var pre = document.getElementById('log');
    var state = document.getElementById('log-state');
    var toggle = document.getElementById('log-toggle');
    var current = null;
    function start() {
      if (current) {
        current.abort();
      }
      var ps = form.elements.ps.value;
      var source = form.elements.source.value;
      var url = form.dataset.stream + '?tail=true&lines=100' + (ps ? '&ps=' + encodeURIComponent(ps) : '');
      pre.textContent = '';
      state.textContent = 'connecting…';
      pre.dataset.state = 'connecting';
      current = follow(url, pre, function (line) {
        return !source || sourceOf(line) === source;
      }, function (s) {
        state.textContent = s;
        pre.dataset.state = s;
      });
      toggle.textContent = 'Pause';
      toggle.setAttribute('aria-pressed', 'true');
    }
    form.addEventListener('change', start);
    toggle.addEventListener('click', function () {
      if (toggle.getAttribute('aria-pressed') === 'true') {
        current.abort();
        current = null;
        state.textContent = 'paused';
        toggle.textContent = 'Resume';
        toggle.setAttribute('aria-pressed', 'false');
      } else {
        start();
      }
    });
    start();
  }

  document.addEventListener('DOMContentLoaded', function () {
    var form = document.getElementById('log-filters');
    if (form) {
      logTail(form);
    }
    var build = document.getElementById('build-output');
    if (build) {
      follow(build.dataset.stream, build, function () { return true; }, function (s) { build.dataset.state = s; });
    }
  });
})();
