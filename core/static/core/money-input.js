// Money boxes show thousands separators as you type (15000000 -> 15.000.000). The server still parses and
// checks what arrives: this only helps the eye, and leaves anything that is not digits for the server to refuse.
(function () {
  if (window.doanketMoneyInput) return;
  window.doanketMoneyInput = true;
  function group(digits) { return digits.replace(/\B(?=(\d{3})+(?!\d))/g, "."); }
  document.addEventListener("input", function (e) {
    var el = e.target;
    if (!el.classList || !el.classList.contains("money-input")) return;
    var value = el.value;
    if (!/^[\d. ]*$/.test(value)) return;  // "15tr", "15,5": the server explains what is wrong
    var caret = el.selectionStart == null ? value.length : el.selectionStart;
    var digitsBefore = value.slice(0, caret).replace(/\D/g, "").length;
    var formatted = group(value.replace(/\D/g, "").replace(/^0+(?=\d)/, ""));
    if (formatted === value) return;
    el.value = formatted;
    var pos = 0, seen = 0;
    while (pos < formatted.length && seen < digitsBefore) { if (/\d/.test(formatted[pos])) seen++; pos++; }
    try { el.setSelectionRange(pos, pos); } catch (err) { /* some input types have no caret */ }
  });
})();
