// Keep what is typed on this device until the server has it: a lost connection or a closed tab loses nothing.
(function () {
  var form = document.getElementById("report-form");
  if (!form) return;
  var key = form.dataset.key;
  var status = function () { return document.getElementById("autosave-status"); };
  function fields() { return form.querySelectorAll("textarea, input[type=text], select"); }
  function collect() {
    var data = {};
    fields().forEach(function (el) { data[el.name] = el.value; });
    return data;
  }
  function store() {
    try {
      localStorage.setItem(key, JSON.stringify({version: form.querySelector("#version").value, at: Date.now(), data: collect()}));
    } catch (e) { /* storage full or disabled: the server autosave still runs */ }
  }
  // Restore a copy typed on this device against the same saved version (the save did not reach the server).
  try {
    var saved = JSON.parse(localStorage.getItem(key) || "null");
    var version = form.querySelector("#version").value;
    if (saved && saved.version === version) {
      var changed = false;
      fields().forEach(function (el) {
        if (el.name in saved.data && saved.data[el.name] !== el.value) { el.value = saved.data[el.name]; changed = true; }
      });
      if (changed) {
        var s = status();
        if (s) s.textContent = "Đã khôi phục nội dung bạn nhập trên máy này nhưng chưa kịp lưu; bấm Lưu nháp để lưu.";
      }
    } else if (saved) {
      localStorage.removeItem(key);
    }
  } catch (e) { localStorage.removeItem(key); }
  form.addEventListener("input", store);
  form.addEventListener("submit", store);
  document.body.addEventListener("htmx:afterSwap", function () {
    var s = status();
    if (s && s.dataset.saved) store();  // the copy now matches the saved version
    if (s && s.dataset.conflict) stopped = true;
  });
  // After a conflict no more autosaves: the person must look at the other version first.
  var stopped = false;
  document.body.addEventListener("htmx:beforeRequest", function (e) { if (stopped && e.detail.elt === form) e.preventDefault(); });
  document.body.addEventListener("htmx:sendError", function () {
    var s = status();
    if (s) s.textContent = "Mất kết nối: nội dung vẫn được giữ trên máy này, sẽ lưu khi có mạng.";
  });
})();
