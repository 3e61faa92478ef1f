import * as api from './api.js';
import * as auth from './auth.js';
import { showMigrationBanner } from './migration-banner.js';
import * as images from './images.js';

const $ = (id) => document.getElementById(id);
const statusLine = $('status');
const results = $('results');
const empty = $('empty');
const detail = $('detail');

function setStatus(text, isError = false) {
  statusLine.textContent = text;
  statusLine.classList.toggle('error', isError);
}

// A hybrid hit's score is its fused rank score (1/61 for a first place), which says little to a
// reader: the card shows the file name alone then.
function card(hit, onOpen, group, showScore = true) {
  const button = document.createElement('button');
  button.className = 'card';
  button.type = 'button';
  button.dataset.id = hit.image.id;
  const img = document.createElement('img');
  img.alt = hit.image.file_name;
  images.show(img, hit.image.thumbnail_url, group);
  const caption = document.createElement('span');
  caption.className = 'caption';
  caption.textContent = showScore ? `${hit.image.file_name} · ${hit.score.toFixed(3)}` : hit.image.file_name;
  button.append(img, caption);
  button.addEventListener('click', () => onOpen(hit.image.id));
  return button;
}

// Fills `grid` with cards of `hits`, releasing the thumbnails of the cards it held.
function showCards(grid, group, hits, showScores = true) {
  images.release(group);
  grid.replaceChildren(...hits.map((hit) => card(hit, openDetail, group, showScores)));
}

// Words and meaning together, and only what stands out for this query (min_score=auto), unless
// the filters say otherwise.
function filters() {
  const from = $('filter-from').value;
  const to = $('filter-to').value;
  const [sort, order] = $('filter-sort').value.split('-');
  return {
    from: from || undefined,
    to: to || undefined,
    mime_type: $('filter-mime').value || undefined,
    tag: $('filter-tag').value.trim() || undefined,
    mode: $('filter-mode').value,
    sort,
    order,
    min_score: $('filter-min-score').value.trim() || 'auto',
  };
}

function resultStatus(page, text) {
  if (!page.results.length) return `Nothing matches “${text}”.`;
  const relevant = page.relevant_count ?? page.results.length;
  const shown = relevant > page.results.length ? ` (the first ${page.results.length} shown)` : '';
  return `${relevant} relevant for “${text}”${shown}`;
}

async function runSearch(text) {
  setStatus('Searching…');
  try {
    const page = await api.search({ text, limit: 24, ...filters() });
    showCards(results, 'results', page.results, page.mode !== 'hybrid');
    setStatus(resultStatus(page, text));
  } catch (e) {
    showCards(results, 'results', []);
    setStatus(`Search failed: ${e.message}`, true);
  }
}

async function openDetail(id) {
  try {
    const image = await api.describe(id);
    $('detail-title').textContent = image.file_name;
    images.release('detail');
    const picture = $('detail-image');
    const open = $('detail-open');
    picture.removeAttribute('src');
    picture.alt = image.file_name;
    open.removeAttribute('href');
    // The original as a blob: URL serves both the picture and the link to open it.
    images.show(picture, image.image_url, 'detail').then((url) => { if (url) open.href = url; });
    setDetailStatus('');
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
      try {
        await api.remove(id);
      } catch (e) {
        setDetailStatus(`Could not delete: ${e.message}`, true);
        return;
      }
      detail.close();
      results.querySelector(`[data-id="${id}"]`)?.remove();
      setStatus(`Deleted ${image.file_name}.`);
    };
    const similarGrid = $('similar');
    showCards(similarGrid, 'similar', []);
    if (!detail.open) detail.showModal();
    const page = await api.similar(id);
    showCards(similarGrid, 'similar', page.results);
    if (!page.results.length) similarGrid.textContent = 'No other images yet.';
  } catch (e) {
    setStatus(`Could not open the image: ${e.message}`, true);
  }
}

function setDetailStatus(text, isError = false) {
  $('detail-status').textContent = text;
  $('detail-status').classList.toggle('error', isError);
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

function showStats(s) {
  empty.hidden = s.indexed_images > 0;
  if (s.indexed_images > 0) setStatus(`${s.indexed_images} images indexed. Describe one to find it.`);
}

async function showEmptyStateIfNeeded() {
  try {
    showStats(await api.stats());
  } catch (e) {
    if (e.status === 401) setStatus('Sign in to search and upload.');
    else if (e.status === 403) setStatus(`Signed in, but searching will not work: ${e.message}`, true);
    else setStatus(`The server is not answering: ${e.message}`, true);
  }
}

// Signing in: the account area says who is signed in; the sign-in panel opens when the server
// asks for a key (a 401 anywhere) and closes once a key it accepts is kept.
const signIn = $('sign-in');

function showAccount() {
  const key = auth.currentKey();
  $('account').hidden = !key && signIn.hidden;
  $('account-state').textContent = key ? (auth.isRemembered() ? 'Signed in on this device' : 'Signed in') : '';
  $('sign-in-open').hidden = Boolean(key) || !signIn.hidden;
  $('sign-out').hidden = !key;
}

function askForKey(reason) {
  signIn.hidden = false;
  $('sign-in-reason').textContent = reason;
  showAccount();
  $('api-key').focus();
}

api.onAuthProblem((e) => {
  if (e.status !== 401) return; // a 403 is told where it happened: it names the missing scope
  const refused = Boolean(auth.currentKey());
  auth.forget();
  askForKey(refused
    ? `Your API key was refused: ${e.message}`
    : 'This server needs an API key: sign in with one to search, upload and browse.');
});

$('sign-in-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const key = $('api-key').value.trim();
  $('sign-in-error').textContent = '';
  let answer;
  try {
    answer = await api.tryKey(key);
  } catch (_) {
    $('sign-in-error').textContent = 'Network error: is the server running?';
    return;
  }
  // 403: the key is valid but cannot search; it may still upload, so it is kept.
  if (!answer.ok && answer.error.status !== 403) {
    $('sign-in-error').textContent = answer.error.message;
    return;
  }
  auth.remember(key, $('remember').checked);
  $('api-key').value = '';
  signIn.hidden = true;
  showAccount();
  showMigrationBanner();
  if (answer.ok) {
    setStatus('Signed in.');
    showStats(answer.stats);
  } else {
    setStatus(`Signed in, but searching will not work: ${answer.error.message}`, true);
  }
});

$('sign-in-open').addEventListener('click', () => askForKey('Sign in with an API key.'));
$('sign-out').addEventListener('click', () => {
  auth.forget();
  ['results', 'similar', 'detail'].forEach(images.release);
  results.replaceChildren();
  askForKey('Signed out: this browser no longer keeps the key.');
});
detail.addEventListener('close', () => {
  images.release('detail');
  images.release('similar');
});

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
showAccount();
showEmptyStateIfNeeded();
