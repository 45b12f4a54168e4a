// Forms that explain themselves (declared with data- attributes; no inline script, CSP):
//   <input data-filter="#ID">        filters the [data-filter-item]s inside #ID as you type (with or without
//                                    diacritics), opens the [data-filter-group] <details> that match, hides the
//                                    others, shows [data-filter-empty] when nothing matches
//   <form data-allocation data-total="N"> with inputs [data-share]: shows total − allocated live in
//                                    [data-remainder] (and marks it when it is not zero)
(function () {
  "use strict";
  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "d")
      .toLowerCase().replace(/\s+/g, " ").trim();
  }
  function filter(box) {
    var root = document.querySelector(box.dataset.filter);
    if (!root) return;
    var words = fold(box.value).split(" ").filter(Boolean), any = false;
    root.querySelectorAll("[data-filter-item]").forEach(function (item) {
      var text = fold(item.textContent);
      var show = words.every(function (w) { return text.indexOf(w) >= 0; });
      item.hidden = !show;
      any = any || show;
    });
    root.querySelectorAll("[data-filter-group]").forEach(function (group) {
      var shown = group.querySelector("[data-filter-item]:not([hidden])");
      group.hidden = !shown;
      if (words.length && shown) group.open = true;
    });
    var empty = root.querySelector("[data-filter-empty]");
    if (empty) empty.hidden = any;
  }
  function number(text) {
    var digits = (text || "").replace(/[.\s]/g, "").replace(",", ".");
    var n = parseFloat(digits);
    return isNaN(n) ? 0 : n;
  }
  function remainder(form) {
    var total = parseFloat(form.dataset.total || "0") || 0, sum = 0;
    form.querySelectorAll("[data-share]").forEach(function (input) { sum += number(input.value); });
    var left = Math.round((total - sum) * 100) / 100;
    form.querySelectorAll("[data-remainder]").forEach(function (out) {
      out.textContent = left.toLocaleString("vi-VN");
      out.classList.toggle("bad", left !== 0);
    });
    form.querySelectorAll("[data-allocated]").forEach(function (out) {
      out.textContent = (Math.round(sum * 100) / 100).toLocaleString("vi-VN");
    });
  }
  document.addEventListener("input", function (e) {
    var el = e.target;
    if (el.matches && el.matches("input[data-filter]")) filter(el);
    if (el.matches && el.matches("[data-share]") && el.form && el.form.hasAttribute("data-allocation")) {
      remainder(el.form);
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-allocation]").forEach(remainder);
  });
})();
