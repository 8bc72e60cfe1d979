/* The public page's map: the areas of the warnings in force, coloured by level. No base tiles (offline). */
(function () {
  "use strict";
  var element = document.getElementById("public-map");
  var map = L.map(element).setView([30.51, 105.58], 10);
  fetch(element.dataset.url).then(function (r) { return r.json(); }).then(function (c) {
    var layer = L.geoJSON(c, {
      style: function (f) { return { color: f.properties.color, weight: 2, fillOpacity: 0.3 }; },
      onEachFeature: function (f, l) { l.bindTooltip(f.properties.headline); }
    }).addTo(map);
    if (c.features.length) { map.fitBounds(layer.getBounds()); }
  });
})();
