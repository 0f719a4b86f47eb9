// Paging in list ops' query strings: 1-based page, page size with a cap (keeps one answer small).
import { z } from 'zod';

export const MAX_PAGE_SIZE = 500;

export const pageFields = {
  page: z.coerce.number().int().min(1).default(1).describe('page number, from 1'),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50).describe(`rows per page (at most ${MAX_PAGE_SIZE})`),
};
