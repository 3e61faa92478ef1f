// Thin client of the HTTP API. Errors carry the server's problem+json detail.
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail || `HTTP ${status}`);
    this.status = status;
  }
}

async function parse(response) {
  if (response.status === 204) return null;
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body && (body.detail || body.title));
  return body;
}

export async function search(params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.append(key, value);
  }
  return parse(await fetch(`/api/v1/search?${query}`));
}

export async function describe(id) {
  return parse(await fetch(`/api/v1/images/${id}`));
}

export async function similar(id, limit = 12) {
  return parse(await fetch(`/api/v1/images/${id}/similar?limit=${limit}`));
}

export async function remove(id) {
  return parse(await fetch(`/api/v1/images/${id}`, { method: 'DELETE' }));
}

export async function task(id) {
  return parse(await fetch(`/api/v1/tasks/${id}`));
}

export async function stats() {
  return parse(await fetch('/api/v1/stats'));
}

export async function loadDemo() {
  return parse(await fetch('/api/v1/demo', { method: 'POST' }));
}

// XMLHttpRequest, because fetch cannot report upload progress.
export function upload(file, tags, onProgress) {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append('files', file, file.name);
    if (tags) form.append('tags', tags);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/images');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch (_) { /* not JSON */ }
      if (xhr.status === 202) resolve(body.accepted[0]);
      else reject(new ApiError(xhr.status, body && (body.detail || body.title)));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network error: is the server running?'));
    xhr.send(form);
  });
}
