const MAP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or attribute value into HTML. */
export const esc = (s: string | number): string => String(s).replace(/[&<>"']/g, (c) => MAP[c] as string);
