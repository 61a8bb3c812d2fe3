// Check-in at the door, on a phone, online or not.
//
// The event's tickets are kept on the device (localStorage) so that a search by name and a
// scanned QR code are recognised without the network. Every scan goes into a queue with its
// scan time; the queue is sent to the sync endpoint whenever the network is there, and kept
// until the server has answered. The server counts one arrival per ticket, so two phones that
// scanned the same ticket offline still count one.
(function () {
  "use strict";
  var root = document.getElementById("checkin");
  if (!root) return;
  var eventId = root.dataset.event;
  var keyTickets = "glocal-checkin-" + eventId + "-tickets";
  var keyQueue = "glocal-checkin-" + eventId + "-queue";
  var keyDone = "glocal-checkin-" + eventId + "-done";
  var device = localStorage.getItem("glocal-checkin-device");
  if (!device) {
    device = "phone-" + Math.random().toString(36).slice(2, 10);
    localStorage.setItem("glocal-checkin-device", device);
  }
  var csrf = root.querySelector("input[name=csrfmiddlewaretoken]").value;
  var result = document.getElementById("checkin-result");
  var network = document.getElementById("checkin-network");
  var counts = document.getElementById("checkin-counts");

  function load(key, fallback) {
    try { return JSON.parse(localStorage.getItem(key)) || fallback; } catch (e) { return fallback; }
  }
  function save(key, value) { localStorage.setItem(key, JSON.stringify(value)); }

  var tickets = load(keyTickets, []);   // [{id, name, organisation, ticket}]
  var queue = load(keyQueue, []);       // [{code, scanned_at}]
  var done = load(keyDone, {});         // ticket code -> "checked_in" | "already"

  function show(text, kind) {
    result.textContent = text;
    result.className = "checkin-result " + (kind || "");
  }
  function refreshState() {
    network.textContent = navigator.onLine ? root.dataset.textOnline : root.dataset.textOffline;
    counts.textContent = root.dataset.textArrived + " " + Object.keys(done).length + " / " + tickets.length +
      (queue.length ? " (+" + queue.length + ")" : "");
  }

  function fetchTickets(url, into) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).then(function (page) {
      page.items.forEach(function (item) {
        if (item.ticket) {
          into.push({ id: item.id, name: item.name, organisation: item.organisation,
                         ticket: item.ticket });
          if (item.checked_in_at) done[item.ticket] = "already";
        }
      });
      var next = page.items.length === 500 ? url.replace(/offset=\d+/, function (m) {
        return "offset=" + (parseInt(m.split("=")[1], 10) + 500);
      }) : null;
      return next ? fetchTickets(next, into) : null;
    });
  }
  // The list kept on the phone serves searches until the server's has fully arrived.
  function refreshTickets() {
    var fresh = [];
    return fetchTickets(root.dataset.registrations + "?limit=500&offset=0", fresh).then(function () {
      tickets = fresh;
      save(keyTickets, tickets);
      save(keyDone, done);
      refreshState();
      if (search.value) search.dispatchEvent(new Event("input"));
    }).catch(function () { refreshState(); });
  }

  function byCode(code) {
    for (var i = 0; i < tickets.length; i++) if (tickets[i].ticket === code) return tickets[i];
    return null;
  }

  function record(code) {
    var holder = byCode(code);
    if (!holder && tickets.length) {
      show(root.dataset.textUnknown, "refused");
      return;
    }
    var label = holder ? holder.name : "";
    if (done[code]) {
      show(root.dataset.textAlready + ": " + label, "already");
      return;
    }
    done[code] = "checked_in";
    queue.push({ code: code, scanned_at: new Date().toISOString() });
    save(keyQueue, queue);
    save(keyDone, done);
    show(root.dataset.textCheckedIn + ": " + label, "ok");
    refreshState();
    sync();
  }

  var syncing = false;
  function sync() {
    if (syncing || !queue.length || !navigator.onLine) return;
    syncing = true;
    var batch = queue.slice(0, 500);
    fetch(root.dataset.sync, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ device: device, scans: batch })
    }).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).then(function (results) {
      results.forEach(function (item) {
        if (item.result === "refused") {
          delete done[item.code];
          show(root.dataset.textRefused + ": " + item.message, "refused");
        } else if (item.result === "already" && done[item.code] === "checked_in") {
          done[item.code] = "already";
        }
      });
      queue = queue.slice(batch.length);
      save(keyQueue, queue);
      save(keyDone, done);
    }).catch(function () {
      if (!navigator.onLine) show(root.dataset.textQueued, "queued");
    }).then(function () {
      syncing = false;
      refreshState();
      if (queue.length && navigator.onLine) setTimeout(sync, 2000);
    });
  }

  // Search by name.
  var search = document.getElementById("checkin-search");
  var matches = document.getElementById("checkin-matches");
  search.addEventListener("input", function () {
    var needle = search.value.trim().toLowerCase();
    matches.textContent = "";
    if (needle.length < 1) return;
    tickets.filter(function (t) {
      return (t.name + " " + (t.organisation || "")).toLowerCase().indexOf(needle) !== -1;
    }).slice(0, 20).forEach(function (t) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = t.name + (t.organisation ? " (" + t.organisation + ")" : "") +
        (done[t.ticket] ? " ✓" : "");
      button.addEventListener("click", function () { record(t.ticket); search.value = ""; matches.textContent = ""; });
      item.appendChild(button);
      matches.appendChild(item);
    });
  });

  // Scanning with the camera, decoded on the phone by jsQR (served by the application).
  var video = document.getElementById("checkin-video");
  var canvas = document.getElementById("checkin-canvas");
  var lastCode = "", lastAt = 0;
  function tick() {
    if (video.readyState === video.HAVE_ENOUGH_DATA && window.jsQR) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      var context = canvas.getContext("2d", { willReadFrequently: true });
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      var image = context.getImageData(0, 0, canvas.width, canvas.height);
      var found = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
      var now = Date.now();
      if (found && found.data && (found.data !== lastCode || now - lastAt > 3000)) {
        lastCode = found.data;
        lastAt = now;
        record(found.data);
      }
    }
    if (!video.hidden) requestAnimationFrame(tick);
  }
  document.getElementById("checkin-camera").addEventListener("click", function () {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      video.play();
      requestAnimationFrame(tick);
    }).catch(function (error) { show(String(error), "refused"); });
  });

  // Logging out clears this phone's storage (Clear-Site-Data), queue included: scans not yet
  // sent would be lost. Send them first; if they cannot be sent, stay logged in and say so.
  var logout = document.querySelector("form[action$='/accounts/logout/']");
  if (logout) {
    logout.addEventListener("submit", function (event) {
      if (!queue.length) return;
      event.preventDefault();
      sync();
      var tries = 0;
      (function wait() {
        if (!queue.length) logout.submit();
        else if (++tries > 20 || !navigator.onLine) show(root.dataset.textUnsent, "refused");
        else setTimeout(wait, 300);
      })();
    });
  }

  window.addEventListener("online", function () { refreshState(); sync(); });
  window.addEventListener("offline", refreshState);
  setInterval(sync, 15000);
  // For tests and for a hand-held scanner that types the code: a code entered in the search
  // box and confirmed with Enter is checked in like a scan.
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && byCode(search.value.trim())) {
      event.preventDefault();
      record(search.value.trim());
      search.value = "";
    }
  });
  refreshState();
  if (navigator.onLine) refreshTickets().then(sync); else sync();

  // Keep this page and its files on the phone, so that it reloads without the network.
  if ("serviceWorker" in navigator && root.dataset.worker) {
    navigator.serviceWorker.register(root.dataset.worker, { scope: root.dataset.scope })
      .catch(function () { /* a browser without it still checks in while the page is open */ });
  }
})();
