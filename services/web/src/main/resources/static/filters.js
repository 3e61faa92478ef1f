// Filters of the library and of searches: chosen in a panel, shown as chips that remove themselves
// when pressed. They live in the URL (from, to, type, tag) like the rest of the page's state, and so
// do a search's match and order (mode, sort, order), chosen in the same panel.
import * as state from './state.js';

const $ = (id) => document.getElementById(id);
export const TYPES = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/webp': 'WebP', 'image/gif': 'GIF', 'image/bmp': 'BMP' };

function dateLabel(value) {
  return new Date(`${value}T00:00`).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

// The day after `value` (a yyyy-mm-dd): "to" in the URL is inclusive, the API's is exclusive.
function dayAfter(value) {
  const d = new Date(`${value}T00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

// The API's filter parameters for the page's state, bounds in the reader's time zone.
export function apiParams(s) {
  const local = (day) => new Date(`${day}T00:00`).toISOString();
  return {
    from: s.from ? local(s.from) : undefined,
    to: s.to ? local(dayAfter(s.to)) : undefined,
    mime_type: s.type ?? [],
    tag: s.tag ?? [],
  };
}

// A search's mode and order as the API takes them; absent ones are left to api.js's defaults.
export function searchParams(s) {
  const params = {};
  if (s.mode) params.mode = s.mode;
  if (s.sort) params.sort = s.sort;
  if (s.sort && s.order) params.order = s.order;
  return params;
}

// The Order select's value for a state, and back: relevance, date-desc or date-asc.
function orderChoice(s) {
  return s.sort === 'date' ? `date-${s.order === 'asc' ? 'asc' : 'desc'}` : 'relevance';
}

function orderState(choice) {
  const [sort, order] = choice.split('-');
  return sort === 'date' ? { sort, order } : { sort: undefined, order: undefined };
}

export function any(s) {
  return Boolean(s.from || s.to || s.type?.length || s.tag?.length);
}

export function setup() {
  const panel = $('filters');
  const toggle = $('filters-toggle');
  const show = (open) => {
    panel.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open) $('filter-from').focus();
  };
  toggle.addEventListener('click', () => show(panel.hidden));
  $('filters-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const current = state.read();
    const tags = $('filter-tag').value.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean);
    state.go({
      ...current,
      image: undefined,
      from: $('filter-from').value || undefined,
      to: $('filter-to').value || undefined,
      type: [...panel.querySelectorAll('input[name=type]:checked')].map((c) => c.value),
      tag: [...new Set([...(current.tag ?? []), ...tags])],
      mode: $('filter-mode').value === 'hybrid' ? undefined : $('filter-mode').value,
      ...orderState($('filter-sort').value),
    });
    $('filter-tag').value = '';
    show(false);
    toggle.focus();
  });
  $('filters-cancel').addEventListener('click', () => { show(false); toggle.focus(); });
  panel.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') { e.preventDefault(); show(false); toggle.focus(); }
  });
}

// Shows the state's filters as chips and in the panel's fields.
export function render(s) {
  $('filter-from').value = s.from || '';
  $('filter-to').value = s.to || '';
  $('filter-mode').value = ['semantic', 'keyword'].includes(s.mode) ? s.mode : 'hybrid';
  $('filter-sort').value = orderChoice(s);
  document.querySelectorAll('#filters input[name=type]').forEach((c) => { c.checked = (s.type ?? []).includes(c.value); });
  const chips = [];
  const chip = (label, without) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'chip';
    button.textContent = label;
    button.setAttribute('aria-label', `Remove filter: ${label}`);
    button.addEventListener('click', () => state.go({ ...without, image: undefined }));
    chips.push(button);
  };
  if (s.from && s.to) chip(`${dateLabel(s.from)} – ${dateLabel(s.to)}`, { ...s, from: undefined, to: undefined });
  else if (s.from) chip(`Since ${dateLabel(s.from)}`, { ...s, from: undefined });
  else if (s.to) chip(`Until ${dateLabel(s.to)}`, { ...s, to: undefined });
  for (const type of s.type ?? []) chip(TYPES[type] || type, { ...s, type: s.type.filter((t) => t !== type) });
  for (const tag of s.tag ?? []) chip(`#${tag}`, { ...s, tag: s.tag.filter((t) => t !== tag) });
  $('chips').replaceChildren(...chips);
  $('chips').hidden = !chips.length;
  $('filters-toggle').textContent = chips.length ? `Filters (${chips.length})` : 'Filters';
}
