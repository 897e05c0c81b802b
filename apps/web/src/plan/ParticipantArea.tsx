import { useCallback, useEffect } from 'react';
import { useQuery } from 'urql';
import { ParticipantNameQuery, PlanQuery, WaitingForYouQuery } from '../graphql/documents';
import { usePlanRoom } from '../live/plan-room';
import {
  ConferencesScreen,
  fetchLaterScreens,
  LaterScreen,
  ProgressScreen,
  SharingScreen,
  TeamScreen,
} from '../ui/later-screens';
import { PlanScreen } from './PlanScreen';
import { Presence } from './Presence';
import { decisionAnswers, WaitingScreen } from './WaitingScreen';
import { announce, PLAN_CHANGED } from '../live/plan-changed';
import { useParticipantQuery } from '../ui/useParticipantQuery';

/**
 * One participant's plan, live: the plan room stays joined while moving between screens, and
 * every plan event refetches what the screens show (without touching what is being typed).
 */
export function ParticipantArea({
  participantId,
  path,
  isParticipant,
}: {
  participantId: string;
  path: string;
  isParticipant: boolean;
}) {
  const [plan, refetchPlan] = useParticipantQuery(PlanQuery, participantId, 'cache-first');
  // The name they chose, for the staff heading and the printout (the plan itself has none).
  const [name] = useQuery({ query: ParticipantNameQuery, variables: { id: participantId } });
  const [waiting, refetchWaiting] = useQuery({
    query: WaitingForYouQuery,
    variables: { participantId },
    pause: !isParticipant,
  });
  const refresh = useCallback(() => {
    refetchPlan({ requestPolicy: 'network-only' });
    if (isParticipant) refetchWaiting({ requestPolicy: 'network-only' });
  }, [refetchPlan, refetchWaiting, isParticipant]);
  const room = usePlanRoom(participantId, {
    onChange: () => {
      refresh();
      announce(PLAN_CHANGED);
    },
    onWaitingChanged: () => isParticipant && refetchWaiting({ requestPolicy: 'network-only' }),
  });

  const planShown = Boolean(plan.data);
  useEffect(() => {
    if (planShown) fetchLaterScreens();
  }, [planShown]);

  const screen =
    path === '/waiting' && isParticipant ? (
      <WaitingScreen participantId={participantId} waiting={waiting} plan={plan.data?.plan} onChanged={refresh} />
    ) : path === '/progress' ? (
      <ProgressScreen
        participantId={participantId}
        isParticipant={isParticipant}
        participantName={name.data?.participant.preferredName ?? null}
      />
    ) : path === '/sharing' && isParticipant ? (
      <SharingScreen participantId={participantId} />
    ) : path === '/team' && isParticipant ? (
      <TeamScreen participantId={participantId} />
    ) : path === '/conferences' && isParticipant ? (
      <ConferencesScreen participantId={participantId} />
    ) : (
      <PlanScreen
        participantId={participantId}
        isParticipant={isParticipant}
        result={plan}
        participantName={name.data?.participant.preferredName ?? null}
        droppedLabels={room.droppedLabels}
        waitingCount={countWaiting(waiting.data?.waitingForYou)}
        onChanged={refresh}
        setEditing={room.setEditing}
      />
    );
  return (
    <>
      <Presence people={room.others} connected={room.connected} isParticipant={isParticipant} />
      <LaterScreen>{screen}</LaterScreen>
    </>
  );
}

function countWaiting(
  waiting:
    | {
        goalsToAnswer: unknown[];
        offersToAnswer: unknown[];
        decisionsToAnswer: { id: string }[];
        entriesToConfirm: { kind: string; targetId?: string | null }[];
      }
    | undefined,
): number {
  if (!waiting) return 0;
  return (
    waiting.goalsToAnswer.length +
    waiting.offersToAnswer.length +
    waiting.decisionsToAnswer.length +
    decisionAnswers(waiting).entries.length
  );
}
