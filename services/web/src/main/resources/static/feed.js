// A list of images that grows a page at a time as the reader scrolls (or presses "Load more"): the
// library grouped by day, search results, similar images. A new start() drops the answers of the
// one before, however late they arrive, and so does retire() when another feed takes the container.
import * as images from './images.js';
import * as grid from './grid.js';
import { dayHeading, dayKey, plural } from './format.js';

export class Feed {
  // fetchPage(cursor) resolves to { items: [{ image, score }], next } (next: null after the last);
  // with countDay(key), cards go into day sections whose heading says how many images it holds.
  constructor({ container, group, fetchPage, countDay, onOpen, onSimilar }) {
    Object.assign(this, { container, group, fetchPage, countDay, onOpen, onSimilar });
    this.generation = 0;
    this.items = [];
  }

  async start() {
    this.generation += 1;
    images.release(this.group);
    this.container.replaceChildren();
    this.flat = null;
    this.items = [];
    this.next = undefined;
    this.best = undefined;
    this.loading = null;
    return this.more();
  }

  // Another feed takes over the container: a page still on its way must not land in it.
  retire() {
    this.generation += 1;
    this.loading = null;
  }

  get done() {
    return this.next === null;
  }

  ids() {
    return this.items.map((item) => item.image.id);
  }

  // Loads the next page; resolves to the number of images it added (0 at the end).
  more() {
    if (this.done) return Promise.resolve(0);
    if (!this.loading) {
      const generation = this.generation;
      this.loading = this.fetchPage(this.next).then((page) => {
        if (generation !== this.generation) return 0;
        this.loading = null;
        this.next = page.next;
        this.append(page.items);
        return page.items.length;
      }, (error) => {
        if (generation === this.generation) this.loading = null;
        throw error;
      });
    }
    return this.loading;
  }

  append(items) {
    if (this.best === undefined && items.length) this.best = items[0].score;
    for (const item of items) {
      this.items.push(item);
      const element = grid.card(item.image, {
        group: this.group, onOpen: this.onOpen, onSimilar: this.onSimilar, score: item.score, best: this.best,
      });
      this.target(item.image).append(element);
    }
    grid.keepOneTabStop(this.container);
  }

  // The grid a card goes into: the feed's only grid, or its day's section.
  target(image) {
    if (!this.countDay) {
      if (!this.flat) {
        this.flat = document.createElement('div');
        this.flat.className = 'grid';
        this.container.append(this.flat);
      }
      return this.flat;
    }
    const key = dayKey(image.created_at);
    const last = this.container.lastElementChild;
    if (last && last.dataset.day === key) return last.querySelector('.grid');
    const section = document.createElement('section');
    section.className = 'day';
    section.dataset.day = key;
    const heading = document.createElement('h3');
    heading.id = `day-${key}`;
    section.setAttribute('aria-labelledby', heading.id);
    heading.textContent = dayHeading(key);
    const count = document.createElement('span');
    count.className = 'count';
    heading.append(' ', count);
    this.countDay(key).then((n) => { count.textContent = `· ${plural(n, 'image')}`; }, () => {});
    const cards = document.createElement('div');
    cards.className = 'grid';
    section.append(heading, cards);
    this.container.append(section);
    return cards;
  }
}
