/**
 * Octopus's errors contract (`ErrorMessage, Errors, ParsedHelpLinks, Details`, docs/octopus-api.md §3)
 * and the messages the emulator answers with.
 */
import type { OctopusError } from './history-file';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: OctopusError,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.ErrorMessage);
  }
}

export function errorBody(message: string, errors: string[] = [], extra: Partial<OctopusError> = {}): OctopusError {
  return { ErrorMessage: message, Errors: errors, ParsedHelpLinks: [], Details: {}, ...extra };
}

export const UNAUTHORIZED_MESSAGE =
  'You must be logged in to request this resource and provide a valid API key or bearer token.';
export const CSRF_MESSAGE = 'A required anti-forgery token was not supplied or was invalid.';
export const forbiddenMessage = (permission: string) =>
  `You do not have permission to perform this action. Please contact your Octopus administrator. Missing permission: ${permission}`;

export const unauthorized = () =>
  new HttpError(
    401,
    errorBody(UNAUTHORIZED_MESSAGE, [], {
      HelpText: 'Please sign in, or provide an API key in the X-Octopus-ApiKey header.',
    }),
  );

export const forbidden = (permission: string) => new HttpError(403, errorBody(forbiddenMessage(permission)));

export const csrfRejected = () => new HttpError(403, errorBody(CSRF_MESSAGE));

export const notFound = (what?: string) =>
  new HttpError(
    404,
    errorBody(what ? `The resource '${what}' was not found.` : 'The resource you requested was not found.'),
  );

export const badRequest = (errors: string[], message = 'There was a problem with your request.') =>
  new HttpError(400, errorBody(message, errors));

export const methodNotAllowed = () => new HttpError(405, errorBody('The requested HTTP method is not allowed.'));
