import { ErrorCode } from '@roundtable/contracts';
import { GraphQLError } from 'graphql';
import { authorize } from './authorize';

const codeOf = (check: () => void): string | undefined => {
  try {
    check();
    return undefined;
  } catch (error) {
    return error instanceof GraphQLError ? String(error.extensions.code) : `not a GraphQL error: ${String(error)}`;
  }
};

describe('shared:participantDecides (rules 10, 11, 12)', () => {
  it('lets the participant themself decide', () => {
    expect(codeOf(() => authorize('shared:participantDecides', { isParticipant: true }))).toBeUndefined();
  });

  it('tells someone who knows the participant no (FORBIDDEN), and anyone else nothing (NOT_FOUND)', () => {
    const knows = () => authorize('shared:participantDecides', { isParticipant: false, knowsParticipant: true });
    const stranger = () => authorize('shared:participantDecides', { isParticipant: false, knowsParticipant: false });
    expect(codeOf(knows)).toBe(ErrorCode.FORBIDDEN);
    expect(() => knows()).toThrow('Only the participant decides who sees what');
    expect(codeOf(stranger)).toBe(ErrorCode.NOT_FOUND);
  });
});
