// doanket's service worker (version {{ version }}): the phone pages of a residential-area head open with no signal.
// Workbox is served by doanket itself from {{ workbox }} (installed from the npm registry by bin/setup).
/* global workbox */
importScripts("{{ workbox }}workbox-sw.js");
workbox.setConfig({debug: false, modulePathPrefix: "{{ workbox }}"});
workbox.core.setCacheNameDetails({prefix: "doanket"});
self.skipWaiting();
workbox.core.clientsClaim();

// The shell: styles, scripts, icons (a revision is a hash of the file: a changed file is fetched again).
workbox.precaching.precacheAndRoute({{ precache|safe }});
workbox.precaching.cleanupOutdatedCaches();

// The area head's pages: from the network when there is signal (and kept), the last copy when there is none.
var PAGES = {{ pages|safe }};
var PATTERNS = {{ patterns|safe }}.map(function (p) { return new RegExp(p); });
workbox.routing.registerRoute(function (ctx) {
  var path = ctx.url.pathname;
  return ctx.request.mode === "navigate" && (PAGES.some(function (p) { return path.indexOf(p) === 0; }) ||
    PATTERNS.some(function (re) { return re.test(path); }));
}, new workbox.strategies.NetworkFirst({
  cacheName: "doanket-pages", networkTimeoutSeconds: 6, matchOptions: {ignoreVary: true}
}));

// Other static files (styles of a page, images of the interface): the kept copy, refreshed in the background.
workbox.routing.registerRoute(function (ctx) {
  return ctx.url.origin === self.location.origin && ctx.url.pathname.indexOf("{{ static_url }}") === 0;
}, new workbox.strategies.StaleWhileRevalidate({cacheName: "doanket-static"}));
