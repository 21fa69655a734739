import type { ComponentChildren } from 'preact';

interface NoticeProps {
  title: string;
  tone?: 'info' | 'error';
  testId?: string;
  children?: ComponentChildren;
}

/** A titled message block in the insights page (styled by `.notice` in entrypoints/insights/style.css). */
export function Notice({ title, tone = 'info', testId, children }: NoticeProps) {
  return (
    <div class={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'} data-testid={testId}>
      <h2>{title}</h2>
      {children}
    </div>
  );
}
