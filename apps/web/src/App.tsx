import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Provider } from 'urql';
import { getSession, onSessionChange, type Session } from './auth/session';
import { JoinScreen } from './auth/JoinScreen';
import { SetUpScreen } from './auth/SetUpScreen';
import { resume } from './auth/sign-in';
import { SignInScreen } from './auth/SignInScreen';
import { createGraphqlClient } from './graphql/client';
import { clearOutbox } from './live/outbox';
import { ParticipantMeetings } from './conferences/Rounds';
import { CaseloadScreen } from './plan/CaseloadScreen';
import { ParticipantArea } from './plan/ParticipantArea';
import { Layout } from './ui/Layout';
import { programScreenAt } from './program/access';
import {
  AccountsScreen,
  AddPersonScreen,
  ConferenceRoomScreen,
  DevicesScreen,
  LaterScreen,
  ProgramScreen,
  SetupCodeApprovals,
} from './ui/later-screens';
import { usePath } from './ui/router';
import { Link } from './ui/Link';

export function App() {
  const { t } = useTranslation();
  const [session, setSession] = useState<Session | null>(getSession());
  const [starting, setStarting] = useState(true);
  const path = usePath();

  useEffect(() => onSessionChange(setSession), []);
  useEffect(() => {
    void resume().finally(() => setStarting(false));
  }, []);
  useEffect(() => {
    if (!session) clearOutbox();
  }, [session]);

  // One client per sign-in: nothing cached for one person is ever shown to the next.
  const accountId = session?.account.id ?? null;
  const client = useMemo(() => createGraphqlClient(), [accountId]);

  if (starting) {
    return (
      <main className="centered" aria-busy="true">
        <p>{t('app.loading')}</p>
      </main>
    );
  }
  // Set-up signs the person in and then shows their recovery codes, once: the screen stays
  // until they say they wrote them down (it used to vanish as soon as the sign-in started).
  if (path === '/setup') return <SetUpScreen />;
  // A new staff member redeems their invitation code (linked from the sign-in screen).
  if (path === '/join') return <JoinScreen />;
  if (!session) return <SignInScreen />;

  const participantId = session.account.participantId;
  const staffPath = /^\/people\/([0-9a-f-]{36})(\/progress)?$/.exec(path);
  const staffParticipant = staffPath?.[1] ?? null;
  const staffConference = /^\/conferences\/([0-9a-f-]{36})/.exec(path)?.[1] ?? null;
  const programScreen = participantId ? null : programScreenAt(path, session.account);
  return (
    <Provider value={client}>
      <Layout session={session} path={path}>
        {path === '/devices' ? (
          <LaterScreen>
            <DevicesScreen />
          </LaterScreen>
        ) : participantId ? (
          <ParticipantArea participantId={participantId} path={path} isParticipant />
        ) : programScreen ? (
          <LaterScreen>
            {programScreen === 'program' ? (
              <ProgramScreen />
            ) : programScreen === 'accounts' ? (
              <AccountsScreen />
            ) : (
              <AddPersonScreen />
            )}
          </LaterScreen>
        ) : staffConference ? (
          <LaterScreen>
            <ConferenceRoomScreen key={staffConference} conferenceId={staffConference} />
          </LaterScreen>
        ) : staffParticipant ? (
          <>
            <PersonNav participantId={staffParticipant} path={path} />
            <ParticipantArea
              participantId={staffParticipant}
              path={staffPath?.[2] ? '/progress' : '/plan'}
              isParticipant={false}
            />
            <ParticipantMeetings participantId={staffParticipant} />
          </>
        ) : (
          <>
            <CaseloadScreen />
            {session.account.kind === 'STAFF' && (
              <LaterScreen>
                <SetupCodeApprovals level={2} quietWhenEmpty />
              </LaterScreen>
            )}
          </>
        )}
      </Layout>
    </Provider>
  );
}

/** For the team, one person's screens: their plan, and how things are going (rule 4: their measures first). */
function PersonNav({ participantId, path }: { participantId: string; path: string }) {
  const { t } = useTranslation();
  const links = [
    [`/people/${participantId}`, t('person.plan')],
    [`/people/${participantId}/progress`, t('person.progress')],
  ];
  return (
    <nav aria-label={t('person.nav')} className="subnav">
      <ul className="row wrap tight">
        {links.map(([href, label]) => (
          <li key={href}>
            <Link href={href} aria-current={path === href ? 'page' : undefined}>
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
