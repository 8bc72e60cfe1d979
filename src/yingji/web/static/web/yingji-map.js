/* Yingji maps: Leaflet with no base tiles unless a tile URL is configured (offline networks). */
(function () {
  "use strict";
  var CENTRE = [30.51, 105.58];

  function makeMap(elementId) {
    var element = document.getElementById(elementId);
    var map = L.map(element, { preferCanvas: true, zoomSnap: 0.25 }).setView(CENTRE, 11);
    var tileUrl = element.dataset.tileUrl;
    if (tileUrl) {
      L.tileLayer(tileUrl, { attribution: element.dataset.tileAttribution || "", maxZoom: 18 }).addTo(map);
    }
    return map;
  }

  function fetchJson(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json();
    });
  }

  function text(value) { var d = document.createElement("div"); d.textContent = value == null ? "" : String(value); return d.innerHTML; }

  function popupHtml(props) {
    var html = "<strong>" + text(props.name) + "</strong>";
    if (props.level) { html += "<br>" + text(props.level); }
    if (props.area) { html += '<br><span class="small">' + text(props.area) + "</span>"; }
    if (props.population) { html += "<br>" + interpolate(gettext("常住人口 %s"), [props.population.toLocaleString("zh-CN")]); }
    if (props.url) { html += '<br><a href="' + props.url + '">' + gettext("详情") + "</a>"; }
    return html;
  }

  /* Polygons: a feature's own colour (a warning's level) wins over the layer's; one label per feature. */
  function regionLayer(collection, color) {
    return L.geoJSON(collection, {
      style: function (feature) {
        var own = feature.properties.color;
        return { color: own || color || "#1f6f8b", weight: own ? 2.5 : 1.5, fillOpacity: own ? 0.3 : 0.12 };
      },
      onEachFeature: function (feature, layer) {
        layer.bindPopup(popupHtml(feature.properties));
        var own = feature.properties.color, label = text(feature.properties.name);
        if (own) { label = '<span class="yj-swatch" style="background:' + text(own) + '"></span>' + label; }
        layer.bindTooltip(label, { permanent: true, direction: "center", className: "yj-region-label" });
      }
    });
  }

  function regions(elementId) {
    var element = document.getElementById(elementId);
    var map = makeMap(elementId);
    fetchJson(element.dataset.layerUrl).then(function (collection) {
      var layer = regionLayer(collection).addTo(map);
      element.dataset.featureCount = String(collection.features.length);
      if (collection.features.length) { map.fitBounds(layer.getBounds(), { padding: [10, 10] }); }
    });
    return map;
  }

  /* The district's outline and its townships (named) under a map's own markers; fits the map to them. */
  function outline(map, url) {
    var sep = url.indexOf("?") < 0 ? "?" : "&";
    return Promise.all([fetchJson(url + sep + "level=2"), fetchJson(url + sep + "level=1")]).then(function (both) {
      var townships = regionLayer(both[0], "#5f6b7a").addTo(map);
      var district = L.geoJSON(both[1], { interactive: false,
        style: function () { return { color: "#343a40", weight: 3, fill: false }; } }).addTo(map);
      townships.bringToBack();
      var bounds = both[1].features.length ? district.getBounds() : townships.getBounds();
      if (bounds.isValid()) { map.fitBounds(bounds, { padding: [10, 10] }); }
      return both[0].features.length + both[1].features.length;
    });
  }

  /* The one-map (一张图): layer tree, township filter, name search, clustering, legend and count in view.
     Point layers are asked only for the box in view (?bbox=) and reloaded when the map moves. */
  function onemap(elementId, treeId, countId) {
    var map = makeMap(elementId);
    map.setMaxZoom(18);  // marker clustering needs a maximum zoom even when no tile layer is configured
    var tree = document.getElementById(treeId);
    var toggles = Array.prototype.slice.call(tree.querySelectorAll(".yj-layer-toggle"));
    var township = document.getElementById("onemap-township");
    var state = {};  // slug → {layer, features, seq}
    var townships = {};

    function pointPopup(props, title) {
      var html = '<div class="yj-popup"><strong>' + text(props.name) + "</strong>";
      if (title) { html += '<div class="text-muted small">' + text(title) + "</div>"; }
      (props.lines || []).forEach(function (line) { if (line) { html += '<div class="small">' + text(line) + "</div>"; } });
      if (props.url) { html += '<a class="small" href="' + text(props.url) + '">' + gettext("打开记录 »") + "</a>"; }
      (props.links || []).forEach(function (link) { html += ' <a class="small" href="' + text(link[1]) + '">' + text(link[0]) + " »</a>"; });
      return html + "</div>";
    }
    function marker(feature, toggle) {
      var c = feature.geometry.coordinates, props = feature.properties;
      var icon = L.divIcon({ className: "yj-point", iconSize: [14, 14],
        html: '<span style="background:' + (props.color || props.colour || toggle.dataset.color) + '"></span>' });
      var m = L.marker([c[1], c[0]], { icon: icon, title: props.name, alt: props.name, keyboard: true });
      m.bindPopup(pointPopup(props, toggle.dataset.title));
      return m;
    }
    function isPoint(toggle) { return toggle.dataset.geometry !== "polygon"; }
    function query(toggle, extra) {
      var params = new URLSearchParams(extra || {});
      if (township.value && isPoint(toggle)) { params.set("township", township.value); }
      return toggle.dataset.url + "?" + params.toString();
    }
    function bboxParam(b) {
      return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v) { return v.toFixed(5); }).join(",");
    }
    function updateCount() {
      var bounds = map.getBounds(), total = 0;
      toggles.forEach(function (toggle) {
        var entry = state[toggle.dataset.slug], n = 0;
        if (entry && toggle.checked && isPoint(toggle)) {
          entry.features.forEach(function (f) { var c = f.geometry.coordinates; if (bounds.contains([c[1], c[0]])) { n += 1; } });
          total += n;
        }
        var label = tree.querySelector('.yj-layer-count[data-slug="' + toggle.dataset.slug + '"]');
        if (label) { label.textContent = entry && toggle.checked && isPoint(toggle) ? "(" + n + ")" : ""; }
      });
      document.getElementById(countId).textContent = interpolate(gettext("视野内要素：%s"), [total]);
      document.getElementById(elementId).dataset.featureCount = String(total);
    }
    function remove(slug) {
      if (state[slug] && state[slug].layer) { map.removeLayer(state[slug].layer); }
      delete state[slug];
    }
    function load(toggle) {
      var slug = toggle.dataset.slug;
      var seq = (state[slug] ? state[slug].seq : 0) + 1;
      state[slug] = state[slug] || { features: [] };
      state[slug].seq = seq;
      var box = map.getBounds().pad(0.5);  // a margin, so that small moves (and popups panning) need no reload
      var url = isPoint(toggle) ? query(toggle, { bbox: bboxParam(box) }) : query(toggle);
      return fetchJson(url).then(function (collection) {
        if (!state[slug] || state[slug].seq !== seq || !toggle.checked) { return; }
        var layer;
        if (isPoint(toggle)) {
          layer = L.markerClusterGroup({ chunkedLoading: true, maxClusterRadius: 40, disableClusteringAtZoom: 15 });
          layer.addLayers(collection.features.map(function (f) { return marker(f, toggle); }));
        } else {
          layer = regionLayer(collection, toggle.dataset.color);
          if (slug === "regions") {
            collection.features.forEach(function (f) { townships[f.properties.code] = f; });
            fillTownships(collection.features);
          }
        }
        if (state[slug].layer) { map.removeLayer(state[slug].layer); }
        state[slug].layer = layer.addTo(map);
        state[slug].features = collection.features;
        state[slug].box = box;
        updateCount();
        if (pending && pending.slug === slug) { openPending(layer); }
      });
    }
    var pending = null;  // a search result to open once its layer has loaded
    function openPending(layer) {
      var name = pending.name;
      pending = null;
      layer.eachLayer(function (m) {
        if (m.options.title === name) { layer.zoomToShowLayer(m, function () { m.openPopup(); }); }
      });
    }
    function fillTownships(features) {
      if (township.options.length > 1) { return; }
      features.forEach(function (f) {
        var option = document.createElement("option");
        option.value = f.properties.code; option.textContent = f.properties.name;
        township.appendChild(option);
      });
    }
    function reloadPoints(all) {
      var view = map.getBounds();
      toggles.forEach(function (t) {
        var entry = state[t.dataset.slug];
        if (t.checked && isPoint(t) && (all || !entry || !entry.box || !entry.box.contains(view))) { load(t); }
      });
    }

    var legend = L.control({ position: "bottomright" });
    legend.onAdd = function () { this.div = L.DomUtil.create("div", "yj-legend"); return this.div; };
    legend.addTo(map);
    function updateLegend() {
      var html = "<strong>" + gettext("图例") + "</strong>";
      toggles.forEach(function (toggle) {
        if (!toggle.checked) { return; }
        var items = JSON.parse(toggle.dataset.legend || "[]");
        html += '<div><span class="yj-swatch" style="background:' + toggle.dataset.color + '"></span>' + text(toggle.dataset.title) + "</div>";
        items.forEach(function (item) { html += '<div class="ms-3"><span class="yj-swatch" style="background:' + item[0] + '"></span>' + text(item[1]) + "</div>"; });
      });
      legend.div.innerHTML = html;
    }

    toggles.forEach(function (toggle) {
      toggle.addEventListener("change", function () {
        if (toggle.checked) { load(toggle); } else { remove(toggle.dataset.slug); updateCount(); }
        updateLegend();
      });
      if (toggle.checked) { load(toggle); }
    });
    updateLegend();
    var timer = null;
    map.on("moveend", function () { clearTimeout(timer); timer = setTimeout(reloadPoints, 200); updateCount(); });
    township.addEventListener("change", function () {
      var f = townships[township.value];
      if (f) { map.fitBounds(L.geoJSON(f).getBounds()); } else { map.setView(CENTRE, 11); }
      reloadPoints(true);
    });

    var results = document.getElementById("onemap-results");
    document.getElementById("onemap-search").addEventListener("submit", function (event) {
      event.preventDefault();
      var q = document.getElementById("onemap-query").value.trim();
      results.innerHTML = "";
      if (!q) { return; }
      var searched = toggles.filter(isPoint);
      Promise.all(searched.map(function (t) {
        return fetchJson(query(t, { q: q })).then(function (c) { return c.features.map(function (f) { return [f, t]; }); }, function () { return []; });
      })).then(function (lists) {
        var found = [].concat.apply([], lists).slice(0, 30);
        if (!found.length) { results.innerHTML = '<li class="list-group-item text-muted">' + gettext("没有找到") + "</li>"; }
        found.forEach(function (pair) {
          var f = pair[0], t = pair[1], item = document.createElement("li");
          item.className = "list-group-item list-group-item-action yj-search-result";
          item.innerHTML = text(f.properties.name) + ' <span class="text-muted">' + text(t.dataset.title) + "</span>";
          item.addEventListener("click", function () {
            var c = f.geometry.coordinates;
            pending = { slug: t.dataset.slug, name: f.properties.name };
            if (!t.checked) { t.checked = true; updateLegend(); }
            map.setView([c[1], c[0]], 16);
            load(t);
          });
          results.appendChild(item);
        });
      });
    });
    return map;
  }

  /* One record's location on a small map (registry detail pages: data-lon, data-lat). */
  function point(elementId) {
    var element = document.getElementById(elementId);
    if (!element) { return null; }
    var latlng = [parseFloat(element.dataset.lat), parseFloat(element.dataset.lon)];
    var map = makeMap(elementId);
    L.circleMarker(latlng, { radius: 8, color: "#fff", weight: 2, fillColor: "#c8102e", fillOpacity: 0.9 }).addTo(map);
    map.setView(latlng, 14);
    return map;
  }

  window.YJMap = { regions: regions, onemap: onemap, makeMap: makeMap, point: point, outline: outline };

  window.YJLive = {
    attach: function (listId) {
      var list = document.getElementById(listId);
      if (!list || !window.EventSource) { return; }
      var source = new EventSource(list.dataset.streamUrl);
      source.addEventListener("open", function () { list.dataset.connected = "1"; });
      source.onmessage = function (event) {
        var data = JSON.parse(event.data);
        var item = document.createElement("li");
        item.className = "list-group-item small";
        item.textContent = YJTime.text(data.at, "time") + " " + (data.payload.title || data.kind);
        list.insertBefore(item, list.firstChild);
      };
      source.onerror = function () { list.dataset.connected = "0"; };
    }
  };
})();
