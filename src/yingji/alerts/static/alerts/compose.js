/* Compose a warning: levels allowed by the type, the 防御指南 template, and drawing the area on the map. */
(function () {
  "use strict";
  var type = document.getElementById("type_code");
  var level = document.getElementById("level");
  var instructions = document.getElementById("instructions");
  var shapeInput = document.getElementById("area_shape");
  var touched = instructions.value.trim() !== "";

  function allowLevels() {
    var allowed = type.options[type.selectedIndex].dataset.levels.split(",");
    Array.prototype.forEach.call(level.options, function (o) { o.hidden = allowed.indexOf(o.value) < 0; });
    if (allowed.indexOf(level.value) < 0) { level.value = allowed[allowed.length - 1]; }
  }

  function loadGuidance() {
    if (touched) { return; }
    var url = instructions.dataset.url + "?type_code=" + encodeURIComponent(type.value) + "&level=" + level.value;
    fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (d) {
      if (!touched) { instructions.value = d.text || ""; }
    });
  }

  instructions.addEventListener("input", function () { touched = true; });
  type.addEventListener("change", function () { allowLevels(); loadGuidance(); });
  level.addEventListener("change", loadGuidance);
  allowLevels();
  loadGuidance();

  var element = document.getElementById("compose-map");
  var map = L.map(element).setView([30.51, 105.58], 10.5);
  fetch(element.dataset.layerUrl, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (c) {
    var layer = L.geoJSON(c, { style: { color: "#1f6f8b", weight: 1, fillOpacity: 0.05 } }).addTo(map);
    if (c.features.length) { map.fitBounds(layer.getBounds()); }
  });
  var drawn = L.layerGroup().addTo(map);
  var points = [];

  function kind() {
    var checked = document.querySelector("input[name=area_kind]:checked");
    return checked ? checked.value : "";
  }

  function redraw() {
    drawn.clearLayers();
    if (kind() === "polygon" && points.length) {
      L.polygon(points, { color: "#d9001b" }).addTo(drawn);
      if (points.length >= 3) {
        var ring = points.map(function (p) { return [p[1], p[0]]; });
        ring.push(ring[0]);
        shapeInput.value = JSON.stringify({ type: "Polygon", coordinates: [ring] });
      }
    } else if (kind() === "circle" && points.length) {
      var radius = Number(document.getElementById("circle-radius").value || 3000);
      L.circle(points[0], { radius: radius, color: "#d9001b" }).addTo(drawn);
      shapeInput.value = JSON.stringify({ center: [points[0][1], points[0][0]], radius_m: radius });
    }
  }

  map.on("click", function (e) {
    if (kind() === "polygon") { points.push([e.latlng.lat, e.latlng.lng]); }
    else if (kind() === "circle") { points = [[e.latlng.lat, e.latlng.lng]]; }
    redraw();
  });
  document.getElementById("circle-radius").addEventListener("change", redraw);
  document.getElementById("draw-clear").addEventListener("click", function () { points = []; shapeInput.value = ""; redraw(); });
  document.querySelectorAll("input[name=area_kind]").forEach(function (r) {
    r.addEventListener("change", function () {
      document.getElementById("area-regions").hidden = kind() !== "regions";
      points = []; redraw();
    });
  });
  document.getElementById("area-regions").hidden = kind() !== "regions";
})();
