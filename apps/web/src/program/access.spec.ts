import { programScreenAt, staffScreens } from './access';

describe('which program screens an account may use', () => {
  const supervisor = { kind: 'STAFF', programRole: 'SUPERVISOR' } as const;
  const staff = { kind: 'STAFF', programRole: 'STAFF' } as const;
  const administrator = { kind: 'STAFF', programRole: 'ADMINISTRATOR' } as const;
  const participant = { kind: 'PARTICIPANT', programRole: null } as const;
  const supportPerson = { kind: 'SUPPORT_PERSON', programRole: null } as const;

  it('gives administrators the accounts screen and nothing about participants', () => {
    expect(staffScreens(administrator)).toEqual({ caseload: false, program: false, accounts: true, addPerson: false });
    expect(programScreenAt('/', administrator)).toBe('accounts');
    expect(programScreenAt('/accounts', administrator)).toBe('accounts');
    // Any other address too (sign-in lands on /plan): never a participant's page.
    for (const path of ['/plan', '/people/new', '/program', '/people/6f1c2f0e-5b7a-4c1e-9a55-2d3c4b5a6e7f'])
      expect(programScreenAt(path, administrator)).toBe('accounts');
  });

  it('gives supervisors the program screen beside their own people', () => {
    expect(staffScreens(supervisor)).toEqual({ caseload: true, program: true, accounts: false, addPerson: true });
    expect(programScreenAt('/program', supervisor)).toBe('program');
    expect(programScreenAt('/', supervisor)).toBeNull();
    expect(programScreenAt('/accounts', supervisor)).toBeNull();
  });

  it('lets every other staff member add a person, and nothing of the program', () => {
    expect(staffScreens(staff)).toEqual({ caseload: true, program: false, accounts: false, addPerson: true });
    expect(programScreenAt('/people/new', staff)).toBe('addPerson');
    expect(programScreenAt('/program', staff)).toBeNull();
  });

  it('gives participants and support persons none of the program screens', () => {
    expect(staffScreens(participant)).toEqual({ caseload: false, program: false, accounts: false, addPerson: false });
    expect(staffScreens(supportPerson)).toEqual({ caseload: true, program: false, accounts: false, addPerson: false });
    for (const account of [participant, supportPerson]) {
      for (const path of ['/', '/accounts', '/program', '/people/new'])
        expect(programScreenAt(path, account)).toBeNull();
    }
  });
});
