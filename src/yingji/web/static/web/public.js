/* The public home: "use my position" asks the browser for the visitor's position (only on that click) and
   searches the nearest shelters from it. Texts come from the button's translated data- attributes. */
(function () {
  "use strict";
  var button = document.getElementById("locate-me");
  if (!button) { return; }
  if (!navigator.geolocation) { button.hidden = true; return; }
  var form = document.getElementById("shelter-form");
  var note = document.getElementById("locate-note");
  button.addEventListener("click", function () {
    button.disabled = true;
    note.textContent = button.dataset.asking;
    navigator.geolocation.getCurrentPosition(function (position) {
      form.elements.lon.value = position.coords.longitude.toFixed(6);
      form.elements.lat.value = position.coords.latitude.toFixed(6);
      form.elements.place.value = "";
      form.submit();
    }, function () {
      button.disabled = false;
      note.textContent = button.dataset.failed;
    }, { timeout: 15000, maximumAge: 300000 });
  });
})();
