import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import {
  REALTIME_PATH,
  type ClientToServerEvents,
  type LabelCursor,
  type PlanEventMessage,
  type PresenceMessage,
  type SensitivityLabel,
  type ServerToClientEvents,
} from '@roundtable/contracts';
import { getSession, onSessionChange } from '../auth/session';

type RoomSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface PlanRoomState {
  connected: boolean;
  /** Everyone else looking at this plan now (only what the server lets this viewer see). */
  others: PresenceMessage['people'];
  /** Label streams withdrawn from this viewer (a revoke): their content leaves the page at once. */
  droppedLabels: ReadonlySet<SensitivityLabel>;
}

export interface PlanRoomCallbacks {
  /** Something in the plan changed (or may have, after a reconnect): refetch. */
  onChange: (event: PlanEventMessage | null) => void;
  /** Something now waits for the participant. */
  onWaitingChanged: () => void;
}

/**
 * Joins the plan's live room with a cursor per label (schema/realtime.md): replays what was
 * missed after every (re)connect, drops duplicates by (label, sequence), and removes a label's
 * content the moment the server says this viewer lost it.
 */
export function usePlanRoom(
  participantId: string | null,
  callbacks: PlanRoomCallbacks,
): PlanRoomState & {
  setEditing: (itemId: string | null) => void;
  setViewing: (itemId: string | null) => void;
} {
  const [state, setState] = useState<PlanRoomState>({ connected: false, others: [], droppedLabels: new Set() });
  const socketRef = useRef<RoomSocket | null>(null);
  const callbacksRef = useRef(callbacks);
  callbacksRef.current = callbacks;
  // Which item this screen is on: the server forgets it with the connection, so every join says it again.
  const viewingRef = useRef<string | null>(null);

  useEffect(() => {
    const session = getSession();
    if (!participantId || !session) return;
    const cursor: LabelCursor = {};
    let refetchTimer: ReturnType<typeof setTimeout> | undefined;
    const changed = (event: PlanEventMessage | null) => {
      clearTimeout(refetchTimer);
      refetchTimer = setTimeout(() => callbacksRef.current.onChange(event), 60);
    };
    const socket: RoomSocket = io({
      path: REALTIME_PATH,
      transports: ['websocket'],
      // A function, so every reconnect sends the current (renewed) access token.
      auth: (send) => send({ token: getSession()?.accessToken ?? '' }),
    });
    socketRef.current = socket;

    const join = () => {
      socket.emit('plan:join', { participantId, cursor: { ...cursor } }, (answer) => {
        if (!answer.ok) return;
        if (viewingRef.current)
          socket.emit('presence:viewing', { participantId, itemId: viewingRef.current }, () => undefined);
        setState((s) => ({
          ...s,
          droppedLabels: new Set([...s.droppedLabels].filter((label) => !answer.labels.includes(label))),
        }));
        if (answer.reload) changed(null);
      });
    };
    socket.on('connect', () => {
      setState((s) => ({ ...s, connected: true }));
      join();
      // Anything may have changed while we were away: the replay covers events, a refetch the rest.
      changed(null);
    });
    socket.on('disconnect', () => setState((s) => ({ ...s, connected: false })));
    socket.on('plan:events', (events) => {
      // Events committed together arrive together; one refetch covers them (a replay may
      // repeat what a live message already brought: each (label, sequence) counts once).
      const fresh = events.filter((event) => {
        if (event.participantId !== participantId) return false;
        if (event.sequence <= (cursor[event.label] ?? 0)) return false;
        cursor[event.label] = event.sequence;
        return true;
      });
      const last = fresh.at(-1);
      if (last) changed(last);
    });
    socket.on('plan:drop', (message) => {
      if (message.participantId !== participantId) return;
      for (const label of message.labels) delete cursor[label];
      setState((s) => ({ ...s, droppedLabels: new Set([...s.droppedLabels, ...message.labels]) }));
      changed(null);
    });
    socket.on('plan:grow', (message) => {
      if (message.participantId !== participantId) return;
      join();
      changed(null);
    });
    socket.on('waiting:changed', () => callbacksRef.current.onWaitingChanged());
    socket.on('presence', (message) => {
      if (message.participantId !== participantId) return;
      const me = getSession()?.account.id;
      setState((s) => ({ ...s, others: message.people.filter((person) => person.accountId !== me) }));
    });
    // A renewed access token keeps this connection signed in (auth:refresh) instead of dropping it.
    const stopWatchingSession = onSessionChange((renewed) => {
      if (renewed) socket.emit('auth:refresh', { token: renewed.accessToken }, () => undefined);
    });
    return () => {
      stopWatchingSession();
      clearTimeout(refetchTimer);
      socket.disconnect();
      socketRef.current = null;
    };
  }, [participantId]);

  const setEditing = useCallback(
    (itemId: string | null) => {
      if (!participantId) return;
      socketRef.current?.emit('presence:editing', { participantId, itemId }, () => undefined);
    },
    [participantId],
  );
  const setViewing = useCallback(
    (itemId: string | null) => {
      if (!participantId || viewingRef.current === itemId) return;
      viewingRef.current = itemId;
      socketRef.current?.emit('presence:viewing', { participantId, itemId }, () => undefined);
    },
    [participantId],
  );
  return { ...state, setEditing, setViewing };
}
