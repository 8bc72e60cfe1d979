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

  function popupHtml(props) {
    var name = document.createElement("div");
    name.textContent = props.name || "";
    var html = "<strong>" + name.innerHTML + "</strong>";
    if (props.population) { html += "<br>常住人口 " + props.population.toLocaleString("zh-CN"); }
    if (props.url) { html += '<br><a href="' + props.url + '">详情</a>'; }
    return html;
  }

  function regionLayer(collection, color) {
    return L.geoJSON(collection, {
      style: function () { return { color: color || "#1f6f8b", weight: 1.5, fillOpacity: 0.12 }; },
      onEachFeature: function (feature, layer) {
        layer.bindPopup(popupHtml(feature.properties));
        layer.bindTooltip(feature.properties.name, { permanent: true, direction: "center", className: "yj-region-label" });
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

  function onemap(elementId, treeId, countId) {
    var map = makeMap(elementId);
    var active = {};
    var counts = {};
    function updateCount() {
      var total = 0;
      Object.keys(counts).forEach(function (k) { total += counts[k]; });
      document.getElementById(countId).textContent = "视野内要素：" + total;
    }
    function load(toggle) {
      var slug = toggle.dataset.slug;
      var bounds = map.getBounds();
      var bbox = [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()].map(function (v) { return v.toFixed(5); }).join(",");
      var url = toggle.dataset.url + (toggle.dataset.geometry === "polygon" ? "" : "?bbox=" + bbox);
      fetchJson(url).then(function (collection) {
        if (active[slug]) { map.removeLayer(active[slug]); }
        var layer;
        if (toggle.dataset.geometry === "polygon") {
          layer = regionLayer(collection, toggle.dataset.color);
        } else {
          layer = L.markerClusterGroup({ chunkedLoading: true });
          collection.features.forEach(function (feature) {
            var c = feature.geometry.coordinates;
            var marker = L.circleMarker([c[1], c[0]], { radius: 7, color: "#fff", weight: 1, fillColor: toggle.dataset.color, fillOpacity: 0.9 });
            marker.bindPopup(popupHtml(feature.properties));
            layer.addLayer(marker);
          });
        }
        if (!toggle.checked) { return; }
        active[slug] = layer.addTo(map);
        counts[slug] = collection.features.length;
        updateCount();
      });
    }
    var toggles = document.querySelectorAll("#" + treeId + " .yj-layer-toggle");
    toggles.forEach(function (toggle) {
      toggle.addEventListener("change", function () {
        if (toggle.checked) { load(toggle); } else {
          if (active[toggle.dataset.slug]) { map.removeLayer(active[toggle.dataset.slug]); }
          delete active[toggle.dataset.slug]; delete counts[toggle.dataset.slug]; updateCount();
        }
      });
      if (toggle.checked) { load(toggle); }
    });
    map.on("moveend", function () {
      toggles.forEach(function (toggle) { if (toggle.checked && toggle.dataset.geometry !== "polygon") { load(toggle); } });
    });
    return map;
  }

  window.YJMap = { regions: regions, onemap: onemap, makeMap: makeMap };

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
        item.textContent = new Date(data.at).toLocaleTimeString("zh-CN") + " " + (data.payload.title || data.kind);
        list.insertBefore(item, list.firstChild);
      };
      source.onerror = function () { list.dataset.connected = "0"; };
    }
  };
})();
