// A banner while the library changes model: the migration's progress, then the recall gate's
// verdict. On its own so the rest of the page does not depend on it; a server without model
// changes (404) shows nothing.
import * as auth from './auth.js';

const POLL_MS = 3000;

function describe(model) {
  return `${model.model_id} (${model.dimension}-d)`;
}

function recallLine(gate) {
  return gate.checks
    .map((c) => `${c.name} recall@${c.k}: ${c.candidate.toFixed(3)} (current ${c.current.toFixed(3)})`)
    .join(', ');
}

function render(banner, models) {
  const m = models.migration;
  banner.replaceChildren();
  banner.className = 'migration-banner';
  const text = document.createElement('p');
  banner.append(text);
  if (m && m.in_progress) {
    if (m.phase === 'REINDEXING') {
      const percent = m.total ? Math.floor((100 * m.done) / m.total) : 0;
      const eta = m.eta_seconds != null ? `, about ${m.eta_seconds} s left` : '';
      text.textContent = `Changing the model to ${describe(m.target)}: ${m.done} of ${m.total} images`
        + ` (${percent}%)${eta}. ${describe(models.active)} keeps answering searches meanwhile.`;
      const bar = document.createElement('progress');
      bar.max = m.total || 1;
      bar.value = m.done;
      bar.setAttribute('aria-label', 'Model migration progress');
      banner.append(bar);
    } else if (m.phase === 'EVALUATING') {
      text.textContent = `Measuring the recall of ${describe(m.target)} against ${describe(models.active)}…`;
    } else {
      banner.classList.add('refused');
      text.textContent = `${describe(m.target)} was not switched to: ${m.gate ? m.gate.reason : 'the recall gate refused it'}.`;
    }
    if (m.last_error) text.textContent += ` Retrying after an error: ${m.last_error}`;
    return true;
  }
  if (models.last_switch) {
    banner.classList.add('switched');
    text.textContent = `Now searching with ${describe(models.active)}. ${recallLine(models.last_switch)}.`;
    return true;
  }
  return false;
}

export async function showMigrationBanner(banner = document.getElementById('migration-banner')) {
  if (!banner) return;
  let models;
  try {
    // Without a key that may search (401/403) the banner stays hidden; signing in shows it.
    const response = await fetch('/api/v1/models', { headers: auth.headers() });
    if (!response.ok) { banner.hidden = true; return; }
    models = await response.json();
  } catch (_) {
    banner.hidden = true;
    return;
  }
  banner.hidden = !render(banner, models);
  if (models.migration && models.migration.in_progress && models.migration.phase !== 'REFUSED') {
    setTimeout(() => showMigrationBanner(banner), POLL_MS);
  }
}

showMigrationBanner();
