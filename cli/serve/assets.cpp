// The web reader's two assets, compiled in: the server serves them from memory and `treatykb site`
// writes them out, so there is no file serving and no build step. No CDN, no framework.
#include "cli/serve/pages.hpp"

namespace treatykb::cli::serve {

std::string_view stylesheet() {
    return R"css(
:root { --ink: #1d232b; --muted: #5b6570; --line: #d8dde3; --accent: #1f5f99; --high: #a3261b;
        --medium: #b8660b; --low: #5d7a1f; font-family: system-ui, sans-serif; color: var(--ink); }
body { margin: 0; line-height: 1.45; }
header { display: flex; flex-wrap: wrap; gap: 1em; align-items: center; padding: .5em 1em;
         border-bottom: 1px solid var(--line); background: #f5f7f9; }
header .brand { font-weight: 700; text-decoration: none; color: var(--ink); }
header nav a { margin-right: .8em; }
header form { margin-left: auto; }
main { max-width: 80em; margin: 0 auto; padding: 1em; }
footer { color: var(--muted); font-size: .85em; padding: 1em; border-top: 1px solid var(--line); }
a { color: var(--accent); }
table { border-collapse: collapse; }
th, td { border-bottom: 1px solid var(--line); padding: .25em .5em; text-align: left; vertical-align: top; }
.table-wrap { overflow-x: auto; }
caption { text-align: left; font-weight: 600; padding: .3em 0; }
ul.contents { list-style: none; padding-left: 0; }
.breadcrumb { font-size: .9em; color: var(--muted); }
.views button[aria-pressed="true"] { background: var(--accent); color: white; }
table.aligned { width: 100%; table-layout: fixed; }
main.provision[data-view="single"] .col { display: none; }
main.provision[data-view="single"][data-lang="ru"] .col-ru,
main.provision[data-view="single"][data-lang="en"] .col-en,
main.provision[data-view="single"][data-lang="es"] .col-es,
main.provision[data-view="single"][data-lang="fr"] .col-fr { display: table-cell; }
.marker { font-weight: 600; color: var(--muted); }
.lang { font-size: .75em; color: var(--muted); text-transform: uppercase; }
.none, .where, .rule, .exact { color: var(--muted); font-size: .9em; }
blockquote { margin: .4em 0 .2em 1em; padding-left: .7em; border-left: 3px solid var(--line); }
mark { background: #ffe58a; }
.finding { border-left: 4px solid var(--line); padding: .2em 1em; margin: 1em 0; }
.finding.high { border-color: var(--high); } .finding.medium { border-color: var(--medium); }
.finding.low { border-color: var(--low); }
.severity { font-size: .75em; text-transform: uppercase; color: var(--muted); }
.proof-tree, .proof-tree ul { list-style: none; padding-left: 1.2em; }
details > summary { cursor: pointer; }
.annotation { background: #f7f8fa; padding: .3em .6em; margin: .3em 0; }
.chart .bar { background: #6f94b8; color: white; font-size: .75em; margin: 1px 0; white-space: nowrap;
              min-width: 2.5em; padding: 0 .3em; }
.chart .bar.s1 { background: #c98a3a; } .chart .bar.s2 { background: #7a9a48; }
.legend .bar { display: inline-block; width: auto; }
.hit { margin-bottom: .8em; } .snippet { margin: .2em 0; }
@media print { header, footer, .views, .expand-all { display: none; } }
)css";
}

std::string_view script() {
    return R"js('use strict';
// treatykb reader: side by side, expand-all for proofs, instrument filter, static-site search.
(function () {
  function all(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }
  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  var base = document.body.getAttribute('data-base') || '';
  var params = new URLSearchParams(window.location.search);

  // Provision page: one language, or every language side by side (rows aligned by eId).
  var provision = document.querySelector('main.provision');
  if (provision) {
    all('.views button').forEach(function (button) {
      button.addEventListener('click', function () {
        provision.setAttribute('data-view', button.getAttribute('data-view'));
        if (button.getAttribute('data-lang')) provision.setAttribute('data-lang', button.getAttribute('data-lang'));
        all('.views button').forEach(function (other) { other.setAttribute('aria-pressed', String(other === button)); });
      });
    });
  }

  // Report: open every step of a finding's proof.
  all('button.expand-all').forEach(function (button) {
    button.addEventListener('click', function () {
      all('details', button.closest('.finding')).forEach(function (d) { d.open = true; });
    });
  });

  // Instruments: filter rows by party, year and type as the form changes (and from the URL).
  var filter = document.querySelector('form.filter');
  if (filter) {
    var apply = function () {
      var party = filter.elements.party.value.trim().toUpperCase();
      var year = filter.elements.year.value.trim();
      var type = filter.elements.type.value;
      var shown = 0;
      all('table.list tbody tr').forEach(function (row) {
        var ok = (!party || (' ' + row.getAttribute('data-parties') + ' ').indexOf(' ' + party + ' ') >= 0) &&
                 (!year || row.getAttribute('data-year') === year) &&
                 (!type || row.getAttribute('data-type') === type);
        row.hidden = !ok;
        if (ok) shown++;
      });
      document.getElementById('shown').textContent = String(shown);
    };
    ['party', 'year', 'type'].forEach(function (name) {
      if (params.get(name)) filter.elements[name].value = params.get(name);
      filter.elements[name].addEventListener('input', apply);
    });
    apply();
  }

  // Static site: search the prebuilt index in the browser. Words match by prefix after a crude
  // suffix cut (the server stems with Snowball; a static host cannot).
  var results = document.querySelector('#search-results[data-static]');
  if (results) {
    var query = params.get('q') || '';
    var lang = params.get('lang') || '';
    document.getElementById('q').value = query;
    var stems = query.toLowerCase().replace(/ё/g, 'е').split(/[^\p{L}\p{N}]+/u).filter(Boolean).map(function (w) {
      return w.length > 6 ? w.slice(0, -2) : w.length > 4 ? w.slice(0, -1) : w;
    });
    if (stems.length) {
      fetch(base + '/api/search-index.json').then(function (r) { return r.json(); }).then(function (index) {
        var hits = [];
        index.entries.forEach(function (e) {
          if (lang && e[2] !== lang) return;
          var words = (e[4] + ' ' + e[5]).toLowerCase().replace(/ё/g, 'е').split(/[^\p{L}\p{N}]+/u);
          var score = 0;
          var every = stems.every(function (stem) {
            var n = words.filter(function (w) { return w.indexOf(stem) === 0; }).length;
            score += n;
            return n > 0;
          });
          if (every) hits.push({ entry: e, score: score });
        });
        hits.sort(function (a, b) { return b.score - a.score; });
        results.innerHTML = hits.slice(0, 50).map(function (hit) {
          var e = hit.entry;
          var text = e[5];
          var lower = text.toLowerCase().replace(/ё/g, 'е');
          var at = Math.max(0, lower.indexOf(stems[0]) - 80);
          var snippet = (at > 0 ? '…' : '') + text.slice(at, at + 220) + (at + 220 < text.length ? '…' : '');
          var marked = escapeHtml(snippet).replace(/[\p{L}\p{N}]+/gu, function (word) {
            var w = word.toLowerCase().replace(/ё/g, 'е');
            return stems.some(function (s) { return w.indexOf(s) === 0; }) ? '<mark>' + word + '</mark>' : word;
          });
          return '<li class="hit"><a href="' + escapeHtml(base + '/i/' + encodeURIComponent(e[0]) + '/p/' +
            encodeURIComponent(e[1]) + '/') + '">' + escapeHtml(e[3]) + '</a> <span class="lang">' +
            escapeHtml(e[2]) + '</span>' + (e[4] ? ' <strong>' + escapeHtml(e[4]) + '</strong>' : '') +
            '<p class="snippet">' + marked + '</p></li>';
        }).join('');
        if (!hits.length) results.insertAdjacentHTML('afterend', '<p class="none">No provision matches.</p>');
      });
    }
  }
})();
)js";
}

} // namespace treatykb::cli::serve
