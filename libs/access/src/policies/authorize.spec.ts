import { ACCOUNT_RULES } from './account.policy';
import { AUTHORIZED_RULES } from './authorize';
import { BREAK_GLASS_RULES } from './break-glass.rules';
import { CARE_TEAM_RULES } from './care-team.rules';
import { COMPARTMENT_RULES } from './compartment.rules';
import { CONFERENCE_RULES } from './conference.policy';
import { CONSENT_RULES } from './consent.rules';
import { EXPORT_RULES } from './export.policy';
import { GOAL_RULES } from './goal.policy';
import { LIVE_PLAN_ROOM_RULES } from './live-plan-room.policy';
import { OUTCOMES_RULES } from './outcomes.policy';
import { PARTICIPANT_ONLY_RULES } from './participant-only.rules';
import { PARTICIPANT_VOICE_RULES } from './participant-voice.rules';
import { PARTICIPANTS_RULES } from './participants.policy';
import { PLAN_RULES } from './plan.policy';
import { SIGN_IN_SETUP_RULES } from './sign-in-setup.policy';

describe('authorize: the rules table', () => {
  it('each rule is decided in exactly one subject file (merging the tables overwrites none)', () => {
    const subjects = [
      PLAN_RULES,
      GOAL_RULES,
      OUTCOMES_RULES,
      CONFERENCE_RULES,
      CONSENT_RULES,
      ACCOUNT_RULES,
      PARTICIPANTS_RULES,
      SIGN_IN_SETUP_RULES,
      COMPARTMENT_RULES,
      CARE_TEAM_RULES,
      BREAK_GLASS_RULES,
      PARTICIPANT_ONLY_RULES,
      PARTICIPANT_VOICE_RULES,
      LIVE_PLAN_ROOM_RULES,
      EXPORT_RULES,
    ];
    const names = subjects.flatMap((table) => Object.keys(table));
    const twice = names.filter((name, index) => names.indexOf(name) !== index);
    expect(twice).toEqual([]);
    expect([...names].sort()).toEqual([...AUTHORIZED_RULES].sort());
  });
});
