// The directory's service worker: a frontline worker who opened the directory once can
// use it again without signal. On install it keeps every directory page, services.json
// and the assets in a cache named for this build; directory pages are then served from
// that cache first, the network only for what it lacks. A new build means a new CACHE,
// so the next visit installs the new pages and the old cache is deleted.
// CACHE, PRECACHE and FALLBACK_PATH are written above this line by the build.
"use strict";

const SITE_ROOT = new URL("./", self.location).href;
const FALLBACK = new URL(FALLBACK_PATH, SITE_ROOT).href;

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
        .filter((key) => key.startsWith("c2c-directory-") && key !== CACHE)
        .map((key) => caches.delete(key))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  const navigation = request.mode === "navigate";
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      // A filtered listing (/directory/?area=x) is the same page: its filters run in the page.
      cache.match(request, { ignoreSearch: navigation }).then((hit) =>
        hit || fetch(request).catch((error) => {
          if (navigation) return cache.match(FALLBACK).then((page) => page || Promise.reject(error));
          throw error;
        })
      )
    )
  );
});
