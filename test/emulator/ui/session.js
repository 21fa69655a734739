import * as api from './api.js';
import { clearCache } from './data.js';

/** What the shell needs about the server and the signed-in user; `me` is null when signed out. */
export const session = {
  root: undefined,
  me: undefined,
  spaces: undefined,
};

/** GET /api, then /api/users/me; a 401 on the latter just means nobody is signed in. */
export async function loadSession() {
  session.root = await api.get('/api', { expect401: true });
  api.setInstallationId(session.root?.InstallationId);
  await loadMe();
}

export async function loadMe() {
  try {
    session.me = await api.get('/api/users/me', { expect401: true });
  } catch (error) {
    if (error.status !== 401) throw error;
    session.me = null;
  }
  session.spaces = undefined;
}

export async function spaces(signal) {
  if (!session.spaces) session.spaces = await api.getAll('/api/spaces', { signal });
  return session.spaces;
}

export async function defaultSpaceId(signal) {
  const list = await spaces(signal);
  return (list.find((s) => s.IsDefault) ?? list[0])?.Id ?? 'Spaces-1';
}

export async function signIn(username, password) {
  await api.request('/api/users/login', {
    method: 'POST',
    body: { Username: username, Password: password, State: { UsingSecureConnection: location.protocol === 'https:' } },
    expect401: true,
  });
  await loadMe();
}

export async function signOut() {
  try {
    await api.request('/api/users/logout', { method: 'POST', expect401: true });
  } finally {
    clearCache();
    session.me = null;
    session.spaces = undefined;
  }
}
