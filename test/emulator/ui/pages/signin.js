import { h, replace } from '../dom.js';
import { session, signIn } from '../session.js';
import { logoMark } from '../icons.js';

/** Where to go after signing in: only in-app routes, never another origin or the sign-in page itself. */
export function safeRedirect(value) {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/users/sign-in')) return undefined;
  return value;
}

export function signInPage(ctx, onSignedIn) {
  const redirectTo = safeRedirect(ctx.query.get('redirectTo'));
  const error = h('div', { class: 'signin-error', role: 'alert', hidden: true });
  const username = h('input', { id: 'userName', name: 'userName', type: 'text', autocomplete: 'username', required: true, class: 'input' });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true, class: 'input' });
  const submit = h('button', { type: 'submit', class: 'button button-primary button-wide' }, 'Sign in');

  const form = h(
    'form',
    { class: 'signin-form', novalidate: true },
    h('label', { for: 'userName', class: 'label' }, 'Username'),
    username,
    h('label', { for: 'password', class: 'label' }, 'Password'),
    password,
    error,
    submit,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    if (!username.value || !password.value) {
      replace(error, 'Please enter a username and password.');
      error.hidden = false;
      return;
    }
    submit.disabled = true;
    submit.textContent = 'Signing in…';
    try {
      await signIn(username.value, password.value);
      if (session.me) onSignedIn(redirectTo);
      else throw new Error('Signed in, but the server did not recognise the session.');
    } catch (failure) {
      replace(error, failure?.body?.ErrorMessage || failure?.message || 'Sign in failed.');
      error.hidden = false;
      submit.disabled = false;
      submit.textContent = 'Sign in';
      password.select();
    }
  });
  queueMicrotask(() => username.focus());

  const version = session.root?.Version;
  return h(
    'div',
    { class: 'signin-page' },
    h(
      'div',
      { class: 'signin-card' },
      h('div', { class: 'signin-brand' }, logoMark(), h('span', null, 'Octopus Deploy')),
      h('h1', { class: 'signin-title' }, 'Sign in'),
      h('p', { class: 'muted' }, 'Sign in with your Octopus account to continue.'),
      form,
    ),
    h('div', { class: 'signin-footer' }, version ? `Octopus Deploy ${version}` : 'Octopus Deploy'),
  );
}
