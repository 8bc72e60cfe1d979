/* The site's service worker (web/offline.py), registered for each scope the apps declare (OFFLINE_PAGES). It
 * keeps, for the signed-in user, the pages of its scope listed for use without a network (the inspector's on-site
 * inspection forms), with the scripts and styles they load; offline, a navigation to one of them is answered from
 * that copy. Everything else goes to the network as it would without it. Messages from the pages
 * (web/offline-pages.js): {type: "sync"} refreshes the copy and answers {type: "sync-done", kept: n}, {type: "forget"}
 * drops it (signed out). */
"use strict";
var SCOPE = new URL(self.registration.scope).pathname;
var PAGES = "yingji-offline-pages-v1:" + SCOPE;
var ASSETS = "yingji-offline-assets-v1";
var OWNER = "/offline/owner";
var STATIC_URL = "{{ static_url|escapejs }}";
var CATALOG_URL = "{{ catalog_url|escapejs }}";
var PAGES_URL = "{{ pages_url|escapejs }}";

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

function isAsset(url) {
  return url.origin === self.location.origin &&
    (url.pathname.indexOf(STATIC_URL) === 0 || url.pathname === CATALOG_URL);
}

// The same-origin scripts, styles and the translation catalogue a page loads.
function assetsOf(html) {
  var found = {}, pattern = /(?:src|href)="([^"]+)"/g, match;
  while ((match = pattern.exec(html))) {
    var url = new URL(match[1].replace(/&amp;/g, "&"), self.location.origin);
    if (isAsset(url)) found[url.href] = true;
  }
  return Object.keys(found);
}

function keep(cache, url) {
  return fetch(url, { credentials: "same-origin", cache: "no-store" }).then(function (response) {
    if (!response.ok || response.redirected) return null;
    return cache.put(url, response.clone()).then(function () { return response; });
  }).catch(function () { return null; });
}

function sync() {
  return fetch(PAGES_URL, { credentials: "same-origin", cache: "no-store" }).then(function (response) {
    return response.ok ? response.json() : null;
  }).then(function (listed) {
    if (!listed) return null;
    if (!listed.user) return caches.delete(PAGES);
    return caches.open(PAGES).then(function (cache) {
      return cache.match(OWNER).then(function (owner) { return owner ? owner.text() : ""; }).then(function (who) {
        // another user's copy is never kept
        return (who && who !== listed.user ? caches.delete(PAGES) : Promise.resolve()).then(function () {
          return caches.open(PAGES);
        });
      });
    }).then(function (cache) {
      var wanted = {};
      listed.pages.forEach(function (path) {
        if (path.indexOf(SCOPE) === 0) wanted[new URL(path, self.location.origin).href] = true;
      });
      return cache.put(OWNER, new Response(listed.user)).then(function () {
        return cache.keys();
      }).then(function (requests) { // pages no longer listed (a task done) are dropped
        return Promise.all(requests.filter(function (r) {
          return !wanted[r.url] && new URL(r.url).pathname !== OWNER;
        }).map(function (r) { return cache.delete(r); }));
      }).then(function () {
        return caches.open(ASSETS);
      }).then(function (assets) {
        var fetched = {}; // each script or style once per refresh, however many pages load it
        var kept = 0;
        return Object.keys(wanted).reduce(function (chain, url) {
          return chain.then(function () {
            return keep(cache, url).then(function (page) {
              if (!page) return null;
              kept += 1;
              return page.text().then(function (html) {
                return Promise.all(assetsOf(html).filter(function (asset) {
                  if (fetched[asset]) return false;
                  fetched[asset] = true;
                  return true;
                }).map(function (asset) { return keep(assets, asset); }));
              });
            });
          });
        }, Promise.resolve()).then(function () { return kept; });
      });
    });
  }).catch(function () { return null; });
}

self.addEventListener("message", function (event) {
  var data = event.data || {};
  var done = data.type === "sync" ? sync() : data.type === "forget" ? caches.delete(PAGES) : Promise.resolve();
  // a sync's answer says how many pages it kept, so the page can tell the inspector the copy is ready
  event.waitUntil(done.then(function (kept) {
    if (event.source) event.source.postMessage({ type: data.type + "-done", kept: typeof kept === "number" ? kept : 0 });
  }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(function (error) {
      return caches.open(PAGES).then(function (cache) { return cache.match(url.href); }).then(function (kept) {
        if (kept) return kept;
        throw error;
      });
    }));
  } else if (isAsset(url)) {
    event.respondWith(fetch(request).catch(function (error) {
      return caches.open(ASSETS).then(function (cache) { return cache.match(url.href); }).then(function (kept) {
        if (kept) return kept;
        throw error;
      });
    }));
  }
});
