// The upload drawer: a queue of files, each with its thumbnail and its state in plain words
// (queued, uploading, being indexed, done, failed and why), a retry for failures, and the tasks
// followed until indexed, so "being indexed" counts down by itself. Each file goes up on its own
// request, three at a time; one poll a second asks for the recent tasks all at once.
import * as api from './api.js';
import { plural } from './format.js';

const $ = (id) => document.getElementById(id);
const PARALLEL = 3;
const POLL_MS = 1000;
const LABELS = { QUEUED: 'Queued', UPLOADING: 'Uploading', INDEXING: 'Being indexed', SUCCESS: 'Done', FAILURE: 'Failed' };

// What a refused upload means, in the words of someone uploading photos.
function plainReason(error) {
  switch (error.status) {
    case 0: return 'The server could not be reached. Check the connection and retry.';
    case 401: return 'You are not signed in. Sign in and retry.';
    case 403: return `Your key may not upload: ${error.message}`;
    case 413: return 'The file is too large: up to 50 MB per image.';
    case 415: return 'This is not an image the library takes (JPEG, PNG, WebP, GIF or BMP).';
    case 422: return `The image cannot be read: ${error.message}`;
    case 429: return 'The server is busy with earlier uploads. Retry in a minute.';
    case 503: return 'The server cannot store images right now. Retry in a minute.';
    default: return error.message;
  }
}

export class Uploads {
  // onIndexed(imageId) runs as each image becomes searchable; onChange() when any count changes.
  constructor({ onIndexed, onChange }) {
    Object.assign(this, { onIndexed, onChange });
    this.rows = [];
    this.waiting = [];
    this.active = 0;
    this.followed = new Map(); // task id -> row, or null for tasks without a row (the demo's)
    this.drawer = $('uploads');
    $('upload-open').addEventListener('click', () => this.toggle());
    $('uploads-close').addEventListener('click', () => this.toggle(false));
    $('uploads-collapse').addEventListener('click', () => this.collapse());
    const input = $('file-input');
    const zone = $('dropzone');
    zone.addEventListener('click', () => input.click());
    zone.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); input.click(); }
    });
    input.addEventListener('change', () => { if (input.files.length) this.add(input.files); input.value = ''; });
    this.acceptDrops();
  }

  // Files dragged anywhere over the page can be dropped there.
  acceptDrops() {
    const hasFiles = (e) => [...(e.dataTransfer?.types || [])].includes('Files');
    let depth = 0;
    document.addEventListener('dragenter', (e) => {
      if (!hasFiles(e)) return;
      depth += 1;
      document.body.classList.add('dragging');
    });
    document.addEventListener('dragleave', () => {
      depth = Math.max(0, depth - 1);
      if (!depth) document.body.classList.remove('dragging');
    });
    document.addEventListener('dragover', (e) => { if (hasFiles(e)) e.preventDefault(); });
    document.addEventListener('drop', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      document.body.classList.remove('dragging');
      if (e.dataTransfer.files.length) this.add(e.dataTransfer.files);
    });
  }

  toggle(open = this.drawer.hidden) {
    this.drawer.hidden = !open;
    $('upload-open').setAttribute('aria-expanded', String(open));
    if (open) $('dropzone').focus();
    else $('upload-open').focus();
  }

  collapse(collapsed = !this.drawer.classList.contains('collapsed')) {
    this.drawer.classList.toggle('collapsed', collapsed);
    $('uploads-collapse').setAttribute('aria-expanded', String(!collapsed));
    $('uploads-collapse').textContent = collapsed ? 'Show list' : 'Hide list';
  }

  // Images uploaded or followed that are not indexed yet.
  get indexing() {
    return this.rows.filter((r) => r.state === 'INDEXING').length
      + [...this.followed.values()].filter((row) => row === null).length;
  }

  add(files) {
    this.toggle(true);
    const tags = $('upload-tags').value;
    for (const file of files) {
      const row = this.row(file, tags);
      this.rows.push(row);
      this.waiting.push(row);
    }
    this.changed();
    this.pump();
  }

  row(file, tags) {
    const li = document.createElement('li');
    const thumb = document.createElement('img');
    thumb.className = 'thumb';
    thumb.alt = '';
    thumb.loading = 'lazy';
    thumb.decoding = 'async';
    thumb.src = URL.createObjectURL(file);
    // A file the browser cannot show (not an image) keeps an empty square, not a broken icon.
    thumb.addEventListener('error', () => thumb.classList.add('unreadable'), { once: true });
    const info = document.createElement('div');
    info.className = 'info';
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = file.name;
    const state = document.createElement('span');
    state.className = 'state';
    info.append(name, state);
    const progress = document.createElement('progress');
    progress.max = 1;
    progress.value = 0;
    progress.setAttribute('aria-label', `Upload of ${file.name}`);
    const retry = document.createElement('button');
    retry.type = 'button';
    retry.className = 'retry';
    retry.textContent = 'Retry';
    retry.setAttribute('aria-label', `Retry ${file.name}`);
    li.append(thumb, info, progress, retry);
    $('upload-list').prepend(li);
    const row = { file, tags, li, label: state, progress, retry };
    retry.addEventListener('click', () => {
      this.waiting.push(row);
      this.set(row, 'QUEUED');
      this.pump();
    });
    this.set(row, 'QUEUED');
    return row;
  }

  set(row, state, detail = '') {
    row.state = state;
    row.li.dataset.state = state === 'INDEXING' ? 'PENDING' : state;
    row.label.textContent = detail ? `${LABELS[state]}: ${detail}` : LABELS[state];
    row.progress.hidden = state !== 'UPLOADING';
    row.retry.hidden = state !== 'FAILURE';
    this.changed();
  }

  pump() {
    while (this.active < PARALLEL && this.waiting.length) {
      const row = this.waiting.shift();
      this.active += 1;
      this.send(row).finally(() => { this.active -= 1; this.pump(); });
    }
  }

  async send(row) {
    this.set(row, 'UPLOADING');
    row.progress.value = 0;
    try {
      const accepted = await api.upload(row.file, row.tags, (p) => {
        row.progress.value = p;
        row.label.textContent = `Uploading ${Math.round(p * 100)}%`;
      });
      this.set(row, 'INDEXING');
      this.follow(accepted.task_id, row);
    } catch (e) {
      this.set(row, 'FAILURE', plainReason(e));
    }
  }

  // Follows the demo's tasks: the most recent `count` tasks right after it was queued.
  async followRecent(count) {
    const tasks = await api.recentTasks(Math.min(1000, Math.max(1, count)));
    tasks.filter((t) => t.status === 'PENDING' || t.status === 'STARTED')
      .forEach((t) => this.follow(t.task_id, null));
    this.changed();
  }

  follow(taskId, row) {
    this.followed.set(taskId, row);
    if (!this.polling) this.polling = setTimeout(() => this.poll(), POLL_MS);
  }

  async poll() {
    try {
      const limit = Math.min(1000, Math.max(50, 2 * this.followed.size));
      const seen = new Map((await api.recentTasks(limit)).map((t) => [t.task_id, t]));
      // Tasks pushed out of the recent list by others' uploads are asked for one by one.
      const missing = [...this.followed.keys()].filter((id) => !seen.has(id)).slice(0, 5);
      for (const id of missing) seen.set(id, await api.task(id));
      for (const [id, row] of [...this.followed]) {
        const task = seen.get(id);
        if (!task || (task.status !== 'SUCCESS' && task.status !== 'FAILURE')) continue;
        this.followed.delete(id);
        if (task.status === 'SUCCESS') {
          if (row) this.set(row, 'SUCCESS');
          this.onIndexed(task.image_id);
        } else if (row) {
          this.set(row, 'FAILURE', `it could not be indexed (${task.error || 'unknown reason'})`);
        }
      }
    } catch (_) {
      // A failed poll is tried again at the next tick; 401 opens the sign-in box by itself.
    }
    this.changed();
    this.polling = this.followed.size ? setTimeout(() => this.poll(), POLL_MS) : null;
  }

  changed() {
    const count = (state) => this.rows.filter((r) => r.state === state).length;
    const parts = [];
    const waiting = count('QUEUED') + count('UPLOADING');
    if (waiting) parts.push(`${plural(waiting, 'file')} to upload`);
    if (this.indexing) parts.push(`${this.indexing} being indexed`);
    if (count('SUCCESS')) parts.push(`${count('SUCCESS')} done`);
    if (count('FAILURE')) parts.push(`${count('FAILURE')} failed`);
    $('uploads-summary').textContent = parts.join(' · ') || 'Nothing uploaded yet.';
    const badge = $('upload-badge');
    badge.hidden = !this.indexing && !waiting;
    badge.textContent = String(this.indexing + waiting);
    this.onChange();
  }
}
