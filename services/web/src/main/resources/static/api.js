// Thin client of the HTTP API. Every request carries the signed-in API key (auth.js). Errors carry
// the server's problem+json detail; 401 and 403 are also reported to the listeners of
// onAuthProblem, so the page can ask for a key wherever the answer came from.
import * as auth from './auth.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.type = problem && problem.type;
    this.requiredScope = problem && problem.required_scope;
  }
}

const authListeners = [];

// `listener(error)` runs for every 401 (no usable key) and 403 (the key lacks a scope).
export function onAuthProblem(listener) {
  authListeners.push(listener);
}

function failure(status, problem) {
  const error = new ApiError(status, problem);
  if (status === 401 || status === 403) authListeners.forEach((listener) => listener(error));
  return error;
}

async function request(url, options = {}, key = undefined) {
  const response = await fetch(url, { ...options, headers: { ...auth.headers(key), ...options.headers } });
  if (!response.ok) throw failure(response.status, await response.json().catch(() => null));
  return response;
}

async function json(url, options) {
  const response = await request(url, options);
  return response.status === 204 ? null : response.json();
}

// Parameters every text search sends unless the page chooses others: words and meaning together,
// and only what stands out for this query (the adaptive cutoff).
const SEARCH_DEFAULTS = { mode: 'hybrid', min_score: 'auto' };

// `params` values may be arrays (repeated parameters); empty values are left out.
function queryString(params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one !== undefined && one !== null && one !== '') query.append(key, one);
    }
  }
  return query.toString();
}

// One page of hits, best first: { results: [{score, image}], limit, offset }.
export async function search(params) {
  return json(`/api/v1/search?${queryString({ ...SEARCH_DEFAULTS, ...params })}`);
}

// One page of the library, newest first: { images, total, next }; pass `after: page.next` for the
// page that follows.
export async function library(params) {
  return json(`/api/v1/images/newest?${queryString(params)}`);
}

export async function describe(id) {
  return json(`/api/v1/images/${id}`);
}

export async function similar(id, limit = 12, offset = 0) {
  return json(`/api/v1/images/${id}/similar?limit=${limit}&offset=${offset}`);
}

// Images that look like `file` (a photo picked on this device), closest first, a page at a time.
export async function searchByImage(file, limit, offset = 0) {
  const form = new FormData();
  form.append('file', file, file.name);
  return json(`/api/v1/search/by-image?limit=${limit}&offset=${offset}`, { method: 'POST', body: form });
}

export async function remove(id) {
  return json(`/api/v1/images/${id}`, { method: 'DELETE' });
}

export async function task(id) {
  return json(`/api/v1/tasks/${id}`);
}

// The most recently updated tasks, newest first.
export async function recentTasks(limit) {
  return json(`/api/v1/tasks?limit=${limit}`);
}

export async function stats() {
  return json('/api/v1/stats');
}

// The statistics as `key` sees them: how sign-in tells a good key (200, or 403 for a key that
// cannot search) from a refused one (401), before keeping it. Not reported to onAuthProblem.
export async function tryKey(key) {
  const response = await fetch('/api/v1/stats', { headers: auth.headers(key) });
  const body = await response.json().catch(() => null);
  if (response.ok) return { ok: true, stats: body };
  return { ok: false, error: new ApiError(response.status, body) };
}

export async function loadDemo() {
  return json('/api/v1/demo', { method: 'POST' });
}

// Where image bytes come from: embedded mode's delivery port on this host (a plain Netty pipeline,
// many times the main port's rate, same key), else this origin. Asked once per page. A page served
// over HTTPS keeps to its origin (the delivery port speaks plain HTTP), and a delivery port that
// cannot be reached (a proxy in front, a firewall) is given up for the page's life.
let imageOrigin = null;

function deliveryOrigin() {
  if (!imageOrigin) {
    imageOrigin = (async () => {
      if (window.location.protocol !== 'http:') return '';
      const response = await fetch('/api/v1/delivery', { headers: auth.headers() }).catch(() => null);
      if (!response || !response.ok) {
        imageOrigin = null; // not signed in yet, or the server is away: ask again next time
        return '';
      }
      const { port } = await response.json();
      if (!port) return '';
      const url = new URL(window.location.href);
      url.port = String(port);
      return url.origin;
    })();
  }
  return imageOrigin;
}

// Image bytes as a blob: URL, since an <img> cannot send the key; the caller revokes it.
export async function imageUrl(path) {
  const origin = await deliveryOrigin();
  if (origin) {
    try {
      const response = await request(origin + path);
      return URL.createObjectURL(await response.blob());
    } catch (e) {
      if (e instanceof ApiError) throw e;
      imageOrigin = Promise.resolve(''); // no answer from the delivery port: this origin from now on
    }
  }
  const response = await request(path);
  return URL.createObjectURL(await response.blob());
}

// XMLHttpRequest, because fetch cannot report upload progress.
export function upload(file, tags, onProgress) {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append('files', file, file.name);
    if (tags) form.append('tags', tags);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/images');
    for (const [name, value] of Object.entries(auth.headers())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch (_) { /* not JSON */ }
      if (xhr.status === 202) resolve(body.accepted[0]);
      else reject(failure(xhr.status, body));
    };
    xhr.onerror = () => reject(new ApiError(0, { detail: 'network error: is the server running?' }));
    xhr.send(form);
  });
}
