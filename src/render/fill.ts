/** Fill `{name}` placeholders of a message; a placeholder without a value stays visible (the store fills `{ticket}`). */
export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
