// Date boxes are typed dd/mm/yyyy whatever the browser's language: typing 01062026 shows 01/06/2026.
// Only helps the eye (1/6/2026 is left as typed); the server parses and explains a bad date.
(function () {
  if (window.doanketDateInput) return;
  window.doanketDateInput = true;
  document.addEventListener("input", function (e) {
    var el = e.target;
    if (!el.classList || !el.classList.contains("date-input")) return;
    if (e.inputType && e.inputType.indexOf("delete") === 0) return;  // let backspace remove a slash
    var value = el.value;
    if (!/^\d{2}\/?\d{0,2}\/?\d{0,4}$/.test(value)) return;
    var digits = value.replace(/\//g, "");
    if (digits.length < 3) return;
    var formatted = digits.slice(0, 2) + "/" + digits.slice(2, 4) + (digits.length > 4 ? "/" + digits.slice(4, 8) : "");
    if (formatted !== value) el.value = formatted;
  });
})();
