/* The indicator page's charts: one Plotly bar chart per table, each bar the indicator's attainment of its
 * target in % (value ÷ target; target ÷ value for an upper limit; the achieved decrease ÷ the required one),
 * coloured by status. An indicator without data shows an empty grey bar labelled 无数据. */
(function () {
  "use strict";
  var gettext = window.gettext || function (text) { return text; };
  var holder = document.getElementById("indicator-data");
  if (!holder || !window.Plotly) return;
  var COLOURS = {met: "#198754", not_met: "#dc3545", no_data: "#adb5bd"};

  function attainment(row) {
    var check = row.target_check, value = row.value;
    if (value === null) return 0;
    if (check.op === "decrease") {
      if (row.baseline === null || row.baseline === 0) return 0;
      return 100 * ((row.baseline - value) / row.baseline * 100) / check.value;
    }
    if (check.op === "<" || check.op === "<=") return value === 0 ? 100 : 100 * check.value / value;
    return check.value === 0 ? 100 : 100 * value / check.value;
  }

  function draw(box, rows) {
    var data = [{type: "bar", x: rows.map(function (r) { return r.code; }),
                 y: rows.map(function (r) { return Math.max(0, Math.min(150, attainment(r))); }),
                 text: rows.map(function (r) { return r.status_label; }), textposition: "outside",
                 hovertext: rows.map(function (r) { return r.name + "：" + (r.value === null ? r.note : r.value + " " + r.unit); }),
                 marker: {color: rows.map(function (r) { return COLOURS[r.status]; })}}];
    var layout = {margin: {t: 10, r: 10, b: 30, l: 50}, yaxis: {title: {text: gettext("目标达成度（%）")}, range: [0, 160]},
                  xaxis: {type: "category"},
                  shapes: [{type: "line", xref: "paper", x0: 0, x1: 1, y0: 100, y1: 100, line: {dash: "dash", color: "#6c757d"}}]};
    window.Plotly.react(box, data, layout, {responsive: true, displaylogo: false});
  }

  fetch(holder.dataset.url, {credentials: "same-origin", headers: {Accept: "application/json"}})
    .then(function (response) { return response.json(); })
    .then(function (rows) {
      document.querySelectorAll(".yj-indicator-chart").forEach(function (box) {
        draw(box, rows.filter(function (r) { return r.table === box.dataset.table; }));
      });
    });
})();
