import type { CombinedError } from 'urql';
import { graphqlClient } from '../graphql/client';
import {
  AcceptStaffInvitationMutation,
  CompleteSignInSetupMutation,
  LoginMutation,
  LogoutMutation,
  RefreshMutation,
} from '../graphql/documents';
import { getSession, setSession, WEB_CLIENT_HEADERS, type SignedInAccount } from './session';

interface Issued {
  accessToken: string;
  accessTokenExpiresAt: string;
  account: SignedInAccount;
}

let refreshTimer: ReturnType<typeof setTimeout> | undefined;

function start(issued: Issued, sharedDevice: boolean): void {
  const expiresAt = Date.parse(issued.accessTokenExpiresAt);
  setSession({ accessToken: issued.accessToken, expiresAt, account: issued.account, sharedDevice });
  clearTimeout(refreshTimer);
  // A shared-device sign-in has nothing to renew with: it ends when its access token does.
  const renewIn = Math.max(5_000, expiresAt - Date.now() - 60_000);
  refreshTimer = setTimeout(
    () => {
      if (sharedDevice) setSession(null);
      else void resume();
    },
    sharedDevice ? Math.max(0, expiresAt - Date.now()) : renewIn,
  );
}

/** The first error's extensions.code, e.g. UNAUTHENTICATED or RATE_LIMITED. */
export function errorCodeOf(error: CombinedError | undefined): string | undefined {
  if (!error) return undefined;
  if (error.networkError) return 'NETWORK';
  const code = error.graphQLErrors[0]?.extensions?.code;
  return typeof code === 'string' ? code : 'UNKNOWN';
}

/**
 * An invited staff account that no supervisor has confirmed yet may hold a sign-in but do
 * nothing with it (PRODUCT.md rule 1). Rather than open screens that would all be refused,
 * the sign-in is ended at once (the API lets such an account sign out, and that clears the
 * refresh cookie, so nothing of it stays on a shared computer) and the person is told why.
 */
async function endAwaiting(issued: Issued): Promise<boolean> {
  if (!issued.account.awaitingConfirmation) return false;
  await graphqlClient
    .mutation(
      LogoutMutation,
      {},
      {
        fetchOptions: {
          credentials: 'same-origin',
          headers: { ...WEB_CLIENT_HEADERS, Authorization: `Bearer ${issued.accessToken}` },
        },
      },
    )
    .toPromise();
  return true;
}

/** Said when the password was right but the account still waits for a supervisor. */
export const AWAITING_CONFIRMATION = 'AWAITING_CONFIRMATION';

export async function signIn(identifier: string, password: string, sharedDevice: boolean): Promise<string | null> {
  const result = await graphqlClient.mutation(LoginMutation, { identifier, password, sharedDevice }).toPromise();
  if (!result.data) return errorCodeOf(result.error) ?? 'UNKNOWN';
  if (await endAwaiting(result.data.login)) return AWAITING_CONFIRMATION;
  start(result.data.login, sharedDevice);
  return null;
}

/**
 * A new staff member redeems their invitation code and chooses a password. The answer is
 * the API's error (with the field it names), or whether they are signed in or still wait
 * for a supervisor's confirmation.
 */
export async function acceptInvitation(
  code: string,
  password: string,
): Promise<{ error: string; field: string | null } | { signedIn: boolean; email: string | null }> {
  const result = await graphqlClient.mutation(AcceptStaffInvitationMutation, { input: { code, password } }).toPromise();
  if (!result.data) {
    const field = result.error?.graphQLErrors[0]?.extensions?.field;
    return { error: errorCodeOf(result.error) ?? 'UNKNOWN', field: typeof field === 'string' ? field : null };
  }
  const issued = result.data.acceptStaffInvitation;
  if (await endAwaiting(issued)) return { signedIn: false, email: issued.account.email ?? null };
  start(issued, false);
  return { signedIn: true, email: issued.account.email ?? null };
}

/** Picks up a sign-in kept in the HttpOnly refresh cookie (not possible after a shared-device one). */
export async function resume(): Promise<boolean> {
  const result = await graphqlClient.mutation(RefreshMutation, {}).toPromise();
  if (!result.data || (await endAwaiting(result.data.refresh))) {
    setSession(null);
    return false;
  }
  start(result.data.refresh, false);
  return true;
}

export async function completeSetUp(
  code: string,
  username: string,
  passphrase: string,
): Promise<{ error: string | null; recoveryCodes: string[] }> {
  const result = await graphqlClient
    .mutation(CompleteSignInSetupMutation, { input: { code, username: username || undefined, passphrase } })
    .toPromise();
  if (!result.data) return { error: errorCodeOf(result.error) ?? 'UNKNOWN', recoveryCodes: [] };
  start(result.data.completeSignInSetup, false);
  // Recovery codes arrive once the API issues them (branch "creds"); until then there are none.
  const payload = result.data.completeSignInSetup as { recoveryCodes?: string[] | null };
  return { error: null, recoveryCodes: payload.recoveryCodes ?? [] };
}

export async function signOut(): Promise<void> {
  clearTimeout(refreshTimer);
  if (getSession()) await graphqlClient.mutation(LogoutMutation, {}).toPromise();
  setSession(null);
}

/**
 * Shared computer: closing the tab ends the sign-in on the server too (keepalive lets the
 * request finish after the page is gone).
 */
export function endSharedSignInWhenTabCloses(): void {
  window.addEventListener('pagehide', () => {
    const session = getSession();
    if (!session?.sharedDevice) return;
    void fetch('/graphql', {
      method: 'POST',
      keepalive: true,
      credentials: 'same-origin',
      headers: {
        'content-type': 'application/json',
        ...WEB_CLIENT_HEADERS,
        Authorization: `Bearer ${session.accessToken}`,
      },
      body: JSON.stringify({ query: 'mutation { logout }' }),
    });
  });
}
