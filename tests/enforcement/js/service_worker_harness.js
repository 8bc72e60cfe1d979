/* Runs the site's service worker (rendered by the server, path in argv[2]) in Node against a fake network and a fake
 * Cache Storage, and prints what a test needs to know as JSON (tests/enforcement/test_enf_service_worker.py).
 * The fake site: /offline/pages/ lists /enforcement/tasks/t1/onsite/ (which loads two scripts, a style and the
 * catalogue), and a page outside the scope; then the network goes down. */
"use strict";
const fs = require("fs");
const vm = require("vm");

const source = fs.readFileSync(process.argv[2], "utf8");
const ORIGIN = "http://yingji.test";
const SCOPE = ORIGIN + "/enforcement/";
const PAGE = ORIGIN + "/enforcement/tasks/t1/onsite/";
const HTML = '<html><head><link rel="stylesheet" href="/static/web/yingji.css">' +
  '<script src="/jsi18n/?l=zh-hans"></script></head><body><form data-offline-safe="x"></form>' +
  '<script src="/static/enforcement/onsite.js"></script><script src="/static/web/offline-forms.js" data-user="7">' +
  '</script><a href="/elsewhere/">x</a></body></html>';
let online = true, owner = "7";
const served = [];

function site(url) {
  const path = new URL(url).pathname;
  served.push(path);
  if (path === "/offline/pages/") {
    const pages = owner === "7" ? ["/enforcement/my/", "/enforcement/tasks/t1/onsite/", "/elsewhere/page/"]
      : ["/enforcement/my/"];
    return new Response(JSON.stringify({ user: owner, scopes: ["/enforcement/"], pages: pages }));
  }
  if (path.startsWith("/enforcement/")) return new Response(HTML.replace("t1", path), { headers: { "Content-Type": "text/html" } });
  if (path.startsWith("/static/") || path === "/jsi18n/") return new Response("/* " + path + " */");
  return new Response("not found", { status: 404 });
}

class FakeCache {
  constructor() { this.entries = new Map(); }
  async match(request) { const r = this.entries.get(typeof request === "string" ? request : request.url); return r ? r.clone() : undefined; }
  async put(request, response) { this.entries.set(typeof request === "string" ? new URL(request, ORIGIN).href : request.url, response.clone()); }
  async keys() { return [...this.entries.keys()].map((url) => ({ url })); }
  async delete(request) { return this.entries.delete(typeof request === "string" ? request : request.url); }
}
const storage = new Map();
const caches = {
  async open(name) { if (!storage.has(name)) storage.set(name, new FakeCache()); return storage.get(name); },
  async delete(name) { return storage.delete(name); },
  async keys() { return [...storage.keys()]; },
};
const handlers = {};
const self = {
  location: new URL(ORIGIN + "/service-worker.js"),
  registration: { scope: SCOPE },
  clients: { claim: async () => {} },
  skipWaiting() {},
  addEventListener(type, handler) { handlers[type] = handler; },
};
async function fakeFetch(input) {
  const url = typeof input === "string" ? new URL(input, ORIGIN).href : input.url;
  if (!online) throw new TypeError("Failed to fetch");
  return site(url);
}
vm.runInNewContext(source, { self, caches, fetch: fakeFetch, Response, URL, Promise, JSON, Object, console });

async function message(data) {
  let done;
  handlers.message({ data, source: null, waitUntil(p) { done = p; } });
  await done;
}
async function navigate(url) {
  let answer = null;
  handlers.fetch({ request: { method: "GET", mode: "navigate", url }, respondWith(p) { answer = p; } });
  if (!answer) return { handled: false };
  try { const r = await answer; return { handled: true, body: await r.text() }; }
  catch (e) { return { handled: true, error: String(e) }; }
}
async function asset(url) {
  let answer = null;
  handlers.fetch({ request: { method: "GET", mode: "no-cors", url }, respondWith(p) { answer = p; } });
  if (!answer) return { handled: false };
  try { const r = await answer; return { handled: true, body: await r.text() }; }
  catch (e) { return { handled: true, error: String(e) }; }
}
async function cached() {
  const out = {};
  for (const [name, cache] of storage) out[name] = [...cache.entries.keys()].map((u) => u.replace(ORIGIN, "")).sort();
  return out;
}

(async () => {
  const result = {};
  await message({ type: "sync" });
  result.afterSync = await cached();
  result.online = await navigate(PAGE);
  online = false;
  result.offlinePage = await navigate(PAGE);
  result.offlineOther = await navigate(ORIGIN + "/enforcement/tasks/t2/onsite/");
  result.offlineAsset = await asset(ORIGIN + "/static/enforcement/onsite.js");
  result.offlineApi = await asset(ORIGIN + "/api/enforcement/draws/");
  online = true;
  owner = "8";  // another user signs in on this phone
  await message({ type: "sync" });
  result.otherUser = await cached();
  const kept = storage.get("yingji-offline-pages-v1:/enforcement/");
  result.otherOwner = await (await kept.match(ORIGIN + "/offline/owner")).text();
  await message({ type: "forget" });
  result.forgotten = await cached();
  result.served = served;
  console.log(JSON.stringify(result));
})();
