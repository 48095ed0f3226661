import { describe, expect, it } from 'vitest';
import { resolveRelation, type RelationInfo } from '../../src/engine/catalog';

const manager: RelationInfo = {
  name: 'contact_manager',
  from: { entity: 'contact', field: 'managerid' },
  to: { entity: 'contact', field: 'contactid' },
};
const account: RelationInfo = {
  name: 'contact_account',
  from: { entity: 'contact', field: 'parentcustomerid' },
  to: { entity: 'account', field: 'accountid' },
};

describe('resolveRelation: the one place a relation direction is decided', () => {
  it('follows a self relation forward unless reverse is asked', () => {
    expect(resolveRelation(manager, 'contact', 'contact')).toMatchObject({
      ok: true,
      direction: 'forward',
      ownField: 'managerid',
      otherField: 'contactid',
    });
    expect(resolveRelation(manager, 'contact', 'contact', true)).toMatchObject({
      ok: true,
      direction: 'reverse',
      ownField: 'contactid',
      otherField: 'managerid',
    });
  });

  it('follows a relation between two entities whichever way links them, and refuses reverse where it cannot', () => {
    expect(resolveRelation(account, 'contact', 'account')).toMatchObject({ ok: true, direction: 'forward' });
    expect(resolveRelation(account, 'account', 'contact')).toMatchObject({ ok: true, direction: 'reverse', ownField: 'accountid' });
    expect(resolveRelation(account, 'account', 'contact', true)).toMatchObject({ ok: true, direction: 'reverse' });
    expect(resolveRelation(account, 'contact', 'account', true)).toMatchObject({ ok: false, at: 'reverse' });
    expect(resolveRelation(account, 'lead', 'account')).toMatchObject({ ok: false, at: 'via' });
  });
});
