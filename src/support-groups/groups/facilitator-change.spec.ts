import { changesFacilitators, facilitatorChangeRefusal } from './facilitator-change';

describe('facilitatorChangeRefusal', () => {
  const f1 = 'f1';
  const f2 = 'f2';

  it('lets an active facilitator of the group change the list', () => {
    expect(facilitatorChangeRefusal({ id: f1, role: 'clinician' }, [f1, f2])).toBeNull();
    expect(facilitatorChangeRefusal({ id: f2, role: 'case_manager' }, [f1, f2])).toBeNull();
  });

  it('refuses a clinician or case manager who does not facilitate the group (no self-appointment)', () => {
    expect(facilitatorChangeRefusal({ id: 'c4', role: 'clinician' }, [f1])).toBe('not_a_facilitator');
    expect(facilitatorChangeRefusal({ id: 'cm', role: 'case_manager' }, [f1])).toBe('not_a_facilitator');
  });

  it('refuses an admin while the group has an active facilitator', () => {
    expect(facilitatorChangeRefusal({ id: 'a', role: 'admin' }, [f1])).toBe('not_a_facilitator');
  });

  it('lets only an admin name facilitators of a group with no active facilitator left', () => {
    expect(facilitatorChangeRefusal({ id: 'a', role: 'admin' }, [])).toBeNull();
    expect(facilitatorChangeRefusal({ id: 'c4', role: 'clinician' }, [])).toBe('no_active_facilitator');
    expect(facilitatorChangeRefusal({ id: 'cm', role: 'case_manager' }, [])).toBe('no_active_facilitator');
  });
});

describe('changesFacilitators', () => {
  it('is false for the same ids in any order', () => {
    expect(changesFacilitators(['a', 'b'], ['b', 'a'])).toBe(false);
  });

  it('is true when one is added, removed or replaced', () => {
    expect(changesFacilitators(['a'], ['a', 'b'])).toBe(true);
    expect(changesFacilitators(['a', 'b'], ['a'])).toBe(true);
    expect(changesFacilitators(['a', 'b'], ['a', 'c'])).toBe(true);
    expect(changesFacilitators([], ['a'])).toBe(true);
  });
});
