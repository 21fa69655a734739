import type { RefusalReason } from './authorize';

/**
 * The worker refused to act (see authorize.ts). Pages show a neutral text for it, never the detail, which
 * may carry attacker-chosen values and is for the worker's debugging log only.
 */
export class Refused extends Error {
  readonly kind = 'not-allowed';
  constructor(
    readonly reason: RefusalReason,
    readonly detail: string,
  ) {
    super(REFUSAL_TEXT[reason]);
    this.name = 'Refused';
  }
}

/** What a page may say for each refusal: nothing about the server or space it was asked for. */
export const REFUSAL_TEXT: Record<RefusalReason, string> = {
  'unknown-caller': 'Open DORA Lens from your Octopus server.',
  'bad-server': 'Open DORA Lens from your Octopus server.',
  'bad-space': 'Open DORA Lens from your Octopus server.',
  'not-enabled': 'DORA Lens is not enabled for this Octopus server. Enable it from the DORA Lens toolbar button on your Octopus tab, or in Options.',
  'wrong-site': 'Open DORA Lens from your Octopus server.',
  'not-opened': 'Open DORA Lens from your Octopus server.',
};
