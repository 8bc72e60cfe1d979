/* Where an incident is (issue 14 §1): a map with the district and township outlines and names, and — on the
 * duty-desk forms — township → village selects and a search over the district's places. Whatever is used, the
 * resolved place is shown at once (“已定位：桂花镇 · 石桥村”).
 *
 *   <div id="picker-map" class="yj-map" data-yj-picker data-outline-url="…" data-locate-url="…"
 *        data-lon="id_lon" data-lat="id_lat" data-label="picked-point"
 *        data-township="id_township" data-village="id_village"                      (optional)
 *        data-search="place-search" data-results="place-results" data-search-url="…">  (optional)
 *
 * A map click sets the point and, through the locate URL, the selects; choosing a township or village by hand
 * clears the point (the place is then the region itself). element.yjPlace([lon, lat]) places a point from a script.
 */
(function () {
  "use strict";

  function byId(id) { return id ? document.getElementById(id) : null; }

  function getJson(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(function (r) {
      return r.json().then(function (body) { return { ok: r.ok, body: body }; });
    });
  }

  function attach(element) {
    var map = YJMap.makeMap(element.id);
    var lon = byId(element.dataset.lon), lat = byId(element.dataset.lat), label = byId(element.dataset.label);
    var township = byId(element.dataset.township), village = byId(element.dataset.village);
    var marker = null, outlines = {};

    function say(text) { if (label) { label.textContent = text; } }
    function chosenName() {
      if (!township || !township.value) { return ""; }
      var name = township.options[township.selectedIndex].text;
      if (village && village.value) { name += " · " + village.options[village.selectedIndex].text; }
      return name;
    }
    function sayChosen() {
      var name = chosenName();
      say(name ? interpolate(gettext("已定位：%s"), [name]) : gettext("尚未选择地点"));
    }
    function filterVillages() {
      if (!village) { return; }
      Array.prototype.forEach.call(village.options, function (option) {
        var other = option.value && option.dataset.township !== township.value;
        option.hidden = other; option.disabled = other;
      });
      if (village.selectedOptions.length && village.selectedOptions[0].disabled) { village.value = ""; }
    }
    function clearPoint() {
      if (lon) { lon.value = ""; lat.value = ""; }
      if (marker) { map.removeLayer(marker); marker = null; }
    }
    function choose(codes) {
      if (!township) { return; }
      township.value = codes.township || "";
      filterVillages();
      if (village) { village.value = codes.village || ""; }
      if (window.YJForms) { YJForms.settled(township); YJForms.settled(village); }
    }
    function zoomTo(code) {
      if (outlines[code]) { map.fitBounds(outlines[code].getBounds(), { padding: [10, 10] }); }
    }
    function setPoint(latlng, locate) {
      if (marker) { marker.setLatLng(latlng); } else { marker = L.marker(latlng).addTo(map); }
      lon.value = latlng.lng.toFixed(6); lat.value = latlng.lat.toFixed(6);
      var coordinates = interpolate(gettext("已选点：经度 %(lon)s，纬度 %(lat)s"), { lon: lon.value, lat: lat.value }, true);
      say(coordinates);
      if (!locate || !element.dataset.locateUrl) { return; }
      var params = new URLSearchParams({ lon: lon.value, lat: lat.value });
      getJson(element.dataset.locateUrl + "?" + params.toString()).then(function (answer) {
        if (!answer.ok) { say(answer.body.error ? answer.body.error.message : coordinates); return; }
        choose(answer.body);
        say(answer.body.label ? interpolate(gettext("已定位：%s"), [answer.body.label]) : coordinates);
      }).catch(function () { /* offline: the coordinates stay and the server resolves them */ });
    }

    if (element.dataset.outlineUrl) {
      getJson(element.dataset.outlineUrl).then(function (answer) {
        if (!answer.ok) { return; }
        var layer = L.geoJSON(answer.body, {
          interactive: false,
          style: function (feature) {
            return feature.properties.level === 1
              ? { color: "#0b4f6c", weight: 3, fill: false }
              : { color: "#1f6f8b", weight: 1, fillOpacity: 0.05 };
          },
          onEachFeature: function (feature, shape) {
            if (feature.properties.level === 1) { return; }
            outlines[feature.properties.code] = shape;
            shape.bindTooltip(feature.properties.name, { permanent: true, direction: "center", className: "yj-region-label" });
          }
        }).addTo(map);
        element.dataset.outlineCount = String(answer.body.features.length);
        if (marker) { map.setView(marker.getLatLng(), 13); }
        else if (township && outlines[township.value]) { zoomTo(township.value); }
        else if (answer.body.features.length) { map.fitBounds(layer.getBounds(), { padding: [10, 10] }); }
      });
    }
    map.on("click", function (event) { setPoint(event.latlng, true); });
    if (township) {
      township.addEventListener("change", function () {
        filterVillages();
        if (village) { village.value = ""; }
        clearPoint(); sayChosen(); zoomTo(township.value);
      });
      filterVillages();
    }
    if (village) { village.addEventListener("change", function () { clearPoint(); sayChosen(); }); }
    attachSearch(element, function (hit) {
      if (hit.lon !== null && hit.lon !== undefined) {
        setPoint(L.latLng(hit.lat, hit.lon), true);
        map.setView([hit.lat, hit.lon], 14);
      } else {
        choose(hit); clearPoint(); sayChosen(); zoomTo(hit.township);
      }
    });
    if (lon && lon.value && lat.value) {
      setPoint(L.latLng(parseFloat(lat.value), parseFloat(lon.value)), false);
      if (chosenName()) { sayChosen(); }
    } else if (township && township.value) {
      sayChosen();
    }
    element.yjMap = map;
    element.yjPlace = function (lngLat) { setPoint(L.latLng(lngLat[1], lngLat[0]), true); };
  }

  /* The place search: names of townships, villages and registered places within the user's reach. */
  function attachSearch(element, onPick) {
    var input = byId(element.dataset.search), list = byId(element.dataset.results);
    if (!input || !list || !element.dataset.searchUrl) { return; }
    var timer = null, seq = 0;
    function show(results) {
      list.textContent = "";
      results.forEach(function (hit) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "list-group-item list-group-item-action py-1 small yj-place-hit";
        button.textContent = hit.label;
        var kind = document.createElement("span");
        kind.className = "text-muted ms-2";
        kind.textContent = hit.kind;
        button.appendChild(kind);
        button.addEventListener("click", function () {
          list.textContent = ""; input.value = hit.label; onPick(hit);
        });
        list.appendChild(button);
      });
      if (!results.length && input.value.trim()) {
        var none = document.createElement("div");
        none.className = "list-group-item py-1 small text-muted";
        none.textContent = gettext("没有找到匹配的地点");
        list.appendChild(none);
      }
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var query = input.value.trim(), mine = ++seq;
      if (!query) { list.textContent = ""; return; }
      timer = setTimeout(function () {
        getJson(element.dataset.searchUrl + "?q=" + encodeURIComponent(query)).then(function (answer) {
          if (mine === seq && answer.ok) { show(answer.body.results); }
        }).catch(function () { /* offline: the selects still work */ });
      }, 250);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); var first = list.querySelector("button"); if (first) { first.click(); } }
    });
  }

  function start() { document.querySelectorAll("[data-yj-picker]").forEach(attach); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
