import { describe, expect, it } from 'vitest';
import { activeSection } from './activeNav';

const calls = { to: '/calls' };
const funding = { to: '/funding', claims: /^\/calls\/[^/]+\/funding$/ };
const admin = [{ to: '/admin/users' }, { to: '/admin/audit' }];

describe('activeSection', () => {
  it('marks the section a page is under', () => {
    expect(activeSection('/calls', [calls, funding])).toBe('/calls');
    expect(activeSection('/calls/c1/evaluation', [calls, funding])).toBe('/calls');
    expect(activeSection('/admin/audit', [calls, ...admin])).toBe('/admin/audit');
  });

  it("gives a call's funding page to Funding when the funder sees that entry", () => {
    expect(activeSection('/calls/c1/funding', [calls, funding])).toBe('/funding');
    // An operator has no Funding entry: the page stays under Calls.
    expect(activeSection('/calls/c1/funding', [calls])).toBe('/calls');
  });

  it('marks nothing for pages outside every section', () => {
    expect(activeSection('/', [calls, funding])).toBeNull();
    expect(activeSection('/callsx', [calls])).toBeNull();
  });
});
