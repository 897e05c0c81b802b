import { SensitivityLabel, type PlanEventMessage } from '@roundtable/contracts';
import { PendingMessages } from './pending-messages';

const event = (id: string, label: SensitivityLabel): PlanEventMessage => ({
  participantId: 'p',
  id,
  type: 'STEP_DONE',
  label,
  sequence: 1,
  itemId: null,
  summary: '',
  occurredAt: '2026-12-01T00:00:00.000Z',
});

describe('PendingMessages', () => {
  it('groups sockets given the same events, in the order added, and each socket gets only its own', () => {
    const pending = new PendingMessages();
    const [done, win, hidden] = [
      event('a', SensitivityLabel.GENERAL),
      event('b', SensitivityLabel.GENERAL),
      event('c', SensitivityLabel.SUBSTANCE_USE),
    ];
    for (const socket of ['s1', 's2', 's3']) pending.add(socket, done);
    pending.add('s3', hidden);
    for (const socket of ['s1', 's2', 's3']) pending.add(socket, win);
    expect(pending.take()).toEqual([
      { socketIds: ['s1', 's2'], messages: [done, win] },
      { socketIds: ['s3'], messages: [done, hidden, win] },
    ]);
  });

  it('leaves nothing behind once taken', () => {
    const pending = new PendingMessages();
    pending.add('s1', event('a', SensitivityLabel.GENERAL));
    expect(pending.take()).toHaveLength(1);
    expect(pending.take()).toEqual([]);
  });
});
