/* 就近查找: click the map to choose the point; results are drawn as numbered markers. */
(function () {
  "use strict";
  var form = document.getElementById("nearby-form");
  var lon = document.getElementById("id_lon"), lat = document.getElementById("id_lat");
  var kind = document.getElementById("id_kind");
  var map = YJMap.makeMap("nearby-map");
  var element = document.getElementById("nearby-map");
  fetch(element.dataset.regionsUrl, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (c) {
    L.geoJSON(c, { style: function () { return { color: "#1f6f8b", weight: 1, fillOpacity: 0.06 }; } }).addTo(map);
  });
  var origin = null;
  function setOrigin(latlng) {
    if (origin) { map.removeLayer(origin); }
    origin = L.marker(latlng, { title: gettext("查找位置") }).addTo(map);
  }
  if (lon.value && lat.value && !isNaN(+lon.value) && !isNaN(+lat.value)) { setOrigin([+lat.value, +lon.value]); }
  map.on("click", function (event) {
    lon.value = event.latlng.lng.toFixed(6);
    lat.value = event.latlng.lat.toFixed(6);
    setOrigin(event.latlng);
  });
  var bounds = [];
  document.querySelectorAll("#nearby-results tr[data-lon]").forEach(function (row, index) {
    var point = [+row.dataset.lat, +row.dataset.lon];
    bounds.push(point);
    L.circleMarker(point, { radius: 9, color: "#fff", weight: 1, fillColor: index === 0 ? "#c8102e" : "#0d6efd", fillOpacity: 0.9 })
      .bindTooltip(String(index + 1) + " " + row.dataset.name).addTo(map);
  });
  if (origin) { bounds.push(origin.getLatLng()); }
  if (bounds.length > 1) { map.fitBounds(bounds, { padding: [30, 30] }); }
  function showFilters() {
    document.querySelectorAll("#nearby-form .yj-kind").forEach(function (el) {
      el.hidden = !el.classList.contains("yj-kind-" + kind.value);
    });
  }
  kind.addEventListener("change", showFilters);
  showFilters();
  form.addEventListener("submit", function () {
    document.querySelectorAll("#nearby-form .yj-kind").forEach(function (el) {
      if (el.hidden) { el.querySelectorAll("input, select").forEach(function (i) { i.disabled = true; }); }
    });
  });
})();
