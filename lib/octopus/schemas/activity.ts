/** What changed: the audit event feed that incremental syncs read. */
import { z } from 'zod';
import { idList, named } from './common';

/**
 * `GET /api/{spaceId}/events`. `RelatedDocumentIds` ties an event to its deployment, release, project,
 * environment, task, channel and tenant; the number in `Id` orders the feed. Named `OctopusEvent` because
 * `Event` is the DOM's.
 */
export const EventSchema = named(
  'Event',
  z.object({
    Id: z.string(),
    Category: z.string(),
    RelatedDocumentIds: idList,
  }),
);
export type OctopusEvent = z.infer<typeof EventSchema>;

/** An event as the before/after picker shows it: when, and Octopus's own sentence. */
export const ChangeEventSchema = named(
  'Event',
  z.object({
    Id: z.string(),
    Category: z.string(),
    RelatedDocumentIds: idList,
    Occurred: z.string(),
    Message: z.string().nullish().transform((m) => m ?? ''),
  }),
);
export type OctopusChangeEvent = z.infer<typeof ChangeEventSchema>;

/** `Events-872850` → 872850, the number the `fromAutoId`/`toAutoId` filters compare. */
export function eventAutoId(eventId: string): number | undefined {
  const m = /^Events-(\d+)$/.exec(eventId);
  return m ? Number(m[1]) : undefined;
}
