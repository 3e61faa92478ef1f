// Cards of images and the keyboard in a grid of them: one Tab stop for the whole grid (the card
// last focused), arrow keys move between cards by their place on screen, Home and End jump to the
// first and last, Enter opens.
import * as images from './images.js';
import { relevance } from './format.js';

// A card: the picture and its name open the viewer; "Similar" lists look-alikes. `hit.best` is the
// score of the search's best hit, for the relevance meter of search results.
export function card(image, { group, onOpen, onSimilar, score, best }) {
  const article = document.createElement('article');
  article.className = 'card';
  article.dataset.id = image.id;
  const open = document.createElement('button');
  open.type = 'button';
  open.className = 'open';
  open.title = image.file_name;
  open.tabIndex = -1;
  const img = document.createElement('img');
  img.alt = '';
  img.width = 200;
  img.height = 200;
  // The thumbnail of the right density; a server without srcsets gives only the one URL.
  images.lazy(img, image.thumbnail_srcset || image.thumbnail_url, group,
    Math.max(1, image.width / image.height));
  const name = document.createElement('span');
  name.className = 'name';
  name.textContent = image.file_name;
  open.append(img, name);
  open.addEventListener('click', () => onOpen(image.id));
  article.append(open);
  if (score !== undefined) {
    const { share, word } = relevance(score, best);
    const row = document.createElement('span');
    row.className = 'relevance';
    row.title = `Cosine similarity ${score.toFixed(3)}`;
    const meter = document.createElement('meter');
    meter.min = 0;
    meter.max = 1;
    meter.value = share;
    meter.setAttribute('aria-hidden', 'true');
    const text = document.createElement('span');
    text.textContent = word;
    row.append(meter, text);
    open.append(row);
  }
  if (onSimilar) {
    const similar = document.createElement('button');
    similar.type = 'button';
    similar.className = 'similar';
    similar.tabIndex = -1;
    similar.textContent = 'Similar';
    similar.setAttribute('aria-label', `Find images similar to ${image.file_name}`);
    similar.addEventListener('click', () => onSimilar(image.id));
    article.append(similar);
  }
  return article;
}

function openers(container) {
  return [...container.querySelectorAll('.card .open')];
}

// Makes sure exactly one card of `container` is reachable by Tab.
export function keepOneTabStop(container) {
  const all = openers(container);
  if (all.length && !all.some((b) => b.tabIndex === 0)) all[0].tabIndex = 0;
}

export function focusCard(container, id) {
  const target = id ? container.querySelector(`.card[data-id="${id}"] .open`) : openers(container)[0];
  if (!target) return false;
  moveTo(container, target);
  return true;
}

function moveTo(container, button) {
  openers(container).forEach((b) => { b.tabIndex = b === button ? 0 : -1; });
  button.focus();
  button.scrollIntoView({ block: 'nearest' });
}

// The card in the next row up (-1) or down (1) nearest to `from` horizontally.
function vertical(all, from, direction) {
  const origin = from.getBoundingClientRect();
  const rows = all
    .map((b) => ({ b, r: b.getBoundingClientRect() }))
    .filter(({ r }) => (direction > 0 ? r.top > origin.top + 1 : r.top < origin.top - 1));
  if (!rows.length) return null;
  const rowTop = direction > 0 ? Math.min(...rows.map(({ r }) => r.top)) : Math.max(...rows.map(({ r }) => r.top));
  const row = rows.filter(({ r }) => Math.abs(r.top - rowTop) < 2);
  const x = origin.left + origin.width / 2;
  row.sort((a, b) => Math.abs(a.r.left + a.r.width / 2 - x) - Math.abs(b.r.left + b.r.width / 2 - x));
  return row[0].b;
}

// `onEnd` runs when Down or Right is pressed on the last card (to load more).
export function enableKeyboard(container, onEnd) {
  container.addEventListener('keydown', (e) => {
    const from = e.target.closest('.open');
    if (!from) return;
    const all = openers(container);
    const i = all.indexOf(from);
    let to = null;
    switch (e.key) {
      case 'ArrowRight': to = all[i + 1]; break;
      case 'ArrowLeft': to = all[i - 1]; break;
      case 'ArrowDown': to = vertical(all, from, 1); break;
      case 'ArrowUp': to = vertical(all, from, -1); break;
      case 'Home': to = all[0]; break;
      case 'End': to = all[all.length - 1]; break;
      default: return;
    }
    e.preventDefault();
    if (to) moveTo(container, to);
    else if ((e.key === 'ArrowDown' || e.key === 'ArrowRight') && onEnd) onEnd();
  });
  container.addEventListener('focusin', (e) => {
    const button = e.target.closest('.open');
    if (button) openers(container).forEach((b) => { b.tabIndex = b === button ? 0 : -1; });
  });
}
