/* Offline-safe forms (docs/incidents.md "Never losing a report").
 *
 * A form marked data-offline-safe="<label>" is sent with fetch. When the network fails, the whole form
 * (every field, photos as Blobs) is kept in this browser's IndexedDB and sent again when the network is
 * back: on the `online` event, every 15 s, and with the 立即重试 button. The form carries a submission key,
 * so however often a report is re-sent the server creates it once. Any page with such a form also re-sends
 * the reports that earlier visits left unsent. Texts come from data- attributes of the <script> tag
 * (web/base.html), so they are translated like the rest of the page.
 */
(function () {
  "use strict";
  var TEXT = document.currentScript.dataset;
  var RETRY_MS = 15000;
  var forms = document.querySelectorAll("form[data-offline-safe]");
  if (!forms.length || !window.fetch || !window.indexedDB) return; // the forms post the ordinary way

  // --- a tiny IndexedDB wrapper: one object store of reports keyed by id --------------------------------
  function idb(mode, work) {
    return new Promise(function (resolve, reject) {
      var open = indexedDB.open("yingji-offline-forms", 1);
      open.onupgradeneeded = function () { open.result.createObjectStore("reports", { keyPath: "id" }); };
      open.onerror = function () { reject(open.error); };
      open.onsuccess = function () {
        var db = open.result, tx = db.transaction("reports", mode), request = work(tx.objectStore("reports"));
        tx.oncomplete = function () { db.close(); resolve(request.result); };
        tx.onerror = tx.onabort = function () { db.close(); reject(tx.error); };
      };
    });
  }
  var stored = {
    put: function (item) { return idb("readwrite", function (s) { return s.put(item); }); },
    remove: function (id) { return idb("readwrite", function (s) { return s.delete(id); }); },
    all: function () { return idb("readonly", function (s) { return s.getAll(); }); },
  };
  function quietly(promise) { promise.catch(function () {}); } // no storage (private mode): the page keeps it

  // --- state ----------------------------------------------------------------------------------------------
  var pending = {};   // id → item still to send (also in IndexedDB)
  var done = [];      // items of earlier visits that got an answer, item.answer = {ok, url, html}
  var mine = {};      // ids submitted from this page during this visit: their answer replaces the page
  var problem = "";   // why the last attempt failed: "network" | "login" | "server"
  var submitting = false, retrying = false, leaving = false, timer = null;

  function capture(form) {
    var fields = [];
    new FormData(form).forEach(function (value, name) {
      if (value instanceof Blob && !value.size && !value.name) return; // an empty file input
      fields.push([name, value]);
    });
    var key = form.querySelector("[name=submission_key]");
    return {
      id: key ? key.value : String(Date.now()) + Math.random(),
      label: form.dataset.offlineSafe || document.title,
      action: new URL(form.getAttribute("action") || location.href, location.href).href,
      user: form.hasAttribute("data-offline-anyone") ? "" : TEXT.user,
      savedAt: Date.now(),
      fields: fields,
    };
  }

  // The CSRF token is taken fresh: the cookie changes when the user logs in again in another tab.
  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    var input = document.querySelector("[name=csrfmiddlewaretoken]");
    return match ? decodeURIComponent(match[1]) : input ? input.value : "";
  }

  function send(item) {
    if (navigator.onLine === false) return Promise.reject(new Error("offline"));
    var body = new FormData();
    item.fields.forEach(function (pair) {
      if (pair[0] === "csrfmiddlewaretoken") return;
      if (pair[1] instanceof Blob) body.append(pair[0], pair[1], pair[1].name || "photo");
      else body.append(pair[0], pair[1]);
    });
    body.append("csrfmiddlewaretoken", csrfToken());
    return fetch(item.action, { method: "POST", body: body, credentials: "same-origin" });
  }

  // Send one item. Resolves true when the server has answered for good (created, or refused with a
  // message); false when it must be tried again (no network, server down, login or CSRF expired).
  function attempt(item) {
    return send(item).then(function (response) {
      var login = new URL(response.url).pathname === TEXT.loginUrl;
      if (login || response.status === 403 || response.status >= 500) {
        problem = login || response.status === 403 ? "login" : "server";
        return false;
      }
      return response.text().then(function (html) {
        delete pending[item.id];
        if (mine[item.id]) {
          quietly(stored.remove(item.id));
          show(response, html);
          return true;
        }
        item.answer = { ok: response.ok, url: response.redirected ? response.url : "", html: html };
        done.push(item);
        // A refusal (e.g. a validation error) stays stored until the user has looked at it.
        quietly(response.ok ? stored.remove(item.id) : stored.put(item));
        return true;
      });
    }, function () {
      problem = "network";
      return false;
    });
  }

  // Replace this page with the server's answer (the created record, the thanks page, or the form with errors).
  function show(response, html) {
    leaving = true;
    clearInterval(timer);
    if (response.redirected) history.replaceState(null, "", response.url);
    document.open();
    document.write(html);
    document.close();
  }

  function keep(item) {
    pending[item.id] = item;
    quietly(stored.put(item));
    if (!timer) timer = setInterval(retry, RETRY_MS);
  }

  // Try every pending item of this user, oldest first, one at a time.
  function retry() {
    if (retrying || leaving) return;
    retrying = true;
    var items = Object.keys(pending).map(function (id) { return pending[id]; })
      .filter(function (item) { return !item.user || item.user === TEXT.user; })
      .sort(function (a, b) { return a.savedAt - b.savedAt; });
    items.reduce(function (chain, item) {
      return chain.then(function () { return leaving ? true : attempt(item); });
    }, Promise.resolve()).then(function () {
      retrying = false;
      if (!leaving) render();
    });
  }

  function submit(form) {
    if (submitting) return; // a second tap while the first one is on its way
    var item = capture(form);
    mine[item.id] = true;
    submitting = true;
    render(TEXT.sending);
    attempt(item).then(function (answered) {
      submitting = false;
      if (!answered) keep(item);
      if (!leaving) render();
    });
  }

  // --- the banner above the first form ---------------------------------------------------------------------
  var banner = document.createElement("div");
  banner.id = "offline-banner";
  banner.className = "alert alert-warning";
  banner.setAttribute("role", "status");
  banner.hidden = true;
  forms[0].parentNode.insertBefore(banner, forms[0]);

  function element(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    return node;
  }

  function render(message) {
    var ids = Object.keys(pending);
    banner.textContent = "";
    banner.hidden = !ids.length && !done.length && !message;
    var headline = message || { network: TEXT.saved, login: TEXT.login, server: TEXT.server }[problem] ||
      TEXT.earlier;
    if (ids.length || message) banner.appendChild(element("strong", headline, { id: "offline-message" }));
    var list = element("ul", "", { class: "mb-1 small", id: "offline-list" });
    ids.forEach(function (id) {
      var item = pending[id];
      var note = item.user && item.user !== TEXT.user ? " — " + TEXT.otherUser : "";
      list.appendChild(element("li", item.label + " · " + YJTime.text(item.savedAt, "minute") + note));
    });
    done.forEach(function (item) {
      var answer = item.answer;
      var line = element("li", item.label + " · " + (answer.ok ? TEXT.sent : TEXT.refused) + " ");
      var view = element("button", TEXT.view, { type: "button", class: "btn btn-link btn-sm p-0" });
      view.addEventListener("click", function () {
        quietly(stored.remove(item.id));
        show({ redirected: !!answer.url, url: answer.url }, answer.html);
      });
      line.appendChild(view);
      list.appendChild(line);
    });
    if (list.childNodes.length) banner.appendChild(list);
    if (ids.length) {
      var button = element("button", TEXT.retry, { type: "button", class: "btn btn-sm btn-warning", id: "offline-retry" });
      button.addEventListener("click", retry);
      banner.appendChild(button);
    }
  }

  // --- wiring ------------------------------------------------------------------------------------------------
  forms.forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      submit(form);
    });
  });
  window.addEventListener("online", retry);
  stored.all().then(function (items) { // reports left unsent by earlier visits of this browser
    items.forEach(function (item) {
      if (item.answer) done.push(item);
      else pending[item.id] = item;
    });
    if (items.length) {
      timer = timer || setInterval(retry, RETRY_MS);
      render();
      retry();
    }
  }, function () {});
})();
