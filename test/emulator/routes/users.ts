/** Sign-in, sign-out, the current user and their permissions; the spaces they can see. */
import { clearedCookies, sessionCookies } from '../auth';
import { badRequest, errorBody, forbidden, HttpError, notFound } from '../errors';
import type { Ctx, Router } from '../router';
import { canonicalId, jsonBody, pageOfItems } from './common';

const INVALID_LOGIN = 'Invalid username or password.';

export function registerUsers(router: Router): void {
  router.post(
    '/api/users/login',
    (ctx) => {
      const body = jsonBody(ctx);
      const username = typeof body.Username === 'string' ? body.Username : '';
      const password = typeof body.Password === 'string' ? body.Password : '';
      if (!username || !password) throw badRequest(['Please provide a username and password.']);
      const store = ctx.core.store;
      const user = store.users.findIndex(
        (u) => u.Password !== null && u.User.Username.toLowerCase() === username.toLowerCase() && u.Password === password,
      );
      if (user < 0) throw new HttpError(400, errorBody(INVALID_LOGIN, [INVALID_LOGIN]));
      const session = ctx.core.sessions.create(user);
      const state = body.State as { UsingSecureConnection?: unknown } | undefined;
      const secure = state?.UsingSecureConnection === true && isTls(ctx);
      return {
        body: store.users[user].User,
        headers: { 'Set-Cookie': sessionCookies(store.installationId, session, ctx.core.options.sameSite, secure, cookiePath(ctx)) },
      };
    },
    { auth: false },
  );

  router.post('/api/users/logout', (ctx) => {
    ctx.core.sessions.end(ctx.session.token);
    return {
      status: 200,
      body: {},
      headers: { 'Set-Cookie': clearedCookies(ctx.core.store.installationId, ctx.core.options.sameSite, isTls(ctx), cookiePath(ctx)) },
    };
  });

  router.get('/api/users/me', (ctx) => ({ body: ctx.core.store.users[ctx.session.user].User }));

  router.get('/api/users/{userId}/permissions', (ctx) => {
    const store = ctx.core.store;
    const id = canonicalId(ctx.params.userId, 'Users');
    const me = store.users[ctx.session.user];
    if (id !== me.User.Id && ctx.params.userId.toLowerCase() !== 'me') {
      // "Available for the current authenticated user only."
      if (!store.userIndex.has(id)) throw notFound(ctx.params.userId);
      throw forbidden('UserView');
    }
    return { body: me.Permissions };
  });

  router.get('/api/spaces', (ctx) => {
    const store = ctx.core.store;
    const ids = ctx.query.list('ids')?.map((id) => canonicalId(id, 'Spaces'));
    const partial = ctx.query.get('partialName')?.toLowerCase();
    const items = store.spaces.filter(
      (s, i) =>
        ctx.access.inSpace(i) &&
        (!ids || ids.includes(s.Id)) &&
        (!partial || s.Name.toLowerCase().includes(partial)),
    );
    return { body: pageOfItems(ctx, items, 'Space', '/api/spaces{/id}{?skip,ids,take,partialName}') };
  });

  router.get('/api/spaces/{id}', (ctx) => {
    const store = ctx.core.store;
    const space = store.spaceIndex.get(canonicalId(ctx.params.id, 'Spaces'));
    if (space === undefined) throw notFound(ctx.params.id);
    if (!ctx.access.inSpace(space)) throw forbidden('SpaceView');
    return { body: store.spaces[space] };
  });
}

const cookiePath = (ctx: Ctx): string => ctx.core.options.basePath || '/';

function isTls(ctx: { req: { socket: unknown } }): boolean {
  return (ctx.req.socket as { encrypted?: boolean }).encrypted === true;
}
