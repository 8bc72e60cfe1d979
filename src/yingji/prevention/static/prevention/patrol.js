/* The mobile patrol page (prevention/patrol_page.html): the hazard's fields show only when 发现隐患 is chosen,
 * and 获取当前位置 fills longitude and latitude from the device (they stay editable: the manual fallback).
 * Sending, and keeping the report while offline, is web/offline-forms.js's work (the form is data-offline-safe).
 * Texts come from the button's translated data- attributes. */
(function () {
  "use strict";
  var form = document.getElementById("patrol-form");
  if (!form) return;
  var hazard = document.getElementById("patrol-hazard");
  var button = document.getElementById("patrol-locate");
  var note = document.getElementById("patrol-locate-note");

  function showHazard() {
    var chosen = form.querySelector("input[name=result]:checked");
    hazard.hidden = !chosen || chosen.value !== hazard.dataset.shownFor;
  }
  form.addEventListener("change", function (event) {
    if (event.target.name === "result") showHazard();
  });
  showHazard();

  if (!navigator.geolocation) { button.hidden = true; return; }
  button.addEventListener("click", function () {
    button.disabled = true;
    note.textContent = button.dataset.asking;
    navigator.geolocation.getCurrentPosition(function (position) {
      form.elements.lon.value = position.coords.longitude.toFixed(6);
      form.elements.lat.value = position.coords.latitude.toFixed(6);
      note.textContent = button.dataset.found;
      button.disabled = false;
    }, function () {
      note.textContent = button.dataset.failed;
      button.disabled = false;
    }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  });
})();
