import { ConfigError } from '../errors';
import { Category } from '../types/ticket';

/** Default tier-2 group per category; override with ROUTING_GROUPS="network=netops,security=soc". */
export const DEFAULT_ROUTING: Record<Category, string> = {
  hardware: 'field-services',
  software: 'applications',
  network: 'network',
  account: 'identity',
  data: 'data',
  email: 'messaging',
  security: 'security',
  other: 'service-desk',
};

/** Parse a `category=group,...` override into a full routing table. */
export function parseRouting(spec: string | undefined): Record<Category, string> {
  const routing = { ...DEFAULT_ROUTING };
  for (const pair of (spec ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const [category, group] = pair.split('=').map((s) => s.trim());
    const parsed = Category.safeParse(category);
    if (!parsed.success || !group || !/^[a-z0-9][a-z0-9_-]{0,62}$/.test(group)) {
      throw new ConfigError(`ROUTING_GROUPS: "${pair}" should be category=group with a category of ${Category.options.join(', ')} and a lower-case group name`);
    }
    routing[parsed.data] = group;
  }
  return routing;
}
