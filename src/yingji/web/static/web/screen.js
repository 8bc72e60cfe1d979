/* The command hall's big screen (web/screen.py): draws what its SSE stream sends.
 *
 * Events: `snapshot` (incidents, clocks, warnings, alarms, on duty, counts, the latest news), `areas` (warnings in
 * force and dispatched teams from the one-map layers), `indicators` (the plan's 19). Every draw replaces what
 * was there (lists with replaceChildren, map markers with clearLayers, charts with Plotly.react), so hours of
 * updates do not grow the page.
 *
 * Connection state in #scr-live[data-state]: connecting → live (实时) on open; on an error the browser retries
 * by itself (reconnecting, 重连中); a second error before it is back, or a connection the browser has given up
 * (readyState CLOSED, e.g. an HTTP error from a proxy), shows offline (离线) with the time of the last update,
 * and a new EventSource is opened with a growing delay (3 s … 30 s) until the server answers again. */
(function () {
  "use strict";
  var gettext = window.gettext || function (t) { return t; };
  var interpolate = window.interpolate || function (t, v) { return t.replace("%s", v[0]); };
  var screen = document.getElementById("screen");
  var STATUS_COLOURS = {met: "#2fbf71", not_met: "#ef476f", no_data: "#6c7f95"};
  var STATE_TEXT = {connecting: gettext("连接中…"), live: gettext("● 实时"), reconnecting: gettext("重连中…"),
                    offline: gettext("离线 · 重连中")};

  function el(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (className) { e.className = className; }
    return e;
  }
  function dot(colour) { var d = el("span", null, "scr-dot"); d.style.background = colour || "#6c757d"; return d; }
  function time(iso) { return window.YJTime ? YJTime.text(iso, "time") : iso; }
  function fill(id, items, render, limit) {
    var list = document.getElementById(id);
    var rows = items.slice(0, limit || 12).map(render);
    if (!rows.length) { rows = [el("li", gettext("暂无"), "scr-empty")]; }
    list.replaceChildren.apply(list, rows);
    list.dataset.count = String(items.length);
  }

  /* The map: township outlines (the regions layer, the viewer's jurisdiction), then incidents, alarms, warnings. */
  var map = null, areaLayer = null, pointLayer = null;
  if (window.L && window.YJMap) {
    map = YJMap.makeMap("scr-map");
    map.attributionControl.setPrefix(false);
    areaLayer = L.layerGroup().addTo(map);
    pointLayer = L.layerGroup().addTo(map);
    YJMap.outline(map, screen.dataset.regionsUrl).then(function (count) {
      document.getElementById("scr-map").dataset.outlined = String(count);
    });
  }

  /* Markers are kept by key and updated in place: a permanent tooltip is created once per incident, not once per
     update (Leaflet left the tooltips of removed markers in the page: 4 more elements at each update). */
  var markers = {};
  function place(key, lat, lon, style, label, permanent) {
    var m = markers[key];
    if (!m) {
      m = markers[key] = L.circleMarker([lat, lon], style).addTo(pointLayer);
      m.bindTooltip(label, permanent ? {permanent: true, direction: "top", offset: [0, -12]} : {});
    } else {
      m.setLatLng([lat, lon]); m.setStyle(style); m.setTooltipContent(label);
    }
    m.seen = true;
  }
  function drawPoints(data) {
    if (!pointLayer) { return; }
    Object.keys(markers).forEach(function (key) { markers[key].seen = false; });
    data.alarms.forEach(function (a) {
      if (a.lon === null || a.lat === null) { return; }
      place("alarm:" + a.uuid, a.lat, a.lon, {radius: 8, color: "#fff", weight: 1, fillColor: a.colour, fillOpacity: 0.9},
            a.station + " · " + a.level, false);
    });
    data.incidents.forEach(function (i) {
      if (i.lon === null || i.lat === null) { return; }
      place("incident:" + i.uuid, i.lat, i.lon, {radius: 13, color: "#fff", weight: 2, fillColor: i.colour, fillOpacity: 0.95},
            interpolate(gettext("%s（%s）"), [i.name, i.grade]), true);
    });
    Object.keys(markers).forEach(function (key) {
      var m = markers[key];
      if (!m.seen) { m.unbindTooltip(); pointLayer.removeLayer(m); delete markers[key]; }
    });
    document.getElementById("scr-map").dataset.points = String(pointLayer.getLayers().length);
  }

  function drawAreas(layers) {
    if (!areaLayer) { return; }
    areaLayer.eachLayer(function (layer) { if (layer.unbindTooltip) { layer.unbindTooltip(); } });
    areaLayer.clearLayers();
    var warnings = layers["alerts-in-force"] || [], teams = layers["dispatched-teams"] || [];
    if (warnings.length) {
      L.geoJSON({type: "FeatureCollection", features: warnings}, {interactive: false, style: function (f) {
        return {color: f.properties.color, weight: 3, fillOpacity: 0.25};
      }}).addTo(areaLayer);
    }
    teams.forEach(function (f) {
      if (!f.geometry || f.geometry.type !== "Point") { return; }
      var c = f.geometry.coordinates;
      L.circleMarker([c[1], c[0]], {radius: 7, color: "#fff", weight: 2, fillColor: f.properties.color || "#9d4edd",
        fillOpacity: 0.95}).bindTooltip(f.properties.name || "").addTo(areaLayer);
    });
    document.getElementById("scr-map").dataset.areas = String(warnings.length);
  }

  function drawLegend(data) {
    var legend = document.getElementById("scr-legend");
    legend.replaceChildren.apply(legend, data.by_grade.map(function (g) {
      var s = el("span", g.name + " " + g.count); s.prepend(dot(g.colour)); return s;
    }));
  }

  function drawSnapshot(data) {
    var counts = data.counts || {};
    counts.active = data.sections.indexOf("incidents") < 0 ? undefined : data.active;
    document.querySelectorAll(".scr-count-value").forEach(function (box) {
      var key = box.id.replace("count-", "");
      box.textContent = counts[key] === undefined ? "—" : String(counts[key]);
    });
    var failed = data.failed || [];  // a section whose app failed keeps what it showed
    if (failed.indexOf("incidents") < 0) {
      fill("scr-incidents", data.incidents, function (i) {
        var li = el("li"); li.dataset.uuid = i.uuid;
        li.append(dot(i.colour), el("span", i.name), el("span", i.grade + " · " + i.place + " · " + i.status, "scr-muted"));
        return li;
      }, 14);
      fill("scr-clocks", data.clocks, function (c) {
        var li = el("li", null, "scr-clock-" + c.state);
        li.append(el("span", c.incident + " · " + c.name), el("span", interpolate(gettext("截止 %s"), [time(c.due_at)]) + " · " + c.state_label, "scr-muted"));
        return li;
      }, 6);
    }
    if (failed.indexOf("alerts") < 0) {
      fill("scr-warnings", data.warnings, function (w) {
        var li = el("li"); li.dataset.uuid = w.uuid;
        li.append(dot(w.colour), el("span", w.headline), el("span", w.level, "scr-muted"));
        return li;
      }, 6);
    }
    if (failed.indexOf("monitoring") < 0) {
      fill("scr-alarms", data.alarms, function (a) {
        var li = el("li"); li.dataset.uuid = a.uuid;
        li.append(dot(a.colour), el("span", a.station + " · " + a.sensor), el("span", a.level + " · " + a.state + " · " + time(a.at), "scr-muted"));
        return li;
      }, 6);
    }
    if (failed.indexOf("duty") < 0) {
      fill("scr-duty", data.on_duty, function (d) {
        var li = el("li", d.post + "：");
        li.append(d.person ? el("span", d.person) : el("span", gettext("空岗"), "scr-clock-overdue"), el("span", d.name, "scr-muted"));
        return li;
      }, 5);
    }
    fill("scr-news", data.news, function (n) {
      return el("li", time(n.at) + " " + (n.title || n.kind));
    }, 8);
    if (!failed.length) { drawLegend(data); drawPoints(data); }
    screen.dataset.updated = data.now;
    document.getElementById("scr-updated").textContent = time(data.now);
  }

  function attainment(row) {
    var check = row.target_check, value = row.value === null ? null : Number(row.value);
    if (value === null) { return 0; }
    if (row.of) { return 100 * value / Number(row.of); }  // "n of m" (2.7: townships meeting the target)
    if (check.op === "decrease") {
      var base = row.baseline === null ? null : Number(row.baseline);
      return base ? 100 * ((base - value) / base * 100) / Number(check.value) : 0;
    }
    if (check.op === "<" || check.op === "<=") { return value === 0 ? 100 : 100 * Number(check.value) / value; }
    return Number(check.value) === 0 ? 100 : 100 * value / Number(check.value);
  }

  function drawIndicators(rows) {
    var box = document.getElementById("scr-ind-bars"), donut = document.getElementById("scr-ind-donut");
    box.dataset.count = String(rows.length);
    var tally = {met: 0, not_met: 0, no_data: 0}, labels = {};
    rows.forEach(function (r) { tally[r.status] += 1; labels[r.status] = r.status_label; });
    donut.dataset.met = String(tally.met);
    var font = {color: "#e6eef8", size: 18};
    if (!window.Plotly) {
      var list = document.getElementById("scr-ind-list");
      list.replaceChildren.apply(list, rows.map(function (r) { return el("span", r.code + " " + r.status_label + "　"); }));
      return;
    }
    var keys = ["met", "not_met", "no_data"].filter(function (k) { return tally[k]; });
    Plotly.react(donut, [{type: "pie", hole: 0.55, sort: false, values: keys.map(function (k) { return tally[k]; }),
      labels: keys.map(function (k) { return labels[k]; }), marker: {colors: keys.map(function (k) { return STATUS_COLOURS[k]; })},
      textinfo: "label+value", textfont: {size: 18}}],
      {paper_bgcolor: "rgba(0,0,0,0)", font: font, showlegend: false, margin: {t: 4, b: 4, l: 4, r: 4},
       annotations: [{text: interpolate(gettext("共 %s 项"), [rows.length]), showarrow: false, font: {size: 22, color: "#ffd166"}}]},
      {displayModeBar: false, staticPlot: true, responsive: true});
    Plotly.react(box, [{type: "bar", x: rows.map(function (r) { return r.code; }),
      y: rows.map(function (r) { return Math.max(0, Math.min(150, attainment(r))); }),
      text: rows.map(function (r) { return r.status_label; }), textposition: "outside", textfont: {size: 16},
      marker: {color: rows.map(function (r) { return STATUS_COLOURS[r.status]; })}}],
      {paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)", font: font,
       margin: {t: 8, r: 10, b: 34, l: 50}, yaxis: {range: [0, 170], gridcolor: "#ffffff22"},
       xaxis: {type: "category"},
       shapes: [{type: "line", xref: "paper", x0: 0, x1: 1, y0: 100, y1: 100, line: {dash: "dash", color: "#ffd166"}}]},
      {displayModeBar: false, staticPlot: true, responsive: true});
  }

  /* The connection and its visible state. */
  var live = document.getElementById("scr-live"), source = null, delay = 3000, retryTimer = null;
  function setState(state) {
    screen.dataset.state = state; live.dataset.state = state;
    live.textContent = STATE_TEXT[state];
    if (state === "offline") { live.title = interpolate(gettext("最后更新 %s"), [time(screen.dataset.updated || "")]); }
  }
  var last = {};  // the latest data of each kind (window.YJScreen.last: the heap bench redraws it)
  function handle(kind, draw) {
    return function (event) {
      setState("live"); delay = 3000;
      last[kind] = JSON.parse(event.data);
      draw(last[kind]);
    };
  }
  function connect() {
    retryTimer = null;
    source = new EventSource(screen.dataset.streamUrl);
    source.addEventListener("open", function () { setState("live"); delay = 3000; });
    source.addEventListener("snapshot", handle("snapshot", drawSnapshot));
    source.addEventListener("areas", handle("areas", drawAreas));
    source.addEventListener("indicators", handle("indicators", drawIndicators));
    source.addEventListener("error", function () {
      if (source.readyState === EventSource.CLOSED) {  // the browser gave up: reopen it ourselves
        source.close();
        setState("offline");
        if (!retryTimer) { retryTimer = setTimeout(connect, delay); delay = Math.min(delay * 2, 30000); }
        return;
      }
      setState(screen.dataset.state === "live" ? "reconnecting" : "offline");
    });
  }
  function clock() { document.getElementById("scr-clock").textContent = window.YJTime ? YJTime.text(new Date(), "second") : ""; }

  window.YJScreen = {last: last, drawSnapshot: drawSnapshot, drawAreas: drawAreas, drawIndicators: drawIndicators};
  setState("connecting");
  clock(); setInterval(clock, 1000);
  if (window.EventSource) { connect(); } else { setState("offline"); }
})();
