/**
 * Markdown for a chat or a wiki, from names DORA Lens did not write: a project called `*Ops* [prod](x)`
 * must read as those characters, not as emphasis and a link. Pure.
 */

/**
 * Characters Markdown (CommonMark, GitHub's tables and strikethrough) gives a meaning to inside a line, each
 * escaped with a backslash: emphasis, code, links and images (`[` opens both), HTML and entities, table
 * cells. Names never start a line here, so the line-start markers (`#`, `-`, `1.`) need nothing.
 */
const SPECIAL = /[\\`*_[\]<>&|~]/g;

/**
 * A name as literal Markdown text, on one line.
 *
 * @example
 * escapeMarkdown('*Ops* [prod](x)') //=> '\\*Ops\\* \\[prod\\](x)'
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(SPECIAL, (c) => `\\${c}`);
}
