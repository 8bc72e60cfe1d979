/* Small page behaviours declared with data- attributes, so that templates need no inline event handlers
 * (the Content-Security-Policy allows no onclick= and no inline script without the page's nonce).
 *
 *   <select data-autosubmit>              submits its form when changed
 *   <form data-confirm="确定…？">          asks before submitting
 *   <button data-confirm="确定…？">        asks before submitting its form with that button
 *   <button data-print>                   prints the page
 *   <button data-busy-text="正在导入…">     disables itself and shows the text while its form is sent
 *   <a data-corrects="12" data-corrects-label="更正 #12：">   marks the timeline form as a correction of entry 12
 *   <span class="yj-countdown" data-due="ISO time">   shows the time left (or overdue) as its tooltip
 *
 * YJTime.text(isoOrDate, "minute"|"short"|"second"|"time"|"day") writes a time in the district's zone
 * (<html data-time-zone>, settings.TIME_ZONE), whatever the browser's zone, in core.timefmt's formats.
 *
 * Listeners sit on the document, so content swapped in later (htmx) behaves the same.
 */
(function () {
  "use strict";
  // The print page of a roster has no translation catalogue: the texts then stay as written.
  var gettext = window.gettext || function (text) { return text; };
  var interpolate = window.interpolate || function (text, values) { return text.replace("%s", values[0]); };

  document.addEventListener("change", function (event) {
    var select = event.target.closest && event.target.closest("[data-autosubmit]");
    if (select && select.form) select.form.submit();
  });

  // In the capture phase, before the form's own listeners: an offline-safe form (offline-forms.js) queues and sends
  // itself from its listener, so a confirmation asked later, as the event bubbled up, came after it was sent.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter, asks = (button && button.dataset && button.dataset.confirm) ||
      (form.dataset && form.dataset.confirm);
    if (asks && !window.confirm(asks)) {
      event.preventDefault();
      event.stopPropagation(); // the form's own listeners never hear of it
    }
  }, true);

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!target.closest) return;
    var print = target.closest("[data-print]");
    if (print) { window.print(); return; }
    var busy = target.closest("[data-busy-text]");
    if (busy && busy.form && busy.form.checkValidity()) {
      event.preventDefault();
      busy.disabled = true;
      busy.textContent = busy.dataset.busyText;
      busy.form.submit();
      return;
    }
    var correct = target.closest("[data-corrects]");
    if (correct) {
      document.getElementById("timeline-corrects").value = correct.dataset.corrects;
      document.getElementById("timeline-body").placeholder = correct.dataset.correctsLabel;
    }
  });

  function countdowns() {
    document.querySelectorAll(".yj-countdown[data-due]").forEach(function (el) {
      var ms = new Date(el.dataset.due) - new Date();
      var minutes = Math.round(Math.abs(ms) / 60000), hours = Math.floor(minutes / 60);
      var text = (hours ? interpolate(gettext("%s小时"), [hours]) : "") + interpolate(gettext("%s分"), [minutes % 60]);
      el.title = interpolate(ms >= 0 ? gettext("剩余 %s") : gettext("已超 %s"), [text]);
    });
  }
  countdowns();
  setInterval(countdowns, 30000);

  var zone = document.documentElement.dataset.timeZone || "Asia/Shanghai";
  var FORMATS = { minute: "Y-m-d H:i", short: "m-d H:i", second: "Y-m-d H:i:s", time: "H:i", day: "Y-m-d" };
  var parts = new Intl.DateTimeFormat("en-GB", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit",
                                                 hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
  window.YJTime = {
    zone: zone,
    text: function (value, format) {
      var date = value instanceof Date ? value : new Date(value);
      if (value === null || value === undefined || value === "" || isNaN(date)) return "—";
      var f = {};
      parts.formatToParts(date).forEach(function (p) { f[p.type] = p.value; });
      var letters = { Y: f.year, m: f.month, d: f.day, H: f.hour, i: f.minute, s: f.second };
      return (FORMATS[format || "minute"] || format).replace(/[YmdHis]/g, function (c) { return letters[c]; });
    }
  };
})();
