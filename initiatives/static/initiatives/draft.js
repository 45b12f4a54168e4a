// Keeps what is typed in a form marked data-draft in localStorage, so that a lost connection, a reload or
// a phone call in the middle of a save loses nothing. The draft is cleared when the server accepts the form
// (the next page no longer shows the same form with no errors).
(function () {
  document.querySelectorAll("form[data-draft]").forEach(function (form) {
    var key = "doanket-draft:" + form.dataset.draft;
    var fields = form.querySelectorAll("input:not([type=file]):not([type=hidden]):not([type=submit]), select, textarea");
    var hasErrors = !!form.querySelector(".errorlist, .errors");
    function save() {
      var data = {};
      fields.forEach(function (el) {
        if (!el.name) return;
        if (el.type === "checkbox" || el.type === "radio") {
          data[el.name + "=" + el.value] = el.checked;
        } else {
          data[el.name] = el.value;
        }
      });
      try { localStorage.setItem(key, JSON.stringify(data)); } catch (e) { /* storage full or disabled */ }
    }
    var saved = null;
    try { saved = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { saved = null; }
    if (saved && !hasErrors) {
      var restored = false;
      fields.forEach(function (el) {
        if (!el.name) return;
        if (el.type === "checkbox" || el.type === "radio") {
          var k = el.name + "=" + el.value;
          if (k in saved && el.checked !== saved[k]) { el.checked = saved[k]; restored = true; }
        } else if (el.name in saved && saved[el.name] !== el.value && saved[el.name] !== "") {
          el.value = saved[el.name]; restored = true;
        }
      });
      var note = form.querySelector(".draft-note");
      if (restored && note) note.hidden = false;
    }
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    form.addEventListener("submit", function () {
      save();
      sessionStorage.setItem("doanket-draft-submitted", key);
    });
  });
  // A page reached after a successful submit (a success message is shown): forget the submitted draft.
  var submitted = sessionStorage.getItem("doanket-draft-submitted");
  if (submitted && document.querySelector(".messages .msg-success")) {
    localStorage.removeItem(submitted);
    sessionStorage.removeItem("doanket-draft-submitted");
  }
})();
