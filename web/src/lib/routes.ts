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
