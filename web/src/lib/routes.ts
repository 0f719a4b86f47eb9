// The dashboard's pages as hash routes (#/tors/tor-3): the server serves one index.html, so every
// page is reachable by URL, back/forward work, and no server route is needed per page.

export type Route =
  | { page: 'tors' }
  | { page: 'tor-new' }
  | { page: 'tor'; id: string; tab?: string }
  | { page: 'recommendations'; customer?: string }
  | { page: 'customers' }
  | { page: 'customer'; id: string }
  | { page: 'offers' }
  | { page: 'segments'; id?: string }
  | { page: 'maps'; id?: string }
  | { page: 'rules' }
  | { page: 'promotions' }
  | { page: 'campaigns'; id?: string; window?: string; attribution?: string; churnDays?: string; controlPct?: string }
  | { page: 'loyalty' }
  | { page: 'data' }
  | { page: 'admin'; tab?: string }
  | { page: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+/, '');
  const [pathPart, queryPart = ''] = path.split('?');
  const parts = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  const q = new URLSearchParams(queryPart);
  if (parts.length === 0) return { page: 'tors' };
  switch (parts[0]) {
    case 'tors':
      if (parts.length === 1) return { page: 'tors' };
      if (parts[1] === 'new') return { page: 'tor-new' };
      return { page: 'tor', id: parts[1], tab: parts[2] };
    case 'recommendations':
      return { page: 'recommendations', customer: q.get('customer') ?? undefined };
    case 'customers':
      return parts[1] ? { page: 'customer', id: parts[1] } : { page: 'customers' };
    case 'offers':
      return { page: 'offers' };
    case 'segments':
      return parts[1] ? { page: 'segments', id: parts[1] } : { page: 'segments' };
    case 'maps':
      return parts[1] ? { page: 'maps', id: parts[1] } : { page: 'maps' };
    case 'rules':
      return { page: 'rules' };
    case 'promotions':
      return { page: 'promotions' };
    case 'campaigns':
      return campaignsRoute(parts[1], q);
    case 'loyalty':
      return { page: 'loyalty' };
    case 'data':
      return { page: 'data' };
    case 'admin':
      return { page: 'admin', tab: parts[1] };
    default:
      return { page: 'not-found', path: '/' + parts.join('/') };
  }
}

export function href(route: Route): string {
  switch (route.page) {
    case 'tors':
      return '#/tors';
    case 'tor-new':
      return '#/tors/new';
    case 'tor':
      return `#/tors/${encodeURIComponent(route.id)}${route.tab ? `/${route.tab}` : ''}`;
    case 'recommendations':
      return `#/recommendations${route.customer ? `?customer=${encodeURIComponent(route.customer)}` : ''}`;
    case 'customers':
      return '#/customers';
    case 'customer':
      return `#/customers/${encodeURIComponent(route.id)}`;
    case 'offers':
      return '#/offers';
    case 'segments':
      return `#/segments${route.id ? `/${encodeURIComponent(route.id)}` : ''}`;
    case 'maps':
      return `#/maps${route.id ? `/${encodeURIComponent(route.id)}` : ''}`;
    case 'rules':
      return '#/rules';
    case 'promotions':
      return '#/promotions';
    case 'campaigns':
      return campaignsHref(route);
    case 'loyalty':
      return '#/loyalty';
    case 'data':
      return '#/data';
    case 'admin':
      return `#/admin${route.tab ? `/${route.tab}` : ''}`;
    case 'not-found':
      return `#${route.path}`;
  }
}

// A campaign's report keeps its settings in the URL (#/campaigns/c1?window=28d&attribution=first&churnDays=90),
// so a report can be shared as it was read; only the settings given appear.
const CAMPAIGN_SETTINGS = ['window', 'attribution', 'churnDays', 'controlPct'] as const;

function campaignsRoute(id: string | undefined, q: URLSearchParams): Route {
  const r: Extract<Route, { page: 'campaigns' }> = { page: 'campaigns' };
  if (id) r.id = id;
  for (const k of CAMPAIGN_SETTINGS) {
    const v = q.get(k);
    if (id && v) r[k] = v;
  }
  return r;
}

function campaignsHref(route: Extract<Route, { page: 'campaigns' }>): string {
  if (!route.id) return '#/campaigns';
  const q = new URLSearchParams();
  for (const k of CAMPAIGN_SETTINGS) if (route[k]) q.set(k, route[k]);
  const query = q.toString();
  return `#/campaigns/${encodeURIComponent(route.id)}${query ? `?${query}` : ''}`;
}
