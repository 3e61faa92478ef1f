// Signing in: the account area says who is signed in; the sign-in panel opens when the server asks
// for a key (a 401 anywhere) and closes once a key it accepts is kept.
import * as api from './api.js';
import * as auth from './auth.js';
import { showMigrationBanner } from './migration-banner.js';

const $ = (id) => document.getElementById(id);

// onSignedIn(problem) runs once a key is kept, with the refusal of a key that cannot search (or
// null); onSignedOut() after sign-out.
export function setup({ onSignedIn, onSignedOut }) {
  const panel = $('sign-in');

  function showAccount() {
    const key = auth.currentKey();
    $('account').hidden = !key && panel.hidden;
    $('account-state').textContent = key ? (auth.isRemembered() ? 'Signed in on this device' : 'Signed in') : '';
    $('sign-in-open').hidden = Boolean(key) || !panel.hidden;
    $('sign-out').hidden = !key;
  }

  function askForKey(reason) {
    panel.hidden = false;
    document.body.classList.add('signing-in');
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
    panel.hidden = true;
    document.body.classList.remove('signing-in');
    showAccount();
    showMigrationBanner();
    onSignedIn(answer.ok ? null : answer.error);
  });

  $('sign-in-open').addEventListener('click', () => askForKey('Sign in with an API key.'));
  $('sign-out').addEventListener('click', () => {
    auth.forget();
    onSignedOut();
    askForKey('Signed out: this browser no longer keeps the key.');
  });
  showAccount();
}
