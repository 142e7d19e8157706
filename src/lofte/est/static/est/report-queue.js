/* Löfte – the EST reporting form's offline queue (progressive enhancement).
 *
 * Without JavaScript the form posts as usual. With it, every report is first written to IndexedDB
 * with the UUID it carries, then sent to the form's data-send-url; it leaves the queue only when
 * the server has answered for it (201 stored, 200 already stored), so a report filed without a
 * connection is sent when the connection returns and a resend never duplicates it. A report the
 * server refuses (400) stays in the list with the reason. The service worker (registered here,
 * from data-sw-url) keeps the form available without a connection.
 */
(function () {
  "use strict";

  var DB_NAME = "lofte-est", STORE = "queue", RETRY_MS = 15000;

  function newUuid() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40; bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  function openDb() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () { request.result.createObjectStore(STORE, { keyPath: "uuid" }); };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function withStore(mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var result = work(tx.objectStore(STORE));
        tx.oncomplete = function () { resolve(result && result.result !== undefined ? result.result : result); };
        tx.onerror = function () { reject(tx.error); };
      });
    });
  }

  function put(item) { return withStore("readwrite", function (s) { return s.put(item); }); }
  function remove(key) { return withStore("readwrite", function (s) { return s.delete(key); }); }
  function all() { return withStore("readonly", function (s) { return s.getAll(); }); }

  var forms = document.querySelectorAll("form[data-est-queue]");
  if (!forms.length || !("indexedDB" in window) || !window.fetch || !window.Promise) { return; }
  var status = document.getElementById("est-queue-status");
  var list = document.getElementById("est-queue-list");
  var sendUrl = forms[0].getAttribute("data-send-url");
  var sending = false;

  function csrfToken() {
    var field = forms[0].querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function describe(item) {
    var fields = {};
    item.fields.forEach(function (pair) { fields[pair[0]] = pair[1]; });
    if (fields.nothing_to_report) { return "Inget att rapportera (" + fields.date + ")"; }
    return (item.label || fields.category) + " (" + fields.date + ")";
  }

  function show(items, note) {
    var waiting = items.filter(function (i) { return !i.error; }).length;
    var refused = items.length - waiting;
    var text = note || "";
    if (waiting) {
      text += (text ? " " : "") + (waiting === 1 ? "1 rapport väntar på att skickas" : waiting + " rapporter väntar på att skickas") +
        (navigator.onLine ? "." : " – den skickas när telefonen får kontakt igen.");
    }
    if (refused) { text += (text ? " " : "") + refused + " kunde inte tas emot; se listan."; }
    if (status) { status.textContent = text; }
    if (list) {
      list.textContent = "";
      items.forEach(function (item) {
        var li = document.createElement("li");
        li.textContent = describe(item) + (item.error ? ": " + item.error + " " : ": väntar");
        if (item.error) {
          var drop = document.createElement("button");
          drop.type = "button";
          drop.className = "link-button";
          drop.textContent = "Ta bort";
          drop.addEventListener("click", function () {
            remove(item.uuid).then(all).then(function (rest) { show(rest, "Rapporten är borttagen från telefonen."); });
          });
          li.appendChild(drop);
        }
        list.appendChild(li);
      });
      list.hidden = !items.length;
    }
  }

  function sendOne(item) {
    var body = new FormData();
    item.fields.forEach(function (pair) {
      // The token of the page now: a new log-in since the report was queued replaced the old one.
      body.append(pair[0], pair[0] === "csrfmiddlewaretoken" ? csrfToken() : pair[1]);
    });
    // No redirects followed: a log-in or two-factor page answering 200 must never count as stored.
    return fetch(sendUrl, { method: "POST", body: body, credentials: "same-origin", redirect: "manual",
                            headers: { "Accept": "application/json" } })
      .then(function (response) {
        var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
        if ((response.status === 201 || response.status === 200) && json) {
          return response.json().then(function (answer) {
            if (answer.status !== "created" && answer.status !== "duplicate") { return "later"; }
            return remove(item.uuid).then(function () { return "sent"; });
          });
        }
        if (response.type === "opaqueredirect") { return "login"; }
        if (response.status === 400) {
          return response.json().then(function (answer) {
            item.error = answer.message || "Rapporten togs inte emot.";
            return put(item).then(function () { return "refused"; });
          });
        }
        if (response.status === 401) { return "login"; }
        return "later";
      });
  }

  function flush() {
    if (sending) { return Promise.resolve(); }
    sending = true;
    var sent = 0, stop = null;
    return all().then(function (items) {
      var pending = items.filter(function (i) { return !i.error; });
      return pending.reduce(function (chain, item) {
        return chain.then(function () {
          if (stop) { return null; }
          return sendOne(item).then(function (outcome) {
            if (outcome === "sent") { sent += 1; } else if (outcome !== "refused") { stop = outcome; }
          }, function () { stop = "offline"; });
        });
      }, Promise.resolve());
    }).then(function () { return all(); }).then(function (items) {
      var note = sent ? (sent === 1 ? "1 rapport skickad." : sent + " rapporter skickade.") : "";
      if (stop === "login") { note += (note ? " " : "") + "Logga in igen för att skicka resten."; }
      show(items, note);
    }).catch(function () {}).then(function () { sending = false; });
  }

  function queue(form) {
    // A place is needed: an area, or a point (the server says the same; a refused report would
    // otherwise wait in the list).
    var area = form.querySelector("select[name=area]");
    var lat = form.querySelector("input[name=latitude]");
    if (area) {
      area.setCustomValidity(!area.value && !(lat && lat.value) ?
        "Välj en kommundel, en punkt på kartan eller använd telefonens position." : "");
    }
    if (!form.checkValidity()) { form.reportValidity(); return; }
    var fields = [];
    new FormData(form).forEach(function (value, name) { fields.push([name, String(value)]); });
    var select = form.querySelector("select[name=category]");
    var label = select && select.selectedIndex > 0 ? select.options[select.selectedIndex].text : "";
    var key = form.querySelector("input[name=uuid]").value;
    put({ uuid: key, fields: fields, label: label, queuedAt: new Date().toISOString() }).then(function () {
      // A fresh id for the next report; the form keeps the date, place and municipality.
      form.querySelector("input[name=uuid]").value = newUuid();
      var text = form.querySelector("textarea[name=text]");
      if (text) { text.value = ""; }
      var first = form.querySelector("select[name=category]");
      if (first) { first.selectedIndex = 0; first.focus(); }
      return all();
    }).then(function (items) { show(items, "Rapporten är sparad på telefonen."); return flush(); });
  }

  function today() {
    var now = new Date();
    return now.getFullYear() + "-" + String(now.getMonth() + 1).padStart(2, "0") + "-" + String(now.getDate()).padStart(2, "0");
  }

  var showingErrors = !!document.querySelector(".error-summary");
  Array.prototype.forEach.call(forms, function (form) {
    // Every page load gets fresh ids: a form served from the offline cache carries an old one, and
    // the date it was cached on.
    form.querySelector("input[name=uuid]").value = newUuid();
    var day = form.querySelector("input[name=date]");
    if (day && !showingErrors) { day.value = today(); }
    form.addEventListener("submit", function (event) { event.preventDefault(); queue(form); });
    var locate = form.querySelector("[data-place-kind-device]");
    if (locate) {
      locate.addEventListener("click", function () { form.querySelector("input[name=place_kind]").value = "device"; });
    }
    var pick = form.querySelector("[data-pick-map]");
    if (pick) {
      pick.addEventListener("click", function () { form.querySelector("input[name=place_kind]").value = "map"; });
    }
  });

  window.addEventListener("online", flush);
  window.addEventListener("offline", function () { all().then(function (items) { show(items, ""); }); });
  setInterval(function () { if (navigator.onLine) { flush(); } }, RETRY_MS);
  all().then(function (items) { show(items, ""); return flush(); }).catch(function () {});

  var worker = forms[0].getAttribute("data-sw-url");
  if (worker && "serviceWorker" in navigator) {
    navigator.serviceWorker.register(worker, { scope: forms[0].getAttribute("data-sw-scope") }).catch(function () {});
  }
}());
