/* Draws a moving device's track: the line of its positions, the start and the latest position. */
(function () {
  "use strict";
  var data = document.getElementById("track-points");
  if (!data) { return; }
  var points = JSON.parse(data.textContent);
  var map = window.YJMap.makeMap("track-map");
  if (!points.length) { return; }
  var line = points.map(function (p) { return [p[1], p[0]]; });
  var path = L.polyline(line, { color: "#7b2cbf", weight: 4 }).addTo(map);
  L.circleMarker(line[0], { radius: 6, color: "#2b9348", fillOpacity: 0.9 }).addTo(map).bindTooltip(points[0][2]);
  var last = points[points.length - 1];
  L.circleMarker(line[line.length - 1], { radius: 8, color: "#7b2cbf", fillOpacity: 0.9 }).addTo(map)
    .bindTooltip(last[2], { permanent: true });
  map.fitBounds(path.getBounds().pad(0.3));
  document.getElementById("track-map").dataset.drawn = String(points.length);
})();
