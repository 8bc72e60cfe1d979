/* A received CAP message's areas on the map: polygons, circles and the geocodes that are our townships/villages. */
(function () {
  "use strict";
  var area = JSON.parse(document.getElementById("incoming-area").textContent);
  var map = L.map("incoming-map").setView([30.51, 105.58], 9);
  var layer = L.geoJSON(area, {
    style: { color: "#d9001b", weight: 2, fillOpacity: 0.2 },
    pointToLayer: function (feature, latlng) {
      return L.circle(latlng, { radius: feature.properties.radius_m || 100, color: "#d9001b", weight: 2, fillOpacity: 0.2 });
    },
    onEachFeature: function (feature, l) { if (feature.properties.desc) { l.bindTooltip(feature.properties.desc); } }
  }).addTo(map);
  if (area.features.length) { map.fitBounds(layer.getBounds()); }
})();
