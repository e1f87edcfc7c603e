// Applies the reader's saved theme before first paint, then wires the header's toggle.
// A classic script in <head>, served as a file: a strict CSP allows it, and it cannot flash.
(function () {
  var root = document.documentElement;
  var key = 'broken-symmetry-theme';
  try {
    var saved = localStorage.getItem(key);
    if (saved === 'light' || saved === 'dark') root.setAttribute('data-theme', saved);
  } catch (e) {}
  function current() {
    return root.getAttribute('data-theme') || (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
  }
  document.addEventListener('DOMContentLoaded', function () {
    var button = document.getElementById('theme-toggle');
    if (!button) return;
    // The button says what it will do, so its words are never at odds with the theme on screen.
    var show = function () { button.textContent = current() === 'dark' ? 'Light theme' : 'Dark theme'; };
    button.hidden = false;
    show();
    button.addEventListener('click', function () {
      var next = current() === 'dark' ? 'light' : 'dark';
      root.setAttribute('data-theme', next);
      try { localStorage.setItem(key, next); } catch (e) {}
      show();
    });
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', show);
  });
})();
