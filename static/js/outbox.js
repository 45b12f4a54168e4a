// The phone's outbox ("Hộp thư đi") of a residential-area head: record with no signal, send when it returns.
//
// - Registers the service worker (/sw.js, Workbox served by doanket) and keeps the area head's pages listed in
//   data-offline-pages in the cache, so they open with no connection.
// - A form marked data-outbox="label" is not posted by the browser: its fields (photos included) are kept in
//   IndexedDB with a new idempotency key (the form's one-time key `once`, see core/concurrency.py), then sent
//   with the header X-Doanket-Outbox: 1. The server answers in JSON (core/outbox.py): accepted, the same item
//   already accepted (a resend: no second row), or refused with its Vietnamese message.
// - With no signal the item waits ("2 mục chờ gửi") and is sent when the connection returns (the `online`
//   event, opening a page, or "Gửi ngay"). The panel [data-outbox-panel] shows what the server accepted or
//   refused.
(function () {
  "use strict";
  if (!("indexedDB" in window) || !window.fetch) return;
  var DB = "doanket-outbox", STORE = "items", PAGES = "doanket-pages", KEEP_DAYS = 7;
  var STATES = {
    pending: "Chờ gửi", sending: "Đang gửi", login: "Cần đăng nhập lại", accepted: "Máy chủ đã nhận",
    refused: "Máy chủ từ chối"
  };
  var script = document.currentScript;
  var panel = document.querySelector("[data-outbox-panel]");
  var user = panel ? panel.dataset.user || "" : "";
  var flushing = false;

  // --- IndexedDB -------------------------------------------------------------------------------------------
  var dbPromise = null;
  function db() {
    if (!dbPromise) {
      dbPromise = new Promise(function (resolve, reject) {
        var open = indexedDB.open(DB, 1);
        open.onupgradeneeded = function () { open.result.createObjectStore(STORE, {keyPath: "key"}); };
        open.onsuccess = function () { resolve(open.result); };
        open.onerror = function () { reject(open.error); };
      });
    }
    return dbPromise;
  }
  function withStore(mode, fn) {
    return db().then(function (conn) {
      return new Promise(function (resolve, reject) {
        var t = conn.transaction(STORE, mode), request = fn(t.objectStore(STORE));
        t.oncomplete = function () { resolve(request ? request.result : undefined); };
        t.onerror = t.onabort = function () { reject(t.error); };
      });
    });
  }
  function all() {
    return withStore("readonly", function (s) { return s.getAll(); }).then(function (items) {
      return items.filter(function (i) { return i.user === user; })
        .sort(function (a, b) { return a.created - b.created; });
    });
  }
  function put(item) { return withStore("readwrite", function (s) { return s.put(item); }); }
  function remove(key) { return withStore("readwrite", function (s) { return s.delete(key); }); }

  function newKey() {
    if (window.crypto && crypto.randomUUID) return "hop-" + crypto.randomUUID().replace(/-/g, "");
    return "hop-" + Date.now().toString(36) + Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
  }
  function cookie(name) {
    var m = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return m ? decodeURIComponent(m[1]) : "";
  }
  function waiting(items) {
    return items.filter(function (i) { return i.state === "pending" || i.state === "sending" || i.state === "login"; });
  }

  // --- sending ---------------------------------------------------------------------------------------------
  function send(item) {
    var body = new FormData();
    item.fields.forEach(function (pair) {
      if (pair[1] && pair[1].blob) body.append(pair[0], pair[1].blob, pair[1].name);
      else body.append(pair[0], pair[1]);
    });
    body.append("csrfmiddlewaretoken", cookie("csrftoken") || item.csrf || "");
    item.state = "sending";
    item.offline = false;
    return put(item).then(function () {
      return fetch(item.url, {method: "POST", body: body, credentials: "same-origin",
                              headers: {"X-Doanket-Outbox": "1"}});
    }).then(function (resp) {
      var type = resp.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") >= 0) {
        return resp.json().then(function (data) {
          item.state = data.ok ? "accepted" : "refused";
          item.message = data.message || "";
          item.errors = data.errors || {};
          item.url_after = data.url || "";
          item.duplicate = !!data.duplicate;
          return item;
        });
      }
      if (resp.redirected && resp.url.indexOf("/dang-nhap/") >= 0) {
        item.state = "login";
        item.message = "Phiên đăng nhập đã hết: hãy đăng nhập lại, mục này vẫn được giữ để gửi.";
      } else if (resp.status >= 500) {
        item.state = "pending";
        item.message = "Máy chủ chưa nhận được (lỗi " + resp.status + "); sẽ gửi lại.";
      } else if (resp.status === 403) {
        item.state = "refused";
        item.message = "Máy chủ từ chối: bạn không có quyền ghi mục này.";
      } else {
        item.state = "refused";
        item.message = "Máy chủ từ chối mục này (mã " + resp.status + ").";
      }
      return item;
    }, function () {
      item.state = "pending";
      item.message = "Chưa có mạng: sẽ tự gửi khi có mạng.";
      item.offline = true;
      return item;
    }).then(function (done) {
      done.sent_at = Date.now();
      return put(done).then(function () { return done; });
    });
  }

  function flush() {
    if (flushing || navigator.onLine === false) return Promise.resolve();
    flushing = true;
    if (panel) panel.dataset.flushing = "1";
    return all().then(function (items) {
      var queue = waiting(items);
      function next(i) {
        if (i >= queue.length) return null;
        return send(queue[i]).then(function (done) {
          if (done.state === "accepted" && panel) panel.querySelector(".outbox-reload").hidden = false;
          if (done.offline || done.state === "login") return null;  // no signal, or sign in again: stop here
          return next(i + 1);
        });
      }
      return next(0);
    }).then(done, done);
    function done() {
      flushing = false;
      return render().then(function () { if (panel) panel.dataset.flushing = "0"; });
    }
  }

  // --- the panel -------------------------------------------------------------------------------------------
  function render() {
    if (!panel) return Promise.resolve();
    return all().then(function (items) {
      var now = Date.now(), shown = [];
      items.forEach(function (i) {
        if (i.state === "accepted" && now - (i.sent_at || i.created) > KEEP_DAYS * 864e5) remove(i.key);
        else shown.push(i);
      });
      var count = waiting(shown).length;
      var state = panel.querySelector(".outbox-state");
      state.textContent = (count ? count + " mục chờ gửi" : "Không có mục nào chờ gửi") +
        (navigator.onLine === false ? " · Đang mất mạng: mục mới được giữ trên máy và tự gửi khi có mạng." : ".");
      var list = panel.querySelector(".outbox-items");
      list.textContent = "";
      shown.slice().reverse().forEach(function (i) {
        var li = document.createElement("li");
        li.className = "outbox-item state-" + i.state;
        li.dataset.key = i.key;
        var badge = document.createElement("span");
        badge.className = "badge " + (i.state === "accepted" ? "ok" : i.state === "refused" ? "bad" : "");
        badge.textContent = STATES[i.state] || i.state;
        var title = document.createElement("strong");
        title.textContent = i.label;
        li.appendChild(badge);
        li.appendChild(document.createTextNode(" "));
        li.appendChild(title);
        if (i.summary) li.appendChild(document.createTextNode(" · " + i.summary));
        if (i.message) {
          var msg = document.createElement("span");
          msg.className = "outbox-message small";
          msg.textContent = i.message;
          li.appendChild(msg);
        }
        if (i.state === "accepted" || i.state === "refused") {
          var drop = document.createElement("button");
          drop.type = "button";
          drop.className = "linklike small";
          drop.dataset.outboxDrop = i.key;
          drop.textContent = i.state === "refused" ? "Bỏ mục này" : "Ẩn";
          li.appendChild(document.createTextNode(" "));
          li.appendChild(drop);
        }
        list.appendChild(li);
      });
      panel.hidden = !shown.length && navigator.onLine !== false;
      panel.querySelector("[data-outbox-send]").hidden = !count;
      panel.dataset.waiting = String(count);
    });
  }

  // --- forms -----------------------------------------------------------------------------------------------
  function describe(form) {
    var parts = [];
    ["title", "held_on", "updated_on", "started_on", "participants"].forEach(function (name) {
      var el = form.elements[name], value = el && el.value;
      if (!value || (name === "title" && value === form.dataset.outbox)) return;
      var iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);  // a date field: shown dd/mm/yyyy
      if (iso) value = iso[3] + "/" + iso[2] + "/" + iso[1];
      parts.push(name === "participants" ? value + " người" : value);
    });
    return parts.join(" · ");
  }
  function showErrors(form, item) {
    form.querySelectorAll(".outbox-errors").forEach(function (el) { el.remove(); });
    var top = document.createElement("div");
    top.className = "errors outbox-errors";
    top.setAttribute("role", "alert");
    top.textContent = item.message;
    form.insertBefore(top, form.firstChild);
    Object.keys(item.errors || {}).forEach(function (name) {
      var box = form.querySelector(".field-" + name);
      if (!box) return;
      var ul = document.createElement("ul");
      ul.className = "errorlist outbox-errors";
      item.errors[name].forEach(function (text) {
        var li = document.createElement("li");
        li.textContent = text;
        ul.appendChild(li);
      });
      box.appendChild(ul);
    });
  }
  function note(form, text) {
    var p = form.querySelector(".outbox-note");
    if (!p) {
      p = document.createElement("p");
      p.className = "outbox-note msg-info";
      p.setAttribute("role", "status");
      form.insertBefore(p, form.firstChild);
    }
    p.textContent = text;
  }
  function capture(form) {
    var fields = [], token = "";
    new FormData(form).forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken") { token = value; return; }
      if (name === "once") return;
      if (value instanceof File) {
        if (!value.size) return;
        value = {blob: value, name: value.name};
      }
      fields.push([name, value]);
    });
    var key = newKey();
    fields.push(["once", key]);
    return {key: key, url: form.action, label: form.dataset.outbox, summary: describe(form), fields: fields,
            csrf: token, user: user, created: Date.now(), state: "pending", message: ""};
  }
  function forgetDraft(form) {
    if (!form.dataset.draft) return;
    try {
      localStorage.removeItem("doanket-draft:" + form.dataset.draft);
      sessionStorage.removeItem("doanket-draft-submitted");
    } catch (e) { /* storage disabled */ }
  }
  document.querySelectorAll("form[data-outbox]").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      if (e.defaultPrevented) return;  // a confirmation was declined
      e.preventDefault();
      if (form.dataset.busy) return;  // a double tap makes one item
      form.dataset.busy = "1";
      var button = form.querySelector("button[type=submit]");
      if (button) button.disabled = true;
      var item = capture(form);
      put(item).then(function () { return send(item); }).then(function (done) {
        if (done.state === "accepted") {
          forgetDraft(form);
          window.location.href = done.url_after || window.location.href;
          return;
        }
        if (done.state === "refused") {
          remove(done.key);  // the person is here to correct it: nothing is left waiting
          showErrors(form, done);
        } else {
          forgetDraft(form);
          form.reset();
          form.querySelectorAll("input[type=file]").forEach(function (input) {
            input.dispatchEvent(new Event("change"));  // the picker shows "Chưa chọn ảnh" again
          });
          note(form, "Chưa gửi được (" + done.message.replace(/\.$/, "") + "). Đã lưu “" + done.label +
               "” vào hộp thư đi trên máy này.");
        }
        return render();
      }).then(function () {
        delete form.dataset.busy;
        if (button) button.disabled = false;
      }, function () {
        // the browser refuses storage (a private window…): post the form the ordinary way
        HTMLFormElement.prototype.submit.call(form);
      });
    });
  });

  if (panel) {
    panel.addEventListener("click", function (e) {
      var drop = e.target.closest("[data-outbox-drop]");
      if (drop) { remove(drop.dataset.outboxDrop).then(render); return; }
      if (e.target.closest("[data-outbox-send]")) flush();
    });
  }
  window.addEventListener("online", function () { flush(); });
  window.addEventListener("offline", function () { render(); });
  if (navigator.onLine === false) {
    // a kept copy of the page: its old notices no longer apply
    document.querySelectorAll(".messages").forEach(function (el) { el.hidden = true; });
  }
  render().then(flush);

  // --- the installable app: service worker and the kept pages ----------------------------------------------
  var swUrl = script && script.dataset.sw;
  if (swUrl && "serviceWorker" in navigator && window.caches && navigator.onLine !== false) {
    navigator.serviceWorker.register(swUrl).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function () {
      var pages = panel && panel.dataset.offlinePages ? panel.dataset.offlinePages.split(" ") : [];
      return caches.open(PAGES).then(function (cache) {
        return Promise.all(pages.map(function (url) {
          return cache.match(url, {ignoreVary: true}).then(function (hit) {
            if (hit) return null;  // the worker refreshes a kept page each time it is opened online
            return fetch(url, {credentials: "same-origin"}).then(function (resp) {
              if (resp.ok && !resp.redirected) return cache.put(url, resp);
              return null;
            });
          });
        }));
      });
    }).then(function () {
      document.documentElement.dataset.offlineReady = "1";
    }).catch(function () { /* no worker (npm absent at set-up) or no signal: the pages work online only */ });
  }

  window.doanketOutbox = {flush: flush, all: all, render: render};
})();
