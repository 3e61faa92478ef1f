// The page's state lives in its URL, so reload, a shared link and Back/Forward show the same thing:
// q (the search text), similar (an image whose look-alikes are listed), photo (the name of a photo
// picked to search by: the photo itself stays in the page, never in the URL), from, to, type and tag
// (filters; type and tag may repeat), mode, sort and order (how a search matches and orders) and
// image (the image open in the viewer).
const LISTS = ['type', 'tag'];
const SINGLES = ['q', 'similar', 'photo', 'from', 'to', 'mode', 'sort', 'order', 'image'];
const listeners = [];

export function read(url = window.location.href) {
  const params = new URL(url, window.location.origin).searchParams;
  const state = {};
  for (const name of SINGLES) {
    const value = (params.get(name) || '').trim();
    if (value) state[name] = value;
  }
  for (const name of LISTS) {
    const values = params.getAll(name).map((v) => v.trim()).filter(Boolean);
    if (values.length) state[name] = [...new Set(values)];
  }
  return state;
}

export function href(state) {
  const params = new URLSearchParams();
  for (const name of [...SINGLES, ...LISTS]) {
    for (const value of [].concat(state[name] ?? [])) if (value) params.append(name, value);
  }
  const query = params.toString();
  return query ? `/?${query}` : '/';
}

// What the list shows: everything but the open image.
export function listKey(state) {
  return href({ ...state, image: undefined });
}

// Moves to `state`: a new history entry, or in place of the current one with `replace`. An entry
// with an open image is marked, so closing the viewer can go back to the list's own entry.
export function go(state, { replace = false } = {}) {
  const url = href(state);
  if (url !== `${window.location.pathname}${window.location.search}`) {
    history[replace ? 'replaceState' : 'pushState']({ viewer: Boolean(state.image) }, '', url);
  }
  listeners.forEach((listener) => listener(read()));
}

// Whether the current entry was opened over a list entry of this page (Back returns to it).
export function openedOverList() {
  return Boolean(history.state?.viewer) && history.length > 1;
}

export function onChange(listener) {
  listeners.push(listener);
}

window.addEventListener('popstate', () => listeners.forEach((listener) => listener(read())));
