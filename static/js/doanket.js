// Behaviour that templates declare with data- attributes, so no page needs an inline script
// (the Content Security Policy allows scripts from our own static files only).
//   <form data-confirm="…">, <button data-confirm="…">   ask before submitting
//   <select data-autosubmit>                            submit its form when the choice changes
//   <button data-print>                                 print the page
//   <button data-toggle="ID">                           open/close the element ID (the menu on phones)
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
})();
