import type { SubjectCatalogue } from './permission-declaration';

const ROOMS = 'libs/realtime/src/plan-rooms.ts';
const POLICY = 'libs/access/src/policies/live-plan-room.policy.ts';

/** The live plan room over socket.io: the same access as reading the plan, re-checked as it changes (rule 10). */
export const LIVE_PLAN_ROOM_PERMISSIONS = {
  'plan.watchLive': {
    subject: 'live plan room',
    whoMay:
      'Whoever may read the plan, for the labels they may see now; re-checked the moment consent, the team or emergency access changes, and by the clock. Anyone else gets NOT_FOUND. Every join is audited.',
    rules: [10, 11, 12],
    enforcedIn: [
      { file: ROOMS, at: 'PlanRooms.join' },
      { file: 'libs/access/src/visibility.policy.ts', at: 'VisibilityPolicy.visibleLabels' },
      { file: POLICY, at: 'LivePlanRoomPolicy.watchLive' },
    ],
  },
  'plan.leaveLive': {
    subject: 'live plan room',
    whoMay: 'Any connected socket, for its own rooms only.',
    rules: [11],
    enforcedIn: [
      { file: ROOMS, at: 'PlanRooms.leave' },
      { file: POLICY, at: 'LivePlanRoomPolicy.leaveLive' },
    ],
  },
  'presence.announceEditing': {
    subject: 'live plan room',
    whoMay:
      'A socket that joined the plan, for an item it may see; shown only to sockets that may see that item, and to nobody else at all.',
    rules: [10, 11],
    enforcedIn: [
      { file: 'libs/realtime/src/live-presence.ts', at: 'LivePresence.announceEditing' },
      { file: POLICY, at: 'LivePlanRoomPolicy.announcePresence' },
    ],
  },
  'presence.announceViewing': {
    subject: 'live plan room',
    whoMay:
      'A socket that joined the plan, for an item it may see (an agenda item in a conference room, or a plan item); shown only to sockets that may see that item, and to nobody else at all.',
    rules: [10, 11],
    enforcedIn: [
      { file: 'libs/realtime/src/live-presence.ts', at: 'LivePresence.announceViewing' },
      { file: POLICY, at: 'LivePlanRoomPolicy.announcePresence' },
    ],
  },
} satisfies SubjectCatalogue;
