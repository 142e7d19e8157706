/* Löfte – the EST reporting form's service worker. Served by lofte.staff.est_reporting.service_worker
 * from the form's own path, which sets OFFLINE_PAGE, OFFLINE_ASSETS and CACHE_NAME above this line.
 *
 * It keeps the form page and its files so that the form opens without a connection: pages are
 * fetched from the network first (and the copy kept), files from the cache first. Reports are
 * never sent from here: the page's queue (report-queue.js) does that, so POSTs pass untouched.
 */
"use strict";

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE_NAME).then(function (cache) {
    return cache.addAll(OFFLINE_ASSETS.concat([OFFLINE_PAGE]));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("lofte-est-") === 0 && name !== CACHE_NAME;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).then(function (response) {
      if (response.ok && url.pathname === OFFLINE_PAGE) {
        var copy = response.clone();
        caches.open(CACHE_NAME).then(function (cache) { cache.put(OFFLINE_PAGE, copy); });
      }
      return response;
    }).catch(function () {
      return caches.match(OFFLINE_PAGE, { ignoreSearch: true });
    }));
    return;
  }
  if (OFFLINE_ASSETS.indexOf(url.pathname) !== -1) {
    event.respondWith(caches.match(request).then(function (hit) { return hit || fetch(request); }));
  }
});
