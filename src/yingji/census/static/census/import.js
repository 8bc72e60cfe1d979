/* The spatial import page: ask before 导入, then show the progress bar and keep the buttons from a second click.
   Without this script the form still posts (the pressed button names the action). */
(function () {
  "use strict";
  var form = document.getElementById("spatial-map-form");
  if (!form) return;
  form.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (!button || !button.dataset.working) return;
    if (button.dataset.ask && !window.confirm(button.dataset.ask)) { event.preventDefault(); return; }
    document.getElementById("import-action").value = button.value;
    document.getElementById("import-progress").classList.remove("d-none");
    form.querySelectorAll("button[type=submit]").forEach(function (b) {
      b.removeAttribute("name");
      b.disabled = true;
    });
    button.textContent = button.dataset.working;
  });
})();
