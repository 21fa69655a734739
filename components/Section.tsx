import type { ComponentChildren } from 'preact';

interface SectionProps {
  /** Prefix for the heading's id, which labels the section (so it is a landmark screen readers list). */
  id: string;
  title: string;
  intro?: ComponentChildren;
  children: ComponentChildren;
}

/** A titled card: one `<section>` labelled by its `<h2>`. */
export function Section({ id, title, intro, children }: SectionProps) {
  const headingId = `${id}-heading`;
  return (
    <section class="card section" aria-labelledby={headingId} id={id}>
      <h2 id={headingId}>{title}</h2>
      {intro ? <div class="section-intro">{intro}</div> : null}
      {children}
    </section>
  );
}
