// Product names by id, for histories and recommendation lists (the API returns ids there). Loaded
// once a page at a time (500 per page, at most 40 pages), cached for the session.
import { useQuery } from '@tanstack/react-query';
import { get } from './client.ts';

export interface Product {
  product_id: string;
  name: string | null;
  price?: number | null;
  [attr: string]: unknown;
}

export function useProducts() {
  return useQuery({
    queryKey: ['products', 'all'],
    staleTime: 10 * 60_000,
    queryFn: async ({ signal }) => {
      const byId = new Map<string, Product>();
      for (let page = 1; page <= 40; page++) {
        const r = await get<{ items: Product[]; total: number }>('/v1/products', { page, pageSize: 500 }, signal);
        for (const p of r.items) byId.set(p.product_id, p);
        if (byId.size >= r.total || r.items.length === 0) break;
      }
      return byId;
    },
  });
}
