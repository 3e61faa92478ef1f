// The API key the user signed in with, kept only where they chose: this tab's sessionStorage
// (gone when the tab closes) by default, localStorage when they ticked "Remember on this device".
const STORAGE_KEY = 'imagesearch.apiKey';

export function currentKey() {
  return sessionStorage.getItem(STORAGE_KEY) || localStorage.getItem(STORAGE_KEY);
}

export function isRemembered() {
  return localStorage.getItem(STORAGE_KEY) !== null;
}

export function remember(key, onThisDevice) {
  forget();
  (onThisDevice ? localStorage : sessionStorage).setItem(STORAGE_KEY, key);
}

export function forget() {
  sessionStorage.removeItem(STORAGE_KEY);
  localStorage.removeItem(STORAGE_KEY);
}

// Headers carrying `key` (the stored one by default); none without a key. A header, never a
// cookie: a page of another site cannot make the browser send it.
export function headers(key = currentKey()) {
  return key ? { Authorization: `Bearer ${key}` } : {};
}
