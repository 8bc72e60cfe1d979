// The duty desk's live alarms: monitoring alarms arrive on the SSE stream (/events/stream/, scoped to the user's
// jurisdiction) and show as a banner in the alarm's colour with a link to the alarm; a red one beeps (Web Audio, a
// short generated tone: no sound file). A confirm / false-alarm step on the same alarm marks its line as handled.
(function () {
  "use strict";
  var banner = document.getElementById("live-alarms");
  if (!banner || !window.EventSource) { return; }
  var COLOURS = { blue: "#1f6feb", yellow: "#e3b341", orange: "#f0883e", red: "#d1242f" };
  var list = banner.querySelector("ul");

  function beep() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) { return; }
    try {
      var audio = new Context();
      var tone = audio.createOscillator();
      var gain = audio.createGain();
      tone.type = "square";
      tone.frequency.value = 880;
      gain.gain.value = 0.2;
      tone.connect(gain);
      gain.connect(audio.destination);
      tone.start();
      tone.stop(audio.currentTime + 0.6);
      banner.dataset.sound = "played";
    } catch (error) {
      banner.dataset.sound = "blocked";
    }
  }

  function show(kind, payload) {
    var item = list.querySelector('[data-alarm="' + payload.uuid + '"]') || document.createElement("li");
    item.dataset.alarm = payload.uuid;
    item.dataset.level = payload.level;
    item.className = "list-group-item d-flex justify-content-between align-items-center live-alarm";
    item.style.borderLeft = "6px solid " + (COLOURS[payload.level] || "#6e7781");
    item.textContent = "";
    var link = document.createElement("a");
    link.href = payload.url || "#";
    link.textContent = payload.title + "（" + payload.value + " " + payload.unit + "）";
    var state = document.createElement("span");
    state.className = "badge text-bg-danger live-alarm-state";
    state.textContent = kind === "monitoring.alarm.escalated" ? banner.dataset.escalated : banner.dataset.raised;
    item.appendChild(link);
    item.appendChild(state);
    list.insertBefore(item, list.firstChild);
    banner.hidden = false;
    if (payload.level === "red") { beep(); }
  }

  function handled(payload, label) {
    var item = list.querySelector('[data-alarm="' + payload.uuid + '"]');
    if (!item) { return; }
    var state = item.querySelector(".live-alarm-state");
    state.className = "badge text-bg-secondary live-alarm-state";
    state.textContent = label;
  }

  var source = new EventSource(banner.dataset.streamUrl);
  source.onmessage = function (event) {
    var data = JSON.parse(event.data);
    if (data.kind === "monitoring.alarm.raised" || data.kind === "monitoring.alarm.escalated") {
      show(data.kind, data.payload);
    } else if (data.kind === "monitoring.alarm.confirm" || data.kind === "monitoring.alarm.false") {
      handled(data.payload, banner.dataset.handled);
    }
  };
})();
