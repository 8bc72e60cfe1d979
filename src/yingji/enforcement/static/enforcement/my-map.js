/* 我的检查任务地图 (enforcement/my_map.html): the townships under the inspector's tasks, one marker per row of the list
 * (data-lon, data-lat, data-color), the map fitted to them; a marker's tooltip is the target's name. */
(function () {
  "use strict";
  var element = document.getElementById("my-task-map");
  if (!element || !window.YJMap) return;
  var map = YJMap.makeMap("my-task-map");
  fetch(element.dataset.regionsUrl + "?level=2", { credentials: "same-origin" })
    .then(function (r) { return r.json(); })
    .then(function (c) {
      L.geoJSON(c, { interactive: false,
        style: function () { return { color: "#5f6b7a", weight: 1, fillOpacity: 0.05 }; } }).addTo(map).bringToBack();
    }, function () {});
  var points = [];
  document.querySelectorAll("#my-task-list tr[data-lon]").forEach(function (row) {
    var latlng = [parseFloat(row.dataset.lat), parseFloat(row.dataset.lon)];
    if (isNaN(latlng[0]) || isNaN(latlng[1])) return;
    points.push(latlng);
    var link = row.querySelector("a.btn") || row.querySelector("a");
    var marker = L.circleMarker(latlng, { radius: 8, color: "#fff", weight: 2, fillColor: row.dataset.color,
                                          fillOpacity: 0.9 }).bindTooltip(row.dataset.name).addTo(map);
    if (link) marker.on("click", function () { location.href = link.href; });
  });
  if (points.length === 1) map.setView(points[0], 14);
  else if (points.length) map.fitBounds(points, { padding: [30, 30] });
})();
