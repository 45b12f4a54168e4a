// Behaviour that templates declare with data- attributes, so no page needs an inline script
// (the Content Security Policy allows scripts from our own static files only).
//   <form data-confirm="…">, <button data-confirm="…">   ask before submitting
//   <select data-autosubmit>                            submit its form when the choice changes
//   <button data-print>                                 print the page
//   <button data-toggle="ID">                           open/close the element ID (the menu on phones)
//   a form's sticky save bar (.big-form .actions, .sticky-actions) never covers the box being typed in
//   <input type=file>: a Vietnamese "Chọn ảnh/Chọn tệp" button and file name instead of the browser's own
//   ("Choose File", "No file chosen" on a phone set to English)
(function () {
  "use strict";
  // the sign-in page: nobody is signed in on this browser, so no kept page of the phone app may stay
  if (window.caches && document.querySelector("form input[name=username]") && /\/dang-nhap\/$/.test(location.pathname)) {
    caches.delete("doanket-pages");
  }
  document.addEventListener("submit", function (e) {
    var form = e.target;
    // signing out: forget the pages the phone app kept for offline use (they show this person's data)
    if (form.action && /\/dang-xuat\/$/.test(form.action) && window.caches) caches.delete("doanket-pages");
    if (form.matches && form.matches("form[data-confirm]") && !window.confirm(form.dataset.confirm)) {
      e.preventDefault();
    }
  }, true);
  document.addEventListener("click", function (e) {
    var el = e.target.closest ? e.target.closest("[data-confirm]:not(form), [data-print], [data-toggle]") : null;
    if (!el) return;
    if (el.hasAttribute("data-confirm") && !window.confirm(el.dataset.confirm)) { e.preventDefault(); return; }
    if (el.hasAttribute("data-print")) { e.preventDefault(); window.print(); return; }
    if (el.hasAttribute("data-toggle")) {
      var target = document.getElementById(el.dataset.toggle);
      if (target) {
        target.classList.toggle("open");
        el.setAttribute("aria-expanded", target.classList.contains("open"));
      }
    }
  });
  document.addEventListener("change", function (e) {
    if (e.target.matches && e.target.matches("select[data-autosubmit]") && e.target.form) e.target.form.submit();
  });
  // A table wider (or longer) than its frame scrolls: make the frame reachable with the keyboard (axe:
  // scrollable-region-focusable), named after the table's caption or the heading before it.
  function scrollables() {
    document.querySelectorAll(".table-wrap, .map-table").forEach(function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth || wrap.scrollHeight > wrap.clientHeight;
      if (!scrolls || wrap.hasAttribute("tabindex")) return;
      wrap.tabIndex = 0;
      wrap.setAttribute("role", "region");
      var caption = wrap.querySelector("caption");
      var heading = caption ? null : wrap.previousElementSibling;
      var name = caption ? caption.textContent : heading && /^H[1-6]$/.test(heading.tagName) ? heading.textContent : "";
      wrap.setAttribute("aria-label", (name.trim() || "Bảng") + " (vuốt để xem hết)");
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scrollables);
  else scrollables();
  document.addEventListener("htmx:afterSettle", scrollables);
  // On a phone the keyboard takes half the screen and the sticky "Lưu" bar sits on what is left: when a box
  // gets the focus under the bar, scroll it up to just above the bar (and below the sticky top bar).
  function keepAboveSaveBar(field) {
    var form = field.form || (field.closest && field.closest("form"));
    if (!form) return;
    var bar = form.querySelector(".sticky-actions, .big-form .actions, .actions.sticky");
    if (!form.classList.contains("big-form") && !bar) return;
    bar = bar || form.querySelector(".actions");
    if (!bar || bar.contains(field)) return;
    var viewport = window.visualViewport ? window.visualViewport.height : window.innerHeight;
    var barTop = Math.min(bar.getBoundingClientRect().top, viewport - bar.offsetHeight);
    var box = field.getBoundingClientRect();
    var topbar = document.querySelector(".topbar");
    var top = topbar ? topbar.getBoundingClientRect().bottom : 0;
    if (box.bottom > barTop - 8) {
      window.scrollBy(0, Math.min(box.bottom - barTop + 16, box.top - top - 8));
    } else if (box.top < top + 4) {
      window.scrollBy(0, box.top - top - 12);
    }
  }
  function vietnameseFilePickers(root) {
    var inputs = (root || document).querySelectorAll ? (root || document).querySelectorAll("input[type=file]") : [];
    Array.prototype.forEach.call(inputs, function (input) {
      if (input.dataset.picker) return;
      input.dataset.picker = "1";
      var image = (input.getAttribute("accept") || "").indexOf("image") === 0;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "secondary file-pick";
      button.textContent = image ? "Chọn ảnh" : "Chọn tệp";
      var name = document.createElement("span");
      name.className = "small muted file-name";
      name.setAttribute("aria-live", "polite");
      var empty = image ? "Chưa chọn ảnh" : "Chưa chọn tệp";
      name.textContent = empty;
      input.classList.add("file-native");
      input.insertAdjacentElement("afterend", name);
      input.insertAdjacentElement("afterend", button);
      button.addEventListener("click", function () { input.click(); });
      input.addEventListener("change", function () {
        var files = Array.prototype.map.call(input.files || [], function (f) { return f.name; });
        name.textContent = files.length ? files.join(", ") : empty;
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { vietnameseFilePickers(document); });
  } else {
    vietnameseFilePickers(document);
  }
  document.addEventListener("htmx:afterSwap", function (e) { vietnameseFilePickers(e.target); });
  document.addEventListener("focusin", function (e) {
    var el = e.target;
    if (!el.matches || !el.matches("input, select, textarea")) return;
    keepAboveSaveBar(el);
    // the keyboard opens a moment after the focus: check again once the viewport has shrunk
    window.setTimeout(function () { if (document.activeElement === el) keepAboveSaveBar(el); }, 350);
  });
})();
