// Ferry dashboard: forms that change things through the JSON API (see ApiForm.java). No inline script anywhere:
// the Content-Security-Policy allows scripts from Ferry itself only.
(function () {
  'use strict';

  function csrf() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute('content') : '';
  }

  function announce(text) {
    var status = document.getElementById('status');
    if (status) {
      status.textContent = text;
    }
  }

  function fields(form) {
    var out = {};
    form.querySelectorAll('input[name], select[name], textarea[name]').forEach(function (el) {
      out[el.name] = el;
    });
    return out;
  }

  function bodyOf(form) {
    var kind = form.dataset.apiBody;
    var named = fields(form);
    if (kind === 'none') {
      return null;
    }
    if (kind === 'json') {
      return form.dataset.apiJson;
    }
    var body = {};
    if (kind === 'config') {
      body[named.key.value] = named.value ? named.value.value : null;
      return JSON.stringify(body);
    }
    Object.keys(named).forEach(function (name) {
      body[name] = kind === 'numbers' ? parseInt(named[name].value, 10) : named[name].value;
    });
    return JSON.stringify(body);
  }

  function pathOf(form) {
    var named = fields(form);
    return form.dataset.apiPath.replace(/\{([a-z]+)\}/g, function (all, name) {
      return encodeURIComponent(named[name] ? named[name].value : '');
    });
  }

  function send(form) {
    var error = form.querySelector('.form-error');
    var button = form.querySelector('button[type="submit"]');
    var body = bodyOf(form);
    var headers = { 'X-CSRF-Token': csrf(), 'Accept': 'application/json' };
    if (body !== null) {
      headers['Content-Type'] = 'application/json';
    }
    if (error) {
      error.textContent = '';
    }
    button.disabled = true;
    announce('Working…');
    fetch(pathOf(form), { method: form.dataset.apiMethod, headers: headers, body: body, credentials: 'same-origin' })
      .then(function (response) {
        if (response.ok) {
          announce(form.dataset.done || 'Done.');
          document.body.dispatchEvent(new CustomEvent('ferry:changed', { bubbles: true }));
          return null;
        }
        return response.json().then(function (problem) {
          throw new Error(problem.error || ('refused with status ' + response.status));
        }, function () {
          throw new Error('refused with status ' + response.status);
        });
      })
      .catch(function (e) {
        if (error) {
          error.textContent = e.message;
        }
        announce(e.message);
      })
      .finally(function () {
        button.disabled = false;
      });
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (form.matches('form.api')) {
      event.preventDefault();
      send(form);
    }
  });
})();
