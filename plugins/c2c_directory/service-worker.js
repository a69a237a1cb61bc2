// The site's service worker: a frontline worker who opened the directory once can use
// it again without signal, and a phone with little data left is not made to download
// the whole directory to get there.
//
// - Install keeps only the shell, PRECACHE (styles, scripts, the directory's first page
//   and the data it needs, chosen by the build within a byte budget), in CACHE, named
//   for this build.
// - Every other page is kept as it is visited (VISITED): pages and data network first,
//   with the kept copy when there is no signal; theme files from this build's shell, or
//   kept and refreshed in the background (stale while revalidate). VISITED holds at most
//   VISITED_LIMIT addresses: the least recently kept go first, so a phone's storage does
//   not fill with every page ever opened.
// - A page can ask for addresses to be kept ({type: "c2c-keep", urls}) and is told how
//   many were: the first page visited (before this worker controlled it) uses this. The
//   shortlist's "save for offline" adds `save: true`: those go in SAVED, which is never
//   cut, because someone chose them.
// - Activate deletes every cache of this site but this build's shell, VISITED and SAVED.
// - An address with a query string (a search, the directory's filters, a shared
//   shortlist) says what someone looked for: it is never kept. Without signal its page
//   is answered from the same page without the query, whose scripts read the query.
// - "Exit this page" asks the worker to forget ({type: "c2c-forget"}): it stops keeping
//   anything and deletes every cache of this site, then answers; the page unregisters it.
// CACHE, VISITED, SAVED, VISITED_LIMIT, PRECACHE, FALLBACK_PATH and THEME_PATH are written
// above this line by the build.
"use strict";

const SITE_ROOT = new URL("./", self.location).href;
const FALLBACK = new URL(FALLBACK_PATH, SITE_ROOT).href;
const THEME = new URL(THEME_PATH, SITE_ROOT).href;
const OURS = /^c2c-/;
let forgotten = false;  // set by "Exit this page": nothing more is kept by this worker

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
        .filter((key) => OURS.test(key) && ![CACHE, VISITED, SAVED].includes(key))
        .map((key) => caches.delete(key))))
      .then(() => self.clients.claim())
  );
});

// A copy worth keeping: a whole, successful, same-site answer.
function keepable(response) {
  return response && response.ok && response.status === 200 && response.type === "basic";
}

// An address that holds a search or filters: never kept on the device.
function holdsQuery(request) {
  return new URL(typeof request === "string" ? request : request.url, SITE_ROOT).search !== "";
}

// Kept in `name`: a new copy replaces the old one and counts as the newest.
function keep(request, response, name) {
  if (forgotten || holdsQuery(request) || !keepable(response)) return Promise.resolve(false);
  return caches.open(name).then((cache) => cache.delete(request).then(() => cache.put(request, response)))
    .then(() => true);
}

// VISITED cut to its newest VISITED_LIMIT addresses (a cache lists them oldest first).
function trim() {
  if (forgotten) return Promise.resolve([]);  // and never make the cache again
  return caches.open(VISITED).then((cache) => cache.keys().then((requests) =>
    Promise.all(requests.slice(0, Math.max(0, requests.length - VISITED_LIMIT)).map((r) => cache.delete(r)))));
}

function keepVisited(request, response) {
  return keep(request, response, VISITED).then((kept) => trim().then(() => kept));
}

// This build's shell first, then what was kept on a visit, then what was saved. A
// filtered listing (/directory/?area=x) is the same page: its filters run in the page.
function kept(request, navigation) {
  const options = { ignoreSearch: navigation };
  const look = (name) => (hit) => hit || caches.open(name).then((cache) => cache.match(request, options));
  return Promise.resolve(undefined).then(look(CACHE)).then(look(VISITED)).then(look(SAVED));
}

function networkFirst(event, request, navigation) {
  return fetch(request)
    .then((response) => {
      event.waitUntil(keepVisited(request, response.clone()));
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
    event.waitUntil(keepVisited(request, response.clone()));
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

// Delete every cache of this site, and keep nothing more; answer when done.
function forget(port) {
  forgotten = true;
  return caches.keys()
    .then((keys) => Promise.all(keys.filter((key) => OURS.test(key)).map((key) => caches.delete(key))))
    .then(() => { if (port) port.postMessage({ forgotten: true }); });
}

// Keep the addresses a page asks for (in SAVED when it says `save`); answer with how many.
// Or forget everything, for "Exit this page".
self.addEventListener("message", (event) => {
  const data = event.data || {};
  const port = event.ports && event.ports[0];
  if (data.type === "c2c-forget") {
    event.waitUntil(forget(port));
    return;
  }
  if (data.type !== "c2c-keep" || !Array.isArray(data.urls)) return;
  const urls = data.urls
    .map((url) => { try { return new URL(url, SITE_ROOT); } catch (e) { return null; } })
    .filter((url) => url && url.origin === self.location.origin && !url.search)
    .map((url) => url.href);
  const name = data.save === true ? SAVED : VISITED;
  event.waitUntil(
    Promise.all(urls.map((url) => fetch(url).then((response) => keep(url, response, name)).catch(() => false)))
      .then((results) => trim().then(() => results))
      .then((results) => {
        if (port) port.postMessage({ kept: results.filter(Boolean).length, asked: urls.length });
      })
  );
});
