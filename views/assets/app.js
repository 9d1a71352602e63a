// Revenue OS console: CSRF header for htmx, the live bell over Server-Sent Events.
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="csrf-token"]');
  document.addEventListener('htmx:configRequest', function (e) {
    if (meta) e.detail.headers['X-CSRF-Token'] = meta.content;
  });
  // Error responses still replace their target: they carry the readable reason.
  document.addEventListener('htmx:beforeSwap', function (e) {
    var s = e.detail.xhr.status;
    if (s >= 400 && s < 500 && s !== 401) {
      e.detail.shouldSwap = true;
      e.detail.isError = false;
    }
  });
  // Behaviour that used to sit in inline handlers (the Content-Security-Policy allows no inline script).
  document.addEventListener('change', function (e) {
    var t = e.target;
    if (!(t instanceof HTMLInputElement)) return;
    if (t.hasAttribute('data-submit-on-change') && t.form) t.form.requestSubmit();
    var name = t.getAttribute('data-select-all');
    if (name) {
      document.querySelectorAll('input[name="' + name + '"]').forEach(function (box) {
        if (!box.disabled) box.checked = t.checked;
      });
    }
  });
  document.addEventListener('htmx:afterRequest', function (e) {
    var form = e.detail.elt;
    if (e.detail.successful && form instanceof HTMLFormElement && form.hasAttribute('data-reset-on-success')) form.reset();
  });
  if (!meta || !window.EventSource) return;
  var source = new EventSource('/events');
  source.addEventListener('inbound', function () {
    document.body.dispatchEvent(new CustomEvent('inbound', { bubbles: true }));
    var bell = document.getElementById('bell');
    if (bell) {
      bell.classList.remove('ring');
      void bell.offsetWidth;
      bell.classList.add('ring');
    }
  });
})();
