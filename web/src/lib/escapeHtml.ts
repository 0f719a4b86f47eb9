// Text from the store (offer and segment names) goes into chart tooltips, which ECharts renders as
// HTML: escaped so a name is shown, never interpreted.
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
