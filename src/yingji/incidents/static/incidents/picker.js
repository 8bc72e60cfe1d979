/* Pick a point on the map: the hidden lon/lat inputs follow the marker. Township outlines for orientation. */
(function () {
  "use strict";
  function attach(mapId, lonId, latId, labelId) {
    var element = document.getElementById(mapId);
    var map = YJMap.makeMap(mapId);
    var lon = document.getElementById(lonId), lat = document.getElementById(latId);
    var label = document.getElementById(labelId);
    var marker = null;
    function place(latlng) {
      if (marker) { marker.setLatLng(latlng); } else { marker = L.marker(latlng).addTo(map); }
      lon.value = latlng.lng.toFixed(6); lat.value = latlng.lat.toFixed(6);
      label.textContent = interpolate(gettext("已选点：经度 %(lon)s，纬度 %(lat)s"), { lon: lon.value, lat: lat.value }, true);
    }
    if (element.dataset.regionsUrl) {
      fetch(element.dataset.regionsUrl, { credentials: "same-origin" }).then(function (r) { return r.ok ? r.json() : null; })
        .then(function (collection) {
          if (!collection) { return; }
          L.geoJSON(collection, {
            style: function () { return { color: "#1f6f8b", weight: 1, fillOpacity: 0.05 }; },
            onEachFeature: function (feature, layer) {
              layer.bindTooltip(feature.properties.name, { permanent: true, direction: "center", className: "yj-region-label" });
              layer.on("click", function (event) { place(event.latlng); });
            }
          }).addTo(map);
        });
    }
    map.on("click", function (event) { place(event.latlng); });
    if (lon.value && lat.value) { place(L.latLng(parseFloat(lat.value), parseFloat(lon.value))); }
    element.yjMap = map;
    element.yjPlace = function (lngLat) { place(L.latLng(lngLat[1], lngLat[0])); };
    return map;
  }
  window.YJPicker = { attach: attach };
})();
