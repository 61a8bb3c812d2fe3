// The check-in page's service worker: the page and its scripts and stylesheets are kept in the
// browser's cache, so that a phone at the door that loses the network can still reload the page.
// The scans themselves wait in localStorage (checkin.js) and are sent when the network is back.
//
// Registered by checkin.js with the scope of one event's check-in page; served from
// /staff/events/checkin-sw.js (a script may only control pages at or below its own path).
// API calls are never answered from the cache: they carry personal data and must be current.
"use strict";

var CACHE = "glocal-checkin-v1";
var PAGE = new URL(self.registration.scope).pathname;
var STATIC = new URL(self.location.href).searchParams.get("static") || "/static/";

function assetsOf(html) {
  var found = [];
  var pattern = /(?:src|href)="([^"]+)"/g;
  var match;
  while ((match = pattern.exec(html))) {
    var path = new URL(match[1].replace(/&amp;/g, "&"), self.location.href).pathname;
    if (path.indexOf(STATIC) === 0 && found.indexOf(path) === -1) found.push(path);
  }
  return found;
}

// Usable: a page the server really gave us (not the login page we were redirected to).
function keep(response) {
  return response.ok && !response.redirected && response.type === "basic";
}

function precache() {
  return caches.open(CACHE).then(function (cache) {
    return fetch(PAGE, { credentials: "same-origin" }).then(function (response) {
      if (!keep(response)) return null;
      return response.clone().text().then(function (html) {
        return cache.put(PAGE, response).then(function () {
          return cache.addAll(assetsOf(html));
        });
      });
    });
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(precache().catch(function () {}).then(function () {
    return self.skipWaiting();
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(self.clients.claim());
});

// Network first, so that an online phone always sees the current page; the cache answers
// only when the network does not.
self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  var isPage = request.mode === "navigate" && url.pathname === PAGE;
  var isAsset = url.pathname.indexOf(STATIC) === 0;
  if (!isPage && !isAsset) return;
  var key = isPage ? PAGE : url.pathname;
  event.respondWith(
    fetch(request).then(function (response) {
      if (keep(response)) {
        var copy = response.clone();
        event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.put(key, copy); }));
      }
      return response;
    }).catch(function () {
      return caches.match(key).then(function (cached) { return cached || Response.error(); });
    })
  );
});
