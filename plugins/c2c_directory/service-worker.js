// The site's service worker: a frontline worker who opened the directory once can use
// it again without signal, and a phone with little data left is not made to download
// the whole directory to get there.
//
// - Install keeps only the shell, PRECACHE (styles, scripts, the directory's first page
//   and the data it needs, chosen by the build within a byte budget), in CACHE, named
//   for this build.
// - Every other page is kept as it is visited (VISITED): pages and data network first,
//   with the kept copy when there is no signal; theme files from this build's shell, or
//   kept and refreshed in the background (stale while revalidate).
// - A page can ask for addresses to be kept ({type: "c2c-keep", urls}) and is told how
//   many were: the first page visited (before this worker controlled it) and the
//   shortlist's "save for offline" use this.
// - Activate deletes every cache of this site but this build's shell and VISITED.
// CACHE, VISITED, PRECACHE, FALLBACK_PATH and THEME_PATH are written above this line by the build.
"use strict";

const SITE_ROOT = new URL("./", self.location).href;
const FALLBACK = new URL(FALLBACK_PATH, SITE_ROOT).href;
const THEME = new URL(THEME_PATH, SITE_ROOT).href;
const OURS = /^c2c-/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((path) => new URL(path, SITE_ROOT).href)))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys
        .filter((key) => OURS.test(key) && key !== CACHE && key !== VISITED)
        .map((key) => caches.delete(key))))
      .then(() => self.clients.claim())
  );
});

// A copy worth keeping: a whole, successful, same-site answer.
function keepable(response) {
  return response && response.ok && response.status === 200 && response.type === "basic";
}

function keep(request, response) {
  if (!keepable(response)) return Promise.resolve(false);
  return caches.open(VISITED).then((cache) => cache.put(request, response)).then(() => true);
}

// This build's shell first, then what was kept on a visit. A filtered listing
// (/directory/?area=x) is the same page: its filters run in the page.
function kept(request, navigation) {
  const options = { ignoreSearch: navigation };
  return caches.open(CACHE)
    .then((cache) => cache.match(request, options))
    .then((hit) => hit || caches.open(VISITED).then((cache) => cache.match(request, options)));
}

function networkFirst(event, request, navigation) {
  return fetch(request)
    .then((response) => {
      event.waitUntil(keep(request, response.clone()));
      return response;
    })
    .catch((error) => kept(request, navigation).then((hit) => {
      if (hit) return hit;
      if (navigation) return caches.match(FALLBACK).then((page) => page || Promise.reject(error));
      throw error;
    }));
}

function staleWhileRevalidate(event, request) {
  const fresh = fetch(request).then((response) => {
    event.waitUntil(keep(request, response.clone()));
    return response;
  });
  event.waitUntil(fresh.catch(() => null));
  return kept(request, false).then((hit) => hit || fresh);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  const navigation = request.mode === "navigate";
  if (!navigation && request.url.startsWith(THEME)) {
    // A theme file of this build is served from the shell; others are refreshed behind.
    event.respondWith(caches.open(CACHE).then((cache) => cache.match(request))
      .then((hit) => hit || staleWhileRevalidate(event, request)));
    return;
  }
  event.respondWith(networkFirst(event, request, navigation));
});

// Keep the addresses a page asks for; answer with how many were kept.
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "c2c-keep" || !Array.isArray(data.urls)) return;
  const urls = data.urls
    .map((url) => { try { return new URL(url, SITE_ROOT); } catch (e) { return null; } })
    .filter((url) => url && url.origin === self.location.origin)
    .map((url) => url.href);
  const port = event.ports && event.ports[0];
  event.waitUntil(
    Promise.all(urls.map((url) => fetch(url).then((response) => keep(url, response)).catch(() => false)))
      .then((results) => {
        if (port) port.postMessage({ kept: results.filter(Boolean).length, asked: urls.length });
      })
  );
});
