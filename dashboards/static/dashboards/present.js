// Presentation mode: one panel per slide; keys (→ ← Space PageUp PageDown Home End), P plays on a timer, F goes
// full screen. No inline script: this file is served by doanket itself.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var slides = Array.prototype.slice.call(document.querySelectorAll(".slides > .slide"));
    var count = document.querySelector(".present-count");
    var play = document.querySelector("[data-go=play]");
    var seconds = parseInt(document.body.getAttribute("data-interval"), 10) || 20;
    var index = 0, timer = null;
    if (!slides.length) return;

    function show(i) {
      index = (i + slides.length) % slides.length;
      slides.forEach(function (s, n) { s.hidden = n !== index; });
      if (count) count.textContent = (index + 1) + "/" + slides.length;
      if (history.replaceState) history.replaceState(null, "", "#" + (index + 1));
    }
    function toggle() {
      if (timer) { clearInterval(timer); timer = null; }
      else { timer = setInterval(function () { show(index + 1); }, seconds * 1000); }
      if (play) play.setAttribute("aria-pressed", timer ? "true" : "false");
    }
    function full() {
      if (document.fullscreenElement) document.exitFullscreen();
      else if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen();
    }
    document.addEventListener("keydown", function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      var k = e.key;
      if (k === "ArrowRight" || k === " " || k === "PageDown") { show(index + 1); e.preventDefault(); }
      else if (k === "ArrowLeft" || k === "PageUp") { show(index - 1); e.preventDefault(); }
      else if (k === "Home") show(0);
      else if (k === "End") show(slides.length - 1);
      else if (k === "p" || k === "P") toggle();
      else if (k === "f" || k === "F") full();
    });
    document.querySelectorAll("[data-go]").forEach(function (b) {
      b.addEventListener("click", function () {
        var go = b.getAttribute("data-go");
        if (go === "next") show(index + 1);
        else if (go === "prev") show(index - 1);
        else if (go === "play") toggle();
        else if (go === "full") full();
      });
    });
    var start = parseInt((location.hash || "#1").slice(1), 10);
    show(isNaN(start) ? 0 : start - 1);
  });
})();
