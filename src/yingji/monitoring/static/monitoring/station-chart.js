/* The station page's chart: each sensor's aggregates from the series API (hourly for 1 and 7 days, daily for
 * 30), its rule limits as dashed lines in the level colours and its alarms as marks. Plotly is served from the
 * plotly package (monitoring:plotly). */
(function () {
  "use strict";
  var gettext = window.gettext || function (text) { return text; };
  var box = document.getElementById("station-chart");
  if (!box || !window.Plotly) return;

  function traces(sensor, axis) {
    var result = [{x: sensor.x, y: sensor.y, name: sensor.label + (sensor.unit ? "（" + sensor.unit + "）" : ""),
                   type: sensor.summed ? "bar" : "scatter", mode: "lines+markers", yaxis: axis}];
    var first = sensor.x[0], last = sensor.x[sensor.x.length - 1];
    sensor.limits.forEach(function (limit) {
      if (!first) return;
      result.push({x: [first, last], y: [limit.value, limit.value], mode: "lines", yaxis: axis, showlegend: false,
                   hovertext: limit.rule, line: {color: limit.color, dash: "dash", width: 1}});
    });
    if (sensor.alarms.length) {
      result.push({x: sensor.alarms.map(function (a) { return a.time; }), yaxis: axis, mode: "markers",
                   y: sensor.alarms.map(function (a) { return a.value; }), name: gettext("报警"),
                   marker: {symbol: "triangle-up", size: 11, color: sensor.alarms.map(function (a) { return a.color; })}});
    }
    return result;
  }

  function draw(days) {
    fetch(box.dataset.seriesUrl + "?days=" + days, {credentials: "same-origin"})
      .then(function (response) { return response.json(); })
      .then(function (body) {
        var data = [], layout = {margin: {t: 20, r: 60}, legend: {orientation: "h"}, xaxis: {type: "date"}};
        (body.sensors || []).forEach(function (sensor, index) {
          var axis = index === 0 ? "y" : "y" + (index + 1);
          data = data.concat(traces(sensor, axis));
          var key = index === 0 ? "yaxis" : "yaxis" + (index + 1);
          layout[key] = {title: {text: sensor.label}};
          if (index > 0) { layout[key].overlaying = "y"; layout[key].side = "right"; }
        });
        window.Plotly.react(box, data, layout, {responsive: true, displaylogo: false});
      });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-chart-days]");
    if (!button) return;
    document.querySelectorAll("[data-chart-days]").forEach(function (b) { b.classList.remove("active"); });
    button.classList.add("active");
    draw(button.dataset.chartDays);
  });
  draw(1);
}());
