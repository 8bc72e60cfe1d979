/* Plays every <video data-hls-src> on the page: hls.js (vendored, MSE) where the browser has Media Source
   Extensions, the browser's own HLS otherwise (Safari). A VOD test stream loops. Texts come from the element's
   data- attributes (translated by the template). */
(function () {
  "use strict";

  function say(video, text) {
    var note = video.parentElement.querySelector(".yj-video-note");
    if (note) { note.textContent = text || ""; }
  }

  function start(video) {
    var src = video.dataset.hlsSrc;
    video.muted = true;
    video.playsInline = true;
    video.addEventListener("ended", function () { video.currentTime = 0; video.play().catch(function () {}); });
    video.addEventListener("playing", function () { say(video, ""); video.dataset.state = "playing"; });
    if (window.Hls && window.Hls.isSupported()) {
      var hls = new window.Hls({ enableWorker: false, lowLatencyMode: false });
      hls.on(window.Hls.Events.ERROR, function (event, data) {
        if (data.fatal) { say(video, video.dataset.failText); video.dataset.state = "failed"; hls.destroy(); }
      });
      hls.loadSource(src);
      hls.attachMedia(video);
      hls.on(window.Hls.Events.MANIFEST_PARSED, function () { video.play().catch(function () {}); });
    } else if (video.canPlayType("application/vnd.apple.mpegurl")) {
      video.src = src;
      video.addEventListener("loadedmetadata", function () { video.play().catch(function () {}); });
    } else {
      say(video, video.dataset.unsupportedText);
      video.dataset.state = "unsupported";
    }
  }

  document.querySelectorAll("video[data-hls-src]").forEach(start);
})();
