/**
 * Whether a dimension entry is a placeholder rather than something the user may see. The cache gives an
 * id that is only referenced — a lifecycle phase naming an environment the user has no permission for, a
 * channel of a hidden project — an entry named by its id (lib/store/load.ts), so indices stay valid. Those
 * are not in the user's Octopus lists, so the report treats them as not visible: never offered in the
 * editor, and counted as hidden when a report names them.
 */
export const isPlaceholder = (entry: { id: string; name: string }): boolean => entry.name === entry.id;
