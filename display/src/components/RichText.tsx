import type { ComponentChildren } from 'preact';

/** A catalogue message with `{name}` slots filled by elements, so parts of a sentence can be styled. */
export function RichText({ template, slots }: { template: string; slots: Record<string, ComponentChildren> }) {
  const parts = template.split(/(\{\w+\})/);
  return <>{parts.map((part) => (/^\{\w+\}$/.test(part) ? slots[part.slice(1, -1)] : part))}</>;
}
