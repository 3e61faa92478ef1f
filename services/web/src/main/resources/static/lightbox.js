// The viewer: one image over the whole window at most at its own size (never blown up past its
// pixels), previous and next (buttons, arrow keys, a swipe), its details, similar images, the
// original and a delete that asks first. A modal <dialog>: focus stays inside while it is open.
import * as api from './api.js';
import * as images from './images.js';
import * as grid from './grid.js';

const $ = (id) => document.getElementById(id);
const TYPES = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/gif': 'GIF', 'image/webp': 'WebP', 'image/bmp': 'BMP' };

export class Lightbox {
  // neighbours() lists the ids the viewer steps through; more() loads the next page of them and
  // hasMore() tells whether there is one.
  constructor({ neighbours, more, hasMore, onShow, onClose, onDeleted, onSimilar }) {
    Object.assign(this, { neighbours, more, hasMore, onShow, onClose, onDeleted, onSimilar });
    this.dialog = $('detail');
    this.generation = 0;
    $('detail-prev').addEventListener('click', () => this.step(-1));
    $('detail-next').addEventListener('click', () => this.step(1));
    $('detail-similar').addEventListener('click', () => this.onSimilar(this.id));
    $('detail-delete').addEventListener('click', () => this.askToDelete());
    $('delete-confirm-no').addEventListener('click', () => this.cancelDelete());
    $('delete-confirm-yes').addEventListener('click', () => this.delete());
    this.dialog.addEventListener('keydown', (e) => {
      if (e.key === 'Tab') this.keepFocus(e);
      if (e.target.closest('input, textarea, select')) return;
      if (e.key === 'ArrowLeft') { e.preventDefault(); this.step(-1); }
      if (e.key === 'ArrowRight') { e.preventDefault(); this.step(1); }
    });
    this.dialog.addEventListener('close', () => {
      this.generation += 1;
      ['detail', 'similar'].forEach(images.release);
      this.id = undefined;
      this.onClose();
    });
    this.swipe($('detail-stage'));
  }

  get isOpen() {
    return this.dialog.open;
  }

  close() {
    if (this.dialog.open) this.dialog.close();
  }

  // Shows image `id`, opening the viewer if it is closed.
  async show(id) {
    if (id === this.id && this.dialog.open) return;
    this.id = id;
    const generation = ++this.generation;
    ['detail', 'similar'].forEach(images.release);
    this.cancelDelete();
    this.setStatus('');
    const picture = $('detail-image');
    picture.removeAttribute('src');
    $('detail-open').removeAttribute('href');
    $('detail-meta').replaceChildren();
    $('similar').replaceChildren();
    this.updateSteps();
    if (!this.dialog.open) this.dialog.showModal();
    let image;
    try {
      image = await api.describe(id);
    } catch (e) {
      if (generation === this.generation) {
        $('detail-title').textContent = 'Image not found';
        this.setStatus(`Could not open the image: ${e.message}`, true);
      }
      return;
    }
    if (generation !== this.generation) return;
    this.image = image;
    $('detail-title').textContent = image.file_name;
    picture.alt = image.file_name;
    picture.width = image.width;
    picture.height = image.height;
    // The original as a blob: URL serves both the picture and the link to open it.
    images.show(picture, image.image_url, 'detail').then((url) => { if (url) $('detail-open').href = url; });
    this.showMeta(image);
    this.onShow(image);
    this.showSimilar(id, generation);
  }

  showMeta(image) {
    const rows = [
      ['Date', new Date(image.created_at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })],
      ['Size', `${image.width} × ${image.height} px`],
      ['Type', TYPES[image.mime_type] || image.mime_type],
      ['Tags', image.tags.length ? image.tags.join(', ') : 'none'],
    ];
    if (image.camera) rows.push(['Camera', image.camera]);
    const meta = $('detail-meta');
    for (const [k, v] of rows) {
      const dt = document.createElement('dt');
      dt.textContent = k;
      const dd = document.createElement('dd');
      dd.textContent = v;
      meta.append(dt, dd);
    }
  }

  async showSimilar(id, generation) {
    const similar = $('similar');
    try {
      const page = await api.similar(id, 8);
      if (generation !== this.generation) return;
      if (!page.results.length) {
        similar.textContent = 'No other images yet.';
        return;
      }
      similar.replaceChildren(...page.results.map((hit) => grid.card(hit.image, {
        group: 'similar', onOpen: (other) => this.show(other),
      })));
      grid.keepOneTabStop(similar);
    } catch (e) {
      if (generation === this.generation) similar.textContent = `Similar images are not available: ${e.message}`;
    }
  }

  updateSteps() {
    const ids = this.neighbours();
    const i = ids.indexOf(this.id);
    $('detail-prev').disabled = i <= 0;
    $('detail-next').disabled = i < 0 || (i === ids.length - 1 && !this.hasMore());
  }

  async step(direction) {
    let ids = this.neighbours();
    let i = ids.indexOf(this.id);
    if (i < 0) return;
    if (direction > 0 && i === ids.length - 1) {
      if (!(await this.more())) { this.updateSteps(); return; }
      ids = this.neighbours();
      i = ids.indexOf(this.id);
    }
    const next = ids[i + direction];
    if (next) this.show(next);
  }

  askToDelete() {
    $('delete-confirm').hidden = false;
    $('detail-delete').hidden = true;
    $('delete-confirm-no').focus();
  }

  cancelDelete() {
    const wasAsking = !$('delete-confirm').hidden;
    $('delete-confirm').hidden = true;
    $('detail-delete').hidden = false;
    if (wasAsking && this.dialog.open) $('detail-delete').focus();
  }

  async delete() {
    const { id, image } = this;
    try {
      await api.remove(id);
    } catch (e) {
      this.cancelDelete();
      this.setStatus(`Could not delete: ${e.message}`, true);
      return;
    }
    this.close();
    this.onDeleted(id, image);
  }

  // A modal dialog keeps the page behind it inert, but Tab past its last control would still leave
  // for the browser's own; it wraps around instead.
  keepFocus(e) {
    const focusable = [...this.dialog.querySelectorAll('button, a[href], [tabindex="0"]')]
      .filter((el) => !el.disabled && el.tabIndex >= 0 && el.getClientRects().length);
    if (!focusable.length) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first.focus(); }
    if (e.shiftKey && document.activeElement === first) { e.preventDefault(); last.focus(); }
  }

  setStatus(text, isError = false) {
    $('detail-status').textContent = text;
    $('detail-status').classList.toggle('error', isError);
  }

  // A horizontal swipe on the picture steps to the previous or next image.
  swipe(stage) {
    let start = null;
    stage.addEventListener('pointerdown', (e) => { start = { x: e.clientX, y: e.clientY }; });
    stage.addEventListener('pointerup', (e) => {
      if (!start) return;
      const dx = e.clientX - start.x;
      const dy = e.clientY - start.y;
      start = null;
      if (Math.abs(dx) > 50 && Math.abs(dx) > 2 * Math.abs(dy)) this.step(dx < 0 ? 1 : -1);
    });
    stage.addEventListener('pointercancel', () => { start = null; });
  }
}
