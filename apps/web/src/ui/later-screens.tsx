import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Screens after the first one load as their own files, so the plan (the first screen on a
 * slow phone) waits only for its own code (docs/benchmarks.md "Web client: first screen").
 * Once the plan is on screen they are fetched in the background, so a participant who then
 * loses the connection can still open every screen.
 */
const load = {
  progress: () => import('../progress/ProgressScreen'),
  sharing: () => import('../sharing/SharingScreen'),
  team: () => import('../team/TeamScreen'),
  conferences: () => import('../conferences/ConferencesScreen'),
  devices: () => import('../auth/DevicesScreen'),
  room: () => import('../conferences/ConferenceRoom'),
  program: () => import('../program/ProgramScreen'),
  accounts: () => import('../program/AccountsScreen'),
  addPerson: () => import('../program/AddPersonScreen'),
  approvals: () => import('../program/SetupCodeApprovals'),
};

export const ProgressScreen = lazy(() => load.progress().then((m) => ({ default: m.ProgressScreen })));
export const SharingScreen = lazy(() => load.sharing().then((m) => ({ default: m.SharingScreen })));
export const TeamScreen = lazy(() => load.team().then((m) => ({ default: m.TeamScreen })));
export const ConferencesScreen = lazy(() => load.conferences().then((m) => ({ default: m.ConferencesScreen })));
export const ConferenceRoomScreen = lazy(() => load.room().then((m) => ({ default: m.ConferenceRoomScreen })));
export const DevicesScreen = lazy(() => load.devices().then((m) => ({ default: m.DevicesScreen })));
export const ProgramScreen = lazy(() => load.program().then((m) => ({ default: m.ProgramScreen })));
export const AccountsScreen = lazy(() => load.accounts().then((m) => ({ default: m.AccountsScreen })));
export const AddPersonScreen = lazy(() => load.addPerson().then((m) => ({ default: m.AddPersonScreen })));
export const SetupCodeApprovals = lazy(() => load.approvals().then((m) => ({ default: m.SetupCodeApprovals })));

let fetched = false;

/** Fetches every later screen once, when the browser is idle after the first screen. */
export function fetchLaterScreens(): void {
  if (fetched) return;
  fetched = true;
  const fetchAll = () => void Promise.all(Object.values(load).map((fetchOne) => fetchOne().catch(() => undefined)));
  if ('requestIdleCallback' in window) window.requestIdleCallback(fetchAll, { timeout: 3000 });
  else setTimeout(fetchAll, 1000);
}

/** While a later screen's code arrives (only on a first visit before the background fetch). */
export function LaterScreen({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Suspense
      fallback={
        <p className="centered" aria-busy="true">
          {t('app.loading')}
        </p>
      }
    >
      {children}
    </Suspense>
  );
}
