/* The exam page: each answer is sent as it is given (so an interrupted exam resumes as left), and the clock counts
 * down the server's remaining time; at zero the paper is submitted. The server refuses answers after its own
 * deadline (exam_time_over), whatever this clock shows. */
(function () {
  "use strict";
  var form = document.getElementById("exam-form");
  var timer = document.getElementById("exam-timer");
  if (!form || !timer) return;
  var error = document.getElementById("exam-error");
  var clock = document.getElementById("exam-clock");
  var token = form.querySelector("[name=csrfmiddlewaretoken]").value;
  var ends = Date.now() + parseInt(timer.getAttribute("data-seconds-left"), 10) * 1000;

  function show(message) {
    error.textContent = message;
    error.classList.remove("d-none");
  }

  function valueOf(fieldset) {
    var picked = fieldset.querySelectorAll("input:checked");
    return Array.prototype.map.call(picked, function (input) { return input.value; }).join("");
  }

  form.addEventListener("change", function (event) {
    var fieldset = event.target.closest("[data-question]");
    if (!fieldset) return;
    var answer = valueOf(fieldset);
    if (!answer) return;
    fetch(form.getAttribute("data-answer-url"), {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": token},
      body: JSON.stringify({question: fieldset.getAttribute("data-question"), answer: answer})
    }).then(function (response) {
      if (response.ok) { error.classList.add("d-none"); return null; }
      return response.json().then(function (body) { show(body.message || body.code); });
    }).catch(function () { show(form.getAttribute("data-offline") || "网络中断，答案未保存，请稍后重试"); });
  });

  function tick() {
    var left = Math.max(0, Math.round((ends - Date.now()) / 1000));
    var minutes = Math.floor(left / 60), seconds = left % 60;
    clock.textContent = minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
    if (left === 0) { form.submit(); return; }
    window.setTimeout(tick, 1000);
  }
  tick();
})();
