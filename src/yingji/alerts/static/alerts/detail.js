/* A warning's area on the map, and the delivery progress polled until everything is sent. */
(function () {
  "use strict";
  var area = JSON.parse(document.getElementById("area-data").textContent);
  var map = L.map("area-map").setView([30.51, 105.58], 10.5);
  var layer = L.geoJSON(area, { style: { color: "#d9001b", weight: 2, fillOpacity: 0.2 } }).addTo(map);
  if (area.features.length) { map.fitBounds(layer.getBounds()); }

  var text = document.getElementById("progress-text");
  if (!text) { return; }
  var bar = document.getElementById("progress-bar");

  function cell(row, value) { var td = document.createElement("td"); td.textContent = value; row.appendChild(td); }

  function render(d) {
    bar.style.width = d.percent + "%";
    bar.textContent = d.percent + "%";
    text.textContent = interpolate(gettext("已送达 %(reached)s / 应送 %(total)s（%(percent)s%）"), d, true) +
      (d.time_to_95 ? interpolate(gettext("；95% 送达用时 %s"), [d.time_to_95]) : "") +
      (d.done ? gettext("；发送完毕") : gettext("；发送中……"));
    var body = document.querySelector("#coverage-table tbody");
    body.innerHTML = "";
    d.coverage.forEach(function (c) {
      var row = document.createElement("tr");
      cell(row, c.township); cell(row, c.channel); cell(row, c.reached + " / " + c.targeted);
      body.appendChild(row);
    });
    var failures = document.getElementById("failures");
    failures.textContent = d.failures.map(function (f) {
      return interpolate(gettext("%(channel)s：%(reason)s（%(count)s）"), f, true);
    }).join(gettext("；"));
    return d.done && d.total > 0;
  }

  function poll() {
    fetch(text.dataset.url, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (d) {
      if (!render(d)) { setTimeout(poll, 1500); }
    }).catch(function () { setTimeout(poll, 3000); });
  }
  poll();
})();
