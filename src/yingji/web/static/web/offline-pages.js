/* Pages kept for use without a network (web/offline.py). For a signed-in user, at most every SYNC_MS while online,
 * this asks the server which pages to keep (/offline/pages/: the inspector's on-site forms, under the scopes the
 * apps declare), registers the site's service worker (/service-worker.js) for each scope and asks it to refresh its
 * copy — so an on-site form opens offline although it was never opened before. Signed out, the copies are dropped.
 * Settings come from data- attributes of the <script> tag (web/base.html). */
(function () {
  "use strict";
  var TEXT = document.currentScript.dataset;
  var SYNC_MS = 5 * 60 * 1000;
  var STAMP = "yingji-offline-pages-synced";
  if (!("serviceWorker" in navigator) || !window.caches || !window.fetch) return;

  function stamp(value) {
    try {
      if (value === undefined) return JSON.parse(localStorage.getItem(STAMP) || "{}");
      if (value === null) localStorage.removeItem(STAMP);
      else localStorage.setItem(STAMP, JSON.stringify(value));
    } catch (e) { /* no storage (private mode) */ }
    return {};
  }

  function tell(registration, message) {
    var worker = registration.active || registration.waiting || registration.installing;
    if (!worker) return;
    if (worker.state === "activated") { worker.postMessage(message); return; }
    worker.addEventListener("statechange", function () {
      if (worker.state === "activated") worker.postMessage(message);
    });
  }

  // The worker's answer to a sync: the inspector is told the copy is complete, so they know the forms will open
  // without a signal (before that, a form not yet kept would not).
  function announceReady(count) {
    var note = document.createElement("div");
    note.className = "alert alert-success offline-ready shadow-sm small py-2";
    note.setAttribute("role", "status");
    var time = new Date().toTimeString().slice(0, 5);
    note.textContent = TEXT.ready.replace("{count}", count).replace("{time}", time);
    document.body.appendChild(note);
    setTimeout(function () { note.remove(); }, 15000);
  }
  navigator.serviceWorker.addEventListener("message", function (event) {
    var data = event.data || {};
    if (data.type === "sync-done" && data.kept > 0) announceReady(data.kept);
  });

  var last = stamp();
  if (!TEXT.user) { // signed out: drop every copy
    if (last.user) {
      navigator.serviceWorker.getRegistrations().then(function (registrations) {
        registrations.forEach(function (r) { tell(r, { type: "forget" }); });
      }, function () {});
      stamp(null);
    }
    return;
  }
  if (navigator.onLine === false) return;
  if (last.user === TEXT.user && Date.now() - (last.at || 0) < SYNC_MS) return;
  fetch(TEXT.pages, { credentials: "same-origin", cache: "no-store" }).then(function (response) {
    return response.ok ? response.json() : null;
  }).then(function (listed) {
    if (!listed || listed.user !== TEXT.user) return;
    stamp({ user: TEXT.user, at: Date.now() });
    navigator.serviceWorker.getRegistrations().then(function (registrations) {
      registrations.forEach(function (r) { // a scope with nothing left to keep for this user: drop its copy
        if (listed.scopes.indexOf(new URL(r.scope).pathname) < 0) tell(r, { type: "forget" });
      });
    }, function () {});
    listed.scopes.forEach(function (scope) {
      navigator.serviceWorker.register(TEXT.worker, { scope: scope }).then(function (registration) {
        tell(registration, { type: "sync" });
      }, function () { /* no service worker here (plain http): the pages work online as before */ });
    });
  }).catch(function () {});
})();
