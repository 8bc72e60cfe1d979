/* The command board: draws the feed, and redraws it whenever the SSE stream announces an incident event. */
(function () {
  "use strict";
  var board = document.getElementById("board");
  var map = YJMap.makeMap("board-map");
  var markers = L.layerGroup().addTo(map);
  YJMap.outline(map, document.getElementById("board-map").dataset.regionsUrl).then(function (count) {
    document.getElementById("board-map").dataset.outlined = String(count);
  });

  function text(tag, value, className) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (className) { el.className = className; }
    return el;
  }
  function time(iso) { return YJTime.text(iso, "short"); }  // the district's zone, not the browser's
  function fill(id, items, render) {
    var list = document.getElementById(id);
    list.replaceChildren.apply(list, items.map(render));
    if (!items.length) { list.appendChild(text("li", gettext("暂无"), "list-group-item text-muted")); }
  }
  function link(item, url) {
    var a = document.createElement("a"); a.href = url; a.appendChild(item); return a;
  }
  function drawResponses(responses) {
    // The plans panel of each incident under an activated response (server-rendered, escaped HTML),
    // and its dispatched teams on the map in the teams' colours (plans/layers.py: purple, never a grade's colour).
    var box = document.getElementById("board-responses");
    box.replaceChildren.apply(box, responses.map(function (r) {
      var div = document.createElement("div");
      div.className = "board-response"; div.dataset.uuid = r.uuid;
      div.innerHTML = r.html;
      var title = div.querySelector(".card-header");
      if (title) { title.prepend(r.name + " · "); }
      return div;
    }));
    var legend = {};  // colour → label, for the teams drawn now
    responses.forEach(function (r) {
      r.teams.forEach(function (t) {
        legend[t.colour] = t.on_scene ? gettext("队伍到场") : gettext("队伍途中");
        if (t.lon === null || t.lat === null) { return; }
        var m = L.circleMarker([t.lat, t.lon], { radius: 7, color: "#fff", weight: 2, fillColor: t.colour, fillOpacity: 0.95 });
        m.bindTooltip(interpolate(gettext("%s（%s）"), [t.name, t.status]), { direction: "top" });
        m.bindPopup('<a href="' + t.url + '">' + m.getTooltip().getContent() + "</a>");
        markers.addLayer(m);
      });
    });
    var key = document.getElementById("board-team-legend");
    key.replaceChildren.apply(key, Object.keys(legend).map(function (colour) {
      var item = text("span", legend[colour] + " ", "ms-1"), dot = text("span", "", "yj-swatch");
      dot.style.background = colour;
      item.prepend(dot);
      return item;
    }));
  }
  function draw(data) {
    document.getElementById("board-active").textContent = data.incidents.length;
    markers.clearLayers();
    data.incidents.forEach(function (i) {
      if (i.lon === null) { return; }
      var m = L.circleMarker([i.lat, i.lon], { radius: 11, color: "#fff", weight: 2, fillColor: i.colour, fillOpacity: 0.95 });
      m.bindTooltip(interpolate(gettext("%s（%s）"), [i.name, i.grade]), { permanent: true, direction: "top", offset: [0, -10] });
      m.bindPopup('<a href="' + i.url + '">' + m.getTooltip().getContent() + "</a>");
      markers.addLayer(m);
    });
    fill("board-incidents", data.incidents, function (i) {
      var li = text("li", "", "list-group-item"); li.dataset.uuid = i.uuid;
      var dot = text("span", "", "yj-swatch"); dot.style.background = i.colour;
      li.append(dot, link(text("span", i.name), i.url), text("span", " " + i.grade + " · " + i.status, "text-muted"));
      return li;
    });
    fill("board-clocks", data.clocks, function (c) {
      var li = text("li", "", "list-group-item clock-" + c.state);
      li.append(link(text("span", c.incident + " · " + c.name), c.url), text("div", interpolate(gettext("截止 %s"), [time(c.due_at)]) + " · " + c.state_label, "small"));
      return li;
    });
    fill("board-timeline", data.timeline, function (e) {
      return text("li", time(e.at) + " " + e.incident + " · " + e.title, "list-group-item small");
    });
    ["by_grade", "by_type"].forEach(function (key) {
      var box = document.getElementById("board-" + key.replace("_", "-"));
      box.replaceChildren.apply(box, data[key].map(function (row) {
        var badge = text("span", row.name + " " + row.count, "badge me-1 fs-6");
        badge.style.background = row.colour || "#495057";
        return badge;
      }));
    });
    drawResponses(data.responses || []);
    board.dataset.updated = data.now;
  }
  function refresh() {
    return fetch(board.dataset.feedUrl, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(draw);
  }
  function clock() { document.getElementById("board-clock").textContent = YJTime.text(new Date(), "second"); }
  refresh(); clock(); setInterval(clock, 1000); setInterval(refresh, 60000);
  if (window.EventSource) {
    var source = new EventSource(board.dataset.streamUrl);
    var live = document.getElementById("board-live");
    source.addEventListener("open", function () { live.dataset.connected = "1"; live.className = "badge text-bg-success"; });
    source.onmessage = function (event) {
      var data = JSON.parse(event.data);
      if (data.kind.indexOf("incident") === 0 || data.kind.indexOf("report") === 0) { refresh(); }
    };
    source.onerror = function () { live.dataset.connected = "0"; live.className = "badge text-bg-secondary"; };
  }
})();
