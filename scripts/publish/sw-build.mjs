// The service worker (sw.js) and the list of optional downloads (offline-downloads.json), made by Workbox.
//
// Run by scripts/publish/pwa.py, which decides what is precached and what is optional and hands
// the options over as one JSON object on stdin; this prints one JSON object saying what was
// written. Workbox globs the site in whatever order the file system gives, so every list is
// sorted by URL: the same site gives the same bytes.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateSW, getManifest } from "workbox-build";

const job = JSON.parse(readFileSync(0, "utf8"));
const byUrl = (entries) => ({
  manifest: [...entries].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0)),
  warnings: [],
});

const languages = {};
for (const [lang, glob] of Object.entries(job.downloads.languages)) {
  const { manifestEntries, size } = await getManifest({
    globDirectory: job.site,
    globPatterns: glob.patterns,
    globIgnores: glob.ignores,
    manifestTransforms: [byUrl],
    maximumFileSizeToCacheInBytes: Number.MAX_SAFE_INTEGER,  // a book of any size may be saved
  });
  languages[lang] = { bytes: size, files: manifestEntries };
}
writeFileSync(join(job.site, job.downloads.list),
              JSON.stringify({ cache: job.downloads.cache, languages }, null, 1) + "\n");

const { count, size, warnings } = await generateSW({
  globDirectory: job.site,
  globPatterns: job.precache.patterns,
  globIgnores: job.precache.ignores,
  maximumFileSizeToCacheInBytes: job.precache.maxBytes,
  manifestTransforms: [byUrl],
  swDest: join(job.site, job.worker),
  cacheId: job.cacheId,
  mode: "production",
  sourcemap: false,
  // Workbox's runtime goes into sw.js itself: nothing from a CDN, one file at the root.
  inlineWorkboxRuntime: true,
  disableDevLogs: true,
  // The first visit's worker takes the page at once; a new version waits until the reader
  // reloads (the page sends SKIP_WAITING), so an open page never mixes two versions.
  clientsClaim: true,
  skipWaiting: false,
  cleanupOutdatedCaches: true,
  // Pages are static: ?h= (search highlight), ?v= (search index version) and the like change nothing.
  ignoreURLParametersMatching: [/./],
  runtimeCaching: [{
    urlPattern: new RegExp(job.downloads.route),
    // A download opened once, or saved for offline by the reader, opens again without a network;
    // online the published file wins, so a saved copy is never staler than the site.
    handler: "NetworkFirst",
    options: { cacheName: job.downloads.cache, rangeRequests: true },
  }],
});

process.stdout.write(JSON.stringify({
  precache: { count, bytes: size, warnings },
  downloads: Object.fromEntries(Object.entries(languages).map(([l, d]) => [l, { count: d.files.length, bytes: d.bytes }])),
}) + "\n");
