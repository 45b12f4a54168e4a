// Fast entry of paper ballots: 1/0 answer a question and move on, Enter saves the ballot (no page reload).
(function () {
  var form = document.getElementById("ballot"), select = document.getElementById("household");
  var rows = Array.prototype.slice.call(form.querySelectorAll(".q-row"));
  var flash = document.getElementById("flash"), comment = document.getElementById("comment");
  var batch = 0, busy = false;
  function say(text, ok) { flash.textContent = text; flash.className = ok ? "ok" : "bad"; }
  function mark(row) { rows.forEach(function (r) { r.classList.toggle("current", r === row); }); }
  function focusRow(row) {
    if (!row) { comment.focus(); mark(null); return; }
    var input = row.querySelector("input:checked") || row.querySelector("input");
    input.focus(); mark(row);
  }
  form.addEventListener("focusin", function (e) { mark(e.target.closest(".q-row")); });
  form.addEventListener("keydown", function (e) {
    if (e.key === "Enter") { e.preventDefault(); submit(); return; }
    if ((e.key === "1" || e.key === "0") && e.target !== comment && !e.ctrlKey && !e.altKey && !e.metaKey) {
      e.preventDefault();
      var row = e.target.closest(".q-row") || rows[0];
      row.querySelector("input[value='" + e.key + "']").checked = true;
      focusRow(rows[rows.indexOf(row) + 1]);
    }
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); submit(); });
  function submit() {
    if (busy) return;
    if (!select.value) { say("Không còn hộ nào chưa trả lời ở khu dân cư này.", false); return; }
    var missing = rows.filter(function (r) { return !r.querySelector("input:checked"); });
    if (missing.length) {
      say("Chưa trả lời câu " + missing.map(function (r) { return rows.indexOf(r) + 1; }).join(", ") + ".", false);
      focusRow(missing[0]); return;
    }
    busy = true;
    var data = new FormData(form);
    fetch(window.location.href, { method: "POST", body: data, headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (res) {
        busy = false;
        if (!res.ok) { say(res.error, false); return; }
        rows.forEach(function (r) {
          var v = r.querySelector("input:checked").value, cell = document.querySelector("[data-total='" + r.dataset.q + "'] ." + (v === "1" ? "yes" : "no"));
          cell.textContent = String(parseInt(cell.textContent, 10) + 1);
          r.querySelectorAll("input").forEach(function (i) { i.checked = false; });
        });
        batch += 1;
        document.getElementById("batch-count").textContent = batch;
        document.getElementById("area-answered").textContent = res.answered;
        var option = select.options[select.selectedIndex], next = option.nextElementSibling || option.previousElementSibling;
        option.remove();
        if (next) { next.selected = true; } else { document.getElementById("none-left").hidden = false; }
        comment.value = "";
        say("Đã lưu phiếu của " + res.saved + ".", true);
        focusRow(rows[0]);
      })
      .catch(function () { busy = false; say("Không gửi được phiếu: kiểm tra kết nối rồi nhấn Enter lại.", false); });
  }
  focusRow(rows[0]);
})();
