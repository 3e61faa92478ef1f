// Images and thumbnails through fetch (with the API key) as blob: URLs. Each URL belongs to a
// group (a grid, the detail view) and is revoked when the group is cleared; a fetch that finishes
// after its group was cleared is revoked at once, so nothing leaks.
import * as api from './api.js';

const groups = new Map();

function group(name) {
  if (!groups.has(name)) groups.set(name, { generation: 0, urls: new Set() });
  return groups.get(name);
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
    const url = await api.imageUrl(path);
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

// Like show, once `img` comes near the viewport: a long grid fetches only what is looked at.
export function lazy(img, path, name) {
  const g = group(name);
  if (!g.pending) {
    g.pending = new IntersectionObserver((entries, observer) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        show(entry.target, entry.target.dataset.src, name);
      }
    }, { rootMargin: '600px 0px' });
  }
  img.dataset.src = path;
  g.pending.observe(img);
}
