// Words and numbers as the page shows them.
export function plural(n, one, many = `${one}s`) {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

// The local day an instant falls on, as a key and as the heading of its group.
export function dayKey(instant) {
  const d = new Date(instant);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function dayStart(key) {
  const [y, m, d] = key.split('-').map(Number);
  return new Date(y, m - 1, d);
}

export function dayHeading(key, now = new Date()) {
  const day = dayStart(key);
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const days = Math.round((today - day) / 86_400_000);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return day.toLocaleDateString(undefined, {
    weekday: days < 7 ? 'long' : undefined,
    day: 'numeric',
    month: 'long',
    year: day.getFullYear() === now.getFullYear() ? undefined : 'numeric',
  });
}

// How well a hit matches, next to the best hit of its search: a word and a share for the meter.
// Cosine scores mean little on their own (a good CLIP match is often 0.3), the ranking does.
export function relevance(score, best) {
  const share = best > 0 ? Math.max(0, Math.min(1, score / best)) : 0;
  let word = 'Weak match';
  if (share >= 0.999) word = 'Best match';
  else if (share >= 0.9) word = 'Strong match';
  else if (share >= 0.75) word = 'Good match';
  else if (share >= 0.6) word = 'Fair match';
  return { share, word };
}
