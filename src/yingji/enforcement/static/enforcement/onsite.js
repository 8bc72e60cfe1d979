/* The on-site inspection page (enforcement/onsite.html): 获取当前位置 fills longitude and latitude from the device
 * (they stay editable), and the canvases take the handwritten signatures of the party (or, when it refuses, a
 * witness) and of each inspector. Each signature is copied
 * into its hidden field (`signature`, `signature_lead`, `signature_second`) as a PNG data URL after every stroke, so the form is complete whenever it is
 * submitted; sending, and keeping the record while offline, is web/offline-forms.js's work (the form is
 * data-offline-safe and carries a submission key). Texts come from the buttons' translated data- attributes;
 * the confirmation before sending is the shared data-confirm (web/behaviours.js, asked before offline-forms.js). */
(function () {
  "use strict";
  var form = document.getElementById("onsite-form");
  if (!form) return;

  // --- position -----------------------------------------------------------------------------------------------
  var locate = document.getElementById("onsite-locate");
  var note = document.getElementById("onsite-locate-note");
  if (!navigator.geolocation) locate.hidden = true;
  else locate.addEventListener("click", function () {
    locate.disabled = true;
    note.textContent = locate.dataset.asking;
    navigator.geolocation.getCurrentPosition(function (position) {
      form.elements.lon.value = position.coords.longitude.toFixed(6);
      form.elements.lat.value = position.coords.latitude.toFixed(6);
      note.textContent = locate.dataset.found;
      locate.disabled = false;
    }, function () {
      note.textContent = locate.dataset.failed;
      locate.disabled = false;
    }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  });

  // --- signatures: one canvas per signer (the party or its witness, and each inspector) -----------------------
  function pad(canvas) {
    var field = document.getElementById(canvas.dataset.field);
    var pen = canvas.getContext("2d");
    var drawing = false, last = null;
    pen.lineWidth = 2.5;
    pen.lineCap = pen.lineJoin = "round";
    pen.strokeStyle = "#000";
    if (field.value.indexOf("data:image/png;base64,") === 0) { // the form came back with an error: keep what was drawn
      var kept = new Image();
      kept.onload = function () { pen.drawImage(kept, 0, 0); };
      kept.src = field.value;
    }
    function point(event) {
      var box = canvas.getBoundingClientRect();
      return { x: (event.clientX - box.left) * canvas.width / box.width,
               y: (event.clientY - box.top) * canvas.height / box.height };
    }
    canvas.addEventListener("pointerdown", function (event) {
      drawing = true;
      last = point(event);
      canvas.setPointerCapture(event.pointerId);
      event.preventDefault();
    });
    canvas.addEventListener("pointermove", function (event) {
      if (!drawing) return;
      var next = point(event);
      pen.beginPath();
      pen.moveTo(last.x, last.y);
      pen.lineTo(next.x, next.y);
      pen.stroke();
      last = next;
      event.preventDefault();
    });
    function end() {
      if (!drawing) return;
      drawing = false;
      field.value = canvas.toDataURL("image/png");
    }
    canvas.addEventListener("pointerup", end);
    canvas.addEventListener("pointercancel", end);
    canvas.clear = function () {
      pen.clearRect(0, 0, canvas.width, canvas.height);
      field.value = "";
    };
  }
  document.querySelectorAll("canvas.onsite-pad").forEach(pad);
  document.querySelectorAll("button.onsite-clear").forEach(function (button) {
    button.addEventListener("click", function () { document.getElementById(button.dataset.pad).clear(); });
  });

  // --- 当事人拒绝签字: the note and the witness; the canvas is then the witness's --------------------------------
  var refused = document.getElementById("f-refused");
  var refusal = document.getElementById("onsite-refusal");
  var label = document.getElementById("onsite-signature-label");
  refused.addEventListener("change", function () {
    refusal.hidden = !refused.checked;
    label.textContent = refused.checked ? label.dataset.witness : label.dataset.party;
  });
})();
