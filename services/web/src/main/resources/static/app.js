import * as api from './api.js';

const $ = (id) => document.getElementById(id);
const statusLine = $('status');
const results = $('results');
const empty = $('empty');
const detail = $('detail');

function setStatus(text, isError = false) {
  statusLine.textContent = text;
  statusLine.classList.toggle('error', isError);
}

function card(hit, onOpen) {
  const button = document.createElement('button');
  button.className = 'card';
  button.type = 'button';
  button.dataset.id = hit.image.id;
  const img = document.createElement('img');
  img.src = hit.image.thumbnail_url;
  img.alt = hit.image.file_name;
  img.loading = 'lazy';
  const caption = document.createElement('span');
  caption.className = 'caption';
  caption.textContent = `${hit.image.file_name} · ${hit.score.toFixed(3)}`;
  button.append(img, caption);
  button.addEventListener('click', () => onOpen(hit.image.id));
  return button;
}

function filters() {
  const from = $('filter-from').value;
  const to = $('filter-to').value;
  return {
    from: from || undefined,
    to: to || undefined,
    mime_type: $('filter-mime').value || undefined,
    tag: $('filter-tag').value.trim() || undefined,
    min_score: $('filter-min-score').value !== '-1' ? $('filter-min-score').value : undefined,
  };
}

async function runSearch(text) {
  setStatus('Searching…');
  try {
    const page = await api.search({ text, limit: 24, ...filters() });
    results.replaceChildren(...page.results.map((hit) => card(hit, openDetail)));
    setStatus(page.results.length ? `${page.results.length} results for “${text}”` : `Nothing matches “${text}”.`);
  } catch (e) {
    results.replaceChildren();
    setStatus(`Search failed: ${e.message}`, true);
  }
}

async function openDetail(id) {
  try {
    const image = await api.describe(id);
    $('detail-title').textContent = image.file_name;
    $('detail-image').src = image.image_url;
    $('detail-image').alt = image.file_name;
    $('detail-open').href = image.image_url;
    const meta = $('detail-meta');
    meta.replaceChildren();
    const rows = [
      ['Type', image.mime_type],
      ['Size', `${image.width} × ${image.height}`],
      ['Created', new Date(image.created_at).toLocaleString()],
      ['Tags', image.tags.join(', ') || '—'],
      ['Camera', image.camera || '—'],
      ['Id', image.id],
    ];
    for (const [k, v] of rows) {
      const dt = document.createElement('dt');
      dt.textContent = k;
      const dd = document.createElement('dd');
      dd.textContent = v;
      meta.append(dt, dd);
    }
    $('detail-delete').onclick = async () => {
      if (!confirm(`Delete ${image.file_name}?`)) return;
      await api.remove(id);
      detail.close();
      results.querySelector(`[data-id="${id}"]`)?.remove();
      setStatus(`Deleted ${image.file_name}.`);
    };
    const similarGrid = $('similar');
    similarGrid.replaceChildren();
    if (!detail.open) detail.showModal();
    const page = await api.similar(id);
    similarGrid.replaceChildren(...page.results.map((hit) => card(hit, openDetail)));
    if (!page.results.length) similarGrid.textContent = 'No other images yet.';
  } catch (e) {
    setStatus(`Could not open the image: ${e.message}`, true);
  }
}

function uploadRow(file) {
  const li = document.createElement('li');
  const name = document.createElement('span');
  name.className = 'name';
  name.textContent = file.name;
  const progress = document.createElement('progress');
  progress.max = 1;
  progress.value = 0;
  const state = document.createElement('span');
  state.className = 'state';
  state.textContent = 'waiting';
  li.append(name, progress, state);
  $('upload-list').prepend(li);
  return { li, progress, state };
}

async function waitForTask(taskId, row) {
  for (;;) {
    const t = await api.task(taskId);
    row.state.textContent = t.status.toLowerCase();
    if (t.status === 'SUCCESS' || t.status === 'FAILURE') {
      row.li.dataset.state = t.status;
      if (t.error && t.status === 'FAILURE') row.state.textContent = `failed: ${t.error}`;
      return t;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function uploadAll(files) {
  const tags = $('upload-tags').value;
  const queue = [...files];
  const workers = Array.from({ length: 3 }, async () => {
    while (queue.length) {
      const file = queue.shift();
      const row = uploadRow(file);
      try {
        row.state.textContent = 'uploading';
        const accepted = await api.upload(file, tags, (p) => { row.progress.value = p; });
        row.progress.value = 1;
        row.state.textContent = 'processing';
        await waitForTask(accepted.task_id, row);
      } catch (e) {
        row.li.dataset.state = 'FAILURE';
        row.state.textContent = `rejected: ${e.message}`;
      }
    }
  });
  await Promise.all(workers);
  empty.hidden = true;
  setStatus('Uploads finished. Search for what you uploaded.');
}

function setupUpload() {
  const zone = $('dropzone');
  const input = $('file-input');
  zone.addEventListener('click', () => input.click());
  zone.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); input.click(); }
  });
  input.addEventListener('change', () => { if (input.files.length) uploadAll(input.files); input.value = ''; });
  zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    if (e.dataTransfer.files.length) uploadAll(e.dataTransfer.files);
  });
}

async function showEmptyStateIfNeeded() {
  try {
    const s = await api.stats();
    empty.hidden = s.indexed_images > 0;
    if (s.indexed_images > 0) setStatus(`${s.indexed_images} images indexed. Describe one to find it.`);
  } catch (e) {
    setStatus(`The server is not answering: ${e.message}`, true);
  }
}

$('search-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const text = $('query').value.trim();
  if (text) runSearch(text);
});
$('filters-toggle').addEventListener('click', (e) => {
  const panel = $('filters');
  panel.hidden = !panel.hidden;
  e.currentTarget.setAttribute('aria-expanded', String(!panel.hidden));
});
$('load-demo').addEventListener('click', async () => {
  setStatus('Loading demo images…');
  try {
    const r = await api.loadDemo();
    setStatus(`Queued ${r.accepted} demo images; they are being indexed.`);
    empty.hidden = true;
  } catch (e) {
    setStatus(`Could not load the demo: ${e.message}`, true);
  }
});

setupUpload();
showEmptyStateIfNeeded();
