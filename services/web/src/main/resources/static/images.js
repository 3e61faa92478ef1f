// Images and thumbnails through fetch (with the API key) as blob: URLs. Each URL belongs to a
// group (a grid, the detail view) and is revoked when the group is cleared; a fetch that finishes
// after its group was cleared is revoked at once, so nothing leaks.
import * as api from './api.js';

const groups = new Map();

function group(name) {
  if (!groups.has(name)) groups.set(name, { generation: 0, urls: new Set() });
  return groups.get(name);
}

// A fetch that failed on the network (no HTTP answer: a dropped connection, a changed network) is
// tried once more before the picture counts as missing.
async function fetchOnceMore(path) {
  try {
    return await api.imageUrl(path);
  } catch (e) {
    if (e instanceof api.ApiError) throw e;
    await new Promise((resolve) => { setTimeout(resolve, 500); });
    return api.imageUrl(path);
  }
}

export function release(name) {
  const g = group(name);
  g.pending?.disconnect();
  g.pending = null;
  g.generation += 1;
  g.urls.forEach((url) => URL.revokeObjectURL(url));
  g.urls.clear();
}

// Loads `path` into `img`; resolves to the blob: URL, or null when the group was cleared
// meanwhile or the image could not be fetched (then `img` is marked data-failed).
export async function show(img, path, name) {
  const g = group(name);
  const generation = g.generation;
  try {
    const url = await fetchOnceMore(path);
    if (g.generation !== generation) {
      URL.revokeObjectURL(url);
      return null;
    }
    g.urls.add(url);
    img.src = url;
    return url;
  } catch (e) {
    img.dataset.failed = e.message;
    return null;
  }
}

// The candidate of a srcset ("url 320w, url 640w") a browser would take to cover `cssWidth` CSS
// pixels on this screen: the smallest wide enough, else the widest. <img srcset> cannot send the
// key, so the page picks the way the browser would and fetches only that one.
export function pick(srcset, cssWidth) {
  const candidates = srcset.split(',')
    .map((c) => c.trim().split(/\s+/))
    .map(([url, w]) => ({ url, w: parseInt(w, 10) }))
    .sort((a, b) => a.w - b.w);
  const needed = cssWidth * (window.devicePixelRatio || 1);
  return (candidates.find((c) => c.w >= needed) || candidates[candidates.length - 1]).url;
}

// Like show, once `img` comes near the viewport: a long grid fetches only what is looked at.
// `source` is a path or a srcset; `cover` how much wider than its box the picture is drawn (a
// landscape picture cropped to a square box needs its aspect ratio more pixels across).
export function lazy(img, source, name, cover = 1) {
  const g = group(name);
  if (!g.pending) {
    g.pending = new IntersectionObserver((entries, observer) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        const { src, cover: wider } = entry.target.dataset;
        const width = entry.target.getBoundingClientRect().width * Number(wider);
        show(entry.target, src.includes(' ') ? pick(src, width) : src, name);
      }
    }, { rootMargin: '600px 0px' });
  }
  img.dataset.src = source;
  img.dataset.cover = String(cover);
  g.pending.observe(img);
}
