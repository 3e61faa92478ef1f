// The page: the library (newest first, by day) unless a search or "similar" narrows it, the viewer
// over it, the upload drawer beside it. Everything shown follows the URL (state.js): reload, a
// shared link and Back/Forward show the same list and the same open image.
import * as api from './api.js';
import * as filters from './filters.js';
import * as grid from './grid.js';
import * as images from './images.js';
import * as signIn from './sign-in.js';
import * as state from './state.js';
import { Feed } from './feed.js';
import { Lightbox } from './lightbox.js';
import { Uploads } from './uploads.js';
import { dayStart, plural } from './format.js';

const $ = (id) => document.getElementById(id);
const PAGE = 48;
const SCROLL_AHEAD = 800; // px below the viewport where the next page starts loading
const APP = 'Image Search';
const results = $('results');
let feed = null;
let shownList = null; // the state.listKey the list shows
let total = 0; // images of the library that meet the filters
let lastShown = null; // the image the viewer showed last, focused when it closes
let pickedPhoto = null; // the File a photo search runs on; the URL names it only

function setStatus(text, isError = false) {
  $('status').textContent = text;
  $('status').classList.toggle('error', isError);
}

function isoMax(a, b) { return !a || (b && b > a) ? b : a; }
function isoMin(a, b) { return !a || (b && b < a) ? b : a; }

function libraryFeed(s) {
  const params = filters.apiParams(s);
  const own = new Feed({
    container: results,
    group: 'results',
    fetchPage: async (after) => {
      const page = await api.library({ ...params, limit: PAGE, after });
      if (feed === own) total = page.total;
      return { items: page.images.map((image) => ({ image })), next: page.next };
    },
    // A day's count: the library's count within the day (and within the filter's dates).
    countDay: async (key) => {
      const start = dayStart(key);
      const end = new Date(start.getFullYear(), start.getMonth(), start.getDate() + 1);
      const page = await api.library({
        ...params,
        from: isoMax(params.from, start.toISOString()),
        to: isoMin(params.to, end.toISOString()),
        limit: 1,
      });
      return page.total;
    },
    onOpen: openImage,
    onSimilar: showSimilar,
  });
  return own;
}

// Search results and similar images page by offset. A server that counts the relevant hits
// (relevant_count) is believed; a hybrid search's score is a fused rank (1/61 for a first place)
// that says nothing on its own, and in date order the first hit is not the best one, so those
// cards carry no relevance meter.
let relevant = null;
function rankedFeed(load) {
  relevant = null;
  const own = new Feed({
    container: results,
    group: 'results',
    fetchPage: async (offset = 0) => {
      const page = await load(offset);
      if (offset === 0 && feed === own) relevant = page.relevant_count ?? null;
      const next = page.results.length < PAGE || offset + PAGE > 10_000 ? null : offset + PAGE;
      const scored = page.mode !== 'hybrid' && page.sort !== 'date';
      return {
        items: page.results.map((hit) => ({ image: hit.image, score: scored ? hit.score : undefined })),
        next,
      };
    },
    onOpen: openImage,
    onSimilar: showSimilar,
  });
  return own;
}

function viewOf(s) {
  if (s.q) return 'search';
  if (s.similar) return 'similar';
  if (s.photo) return 'photo';
  return 'library';
}

function heading(s) {
  if (s.q) return `Results for “${s.q}”`;
  if (s.similar) return 'Similar images';
  if (s.photo) return `Images like your photo “${s.photo}”`;
  return 'Library';
}

function title(s, image) {
  if (image) return `${image.file_name} · ${APP}`;
  if (s.q) return `“${s.q}” · ${APP}`;
  if (s.photo) return `Like “${s.photo}” · ${APP}`;
  if (s.similar) return `Similar images · ${APP}`;
  return `Library · ${APP}`;
}

// The status line under the heading: what the list holds and what is still being indexed.
function describe() {
  const s = state.read();
  const view = viewOf(s);
  let text;
  if (!feed) return;
  if (view === 'library') {
    if (total === 0) text = filters.any(s) ? 'No images match these filters.' : 'Your library is empty.';
    else text = filters.any(s) ? `${plural(total, 'image')} match these filters` : plural(total, 'image');
  } else {
    const n = feed.items.length;
    const count = `${n.toLocaleString()}${feed.done ? '' : '+'}`;
    if (view === 'search' && !n) text = `Nothing matches “${s.q}”.`;
    else if (view === 'search' && relevant !== null) text = `${relevant.toLocaleString()} relevant for “${s.q}”`;
    else if (view === 'search') text = `${count} ${n === 1 ? 'result' : 'results'}, best first`;
    else if (view === 'photo') text = n ? `${count} images like your photo, closest first` : 'Nothing looks like your photo yet.';
    else text = n ? `${count} similar images, closest first` : 'No similar images yet.';
  }
  const indexing = uploads.indexing;
  setStatus(indexing ? `${text} · ${indexing} being indexed` : text);
  $('empty').hidden = !(view === 'library' && total === 0 && !filters.any(s));
  $('load-more').hidden = feed.done;
}

async function showList(s) {
  const view = viewOf(s);
  results.dataset.view = view;
  results.dataset.query = s.q || s.similar || '';
  $('view-title').textContent = heading(s);
  results.setAttribute('aria-label', heading(s));
  $('empty').hidden = true;
  $('load-more').hidden = true;
  feed?.retire();
  if (view === 'library') feed = libraryFeed(s);
  else if (view === 'search') feed = rankedFeed((offset) => api.search({ text: s.q, limit: PAGE, offset, ...filters.apiParams(s), ...filters.searchParams(s) }));
  else if (view === 'photo') {
    // A reload or a shared link names the photo but cannot bring it: it never left this device.
    if (!pickedPhoto || pickedPhoto.name !== s.photo) {
      feed = null;
      images.release('results');
      results.replaceChildren();
      setStatus(`Pick “${s.photo}” again with Search by photo: the photo stays on your device, so the page cannot search by it after a reload.`);
      return;
    }
    const photo = pickedPhoto;
    feed = rankedFeed((offset) => api.searchByImage(photo, PAGE, offset));
  } else feed = rankedFeed((offset) => api.similar(s.similar, PAGE, offset));
  setStatus(view === 'search' || view === 'photo' ? 'Searching…' : 'Loading…');
  const started = feed;
  try {
    await feed.start();
    if (started === feed) describe();
  } catch (e) {
    if (started !== feed) return;
    if (e.status === 401) setStatus('Sign in to see your library.');
    else setStatus(`${view === 'search' || view === 'photo' ? 'Search' : 'Loading'} failed: ${e.message}`, true);
  }
}

// The observer of the sentinel below the list only tells when it comes into reach, so a page that
// leaves it in reach loads the next one itself.
function sentinelInReach() {
  return $('more-sentinel').getBoundingClientRect().top < window.innerHeight + SCROLL_AHEAD;
}

async function loadMore() {
  if (!feed || feed.done) return 0;
  const current = feed;
  try {
    const added = await feed.more();
    if (current === feed) {
      describe();
      if (added && !feed.done && sentinelInReach()) setTimeout(loadMore);
    }
    return added;
  } catch (e) {
    if (current === feed) setStatus(`Could not load more: ${e.message}`, true);
    return 0;
  }
}

async function render(s) {
  document.title = title(s);
  $('query').value = s.q || '';
  filters.render(s);
  if (!signedInOrOpen()) return;
  const key = state.listKey(s);
  if (key !== shownList) {
    shownList = key;
    await showList(s);
  }
  if (s.image) lightbox.show(s.image);
  else lightbox.close();
}

// Until the sign-in box has a key, nothing is fetched (the box is open after a 401).
function signedInOrOpen() {
  return $('sign-in').hidden;
}

function openImage(id) {
  state.go({ ...state.read(), image: id });
}

function showSimilar(id) {
  state.go({ similar: id });
}

const lightbox = new Lightbox({
  neighbours: () => (feed ? feed.ids() : []),
  more: loadMore,
  hasMore: () => Boolean(feed && !feed.done),
  onShow: (image) => {
    lastShown = image.id;
    const s = state.read();
    if (s.image !== image.id) state.go({ ...s, image: image.id }, { replace: true });
    document.title = title(s, image);
  },
  onClose: () => {
    const s = state.read();
    if (s.image && state.openedOverList()) history.back();
    else if (s.image) state.go({ ...s, image: undefined }, { replace: true });
    document.title = title(state.read());
    if (!grid.focusCard(results, lastShown)) $('query').focus();
  },
  onDeleted: (id, image) => {
    results.querySelector(`.card[data-id="${id}"]`)?.remove();
    if (feed) feed.items = feed.items.filter((item) => item.image.id !== id);
    total = Math.max(0, total - 1);
    describe();
    setStatus(`Deleted ${image.file_name}. ${$('status').textContent}`);
  },
  onSimilar: showSimilar,
});

// Newly indexed images show up in the library at once. A reader who scrolled past its first page
// keeps their place: only the count follows, and the new images are at the top on the next visit.
let refresh = null;
async function libraryChanged() {
  const s = state.read();
  if (viewOf(s) !== 'library' || !feed) return;
  if (feed.items.length <= PAGE) {
    shownList = null;
    render(s);
    return;
  }
  const page = await api.library({ ...filters.apiParams(s), limit: 1 });
  total = page.total;
  describe();
}
const uploads = new Uploads({
  onIndexed: () => {
    clearTimeout(refresh);
    refresh = setTimeout(libraryChanged, 800);
  },
  onChange: () => describe(),
});

signIn.setup({
  onSignedIn: (problem) => {
    shownList = null;
    render(state.read()).then(() => {
      if (problem) setStatus(`Signed in, but searching will not work: ${problem.message}`, true);
    });
  },
  onSignedOut: () => {
    feed?.retire();
    feed = null;
    shownList = null;
    lightbox.close();
    ['results', 'similar', 'detail'].forEach(images.release);
    results.replaceChildren();
    setStatus('');
  },
});
filters.setup();
grid.enableKeyboard(results, () => loadMore());

$('search-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const text = $('query').value.trim();
  const s = state.read();
  state.go({ q: text || undefined, from: s.from, to: s.to, type: s.type, tag: s.tag, mode: s.mode, sort: s.sort, order: s.order });
});
$('photo-search').addEventListener('click', () => $('photo-input').click());
$('photo-input').addEventListener('change', () => {
  const [file] = $('photo-input').files;
  $('photo-input').value = ''; // picking the same photo again searches again
  if (!file) return;
  pickedPhoto = file;
  shownList = null;
  state.go({ photo: file.name });
});
$('brand').addEventListener('click', (e) => {
  e.preventDefault();
  state.go({});
});
$('query').addEventListener('keydown', (e) => {
  if (e.key === 'ArrowDown' && grid.focusCard(results)) e.preventDefault();
});
document.addEventListener('keydown', (e) => {
  if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || lightbox.isOpen) return;
  if (e.target.closest('input, textarea, select, [contenteditable]')) return;
  e.preventDefault();
  $('query').focus();
  $('query').select();
});
$('load-more').addEventListener('click', () => loadMore());
new IntersectionObserver((entries) => {
  if (entries.some((entry) => entry.isIntersecting)) loadMore();
}, { rootMargin: `${SCROLL_AHEAD}px 0px` }).observe($('more-sentinel'));

$('load-demo').addEventListener('click', async () => {
  setStatus('Loading demo images…');
  try {
    const r = await api.loadDemo();
    setStatus(`Queued ${r.accepted} demo images; they are being indexed.`);
    await uploads.followRecent(r.accepted);
  } catch (e) {
    setStatus(`Could not load the demo: ${e.message}`, true);
  }
});
$('empty-upload').addEventListener('click', () => $('file-input').click());

state.onChange(render);
if (!state.read().image) $('query').focus();
render(state.read());
