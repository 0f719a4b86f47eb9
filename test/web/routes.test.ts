// The dashboard's hash routes (web/src/lib/routes.ts) and what each role may do (web/src/lib/roles.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { may } from '../../web/src/lib/roles.ts';
import { href, parseRoute, type Route } from '../../web/src/lib/routes.ts';

test('every page parses back from its href', () => {
  const routes: Route[] = [
    { page: 'tors' },
    { page: 'tor-new' },
    { page: 'tor', id: 'tor-3' },
    { page: 'tor', id: 'tor-3', tab: 'definition' },
    { page: 'recommendations' },
    { page: 'recommendations', customer: 'C 1/2' },
    { page: 'customers' },
    { page: 'customer', id: 'C0000042' },
    { page: 'offers' },
    { page: 'data' },
    { page: 'admin' },
    { page: 'admin', tab: 'keys' },
  ];
  for (const r of routes)
    assert.deepEqual(parseRoute(href(r)), {
      ...r,
      ...(r.page === 'tor' && !r.tab ? { tab: undefined } : {}),
      ...(r.page === 'admin' && !r.tab ? { tab: undefined } : {}),
      ...(r.page === 'recommendations' && !r.customer ? { customer: undefined } : {}),
    });
  assert.deepEqual(parseRoute(''), { page: 'tors' });
  assert.deepEqual(parseRoute('#/'), { page: 'tors' });
  assert.deepEqual(parseRoute('#/nowhere/x'), { page: 'not-found', path: '/nowhere/x' });
});

test('roles: viewers read, marketers act, admins administer', () => {
  assert.ok(may('viewer', 'read') && !may('viewer', 'write') && !may('viewer', 'admin'));
  assert.ok(may('marketer', 'read') && may('marketer', 'write') && !may('marketer', 'admin'));
  assert.ok(may('admin', 'read') && may('admin', 'write') && may('admin', 'admin'));
  assert.ok(!may(null, 'read') && !may('service', 'read'));
});
