import { RequireSession } from '../session';
import { SoftphoneProvider } from '../softphone/SoftphoneContext';
import { Layout } from './Layout';

/** Everything a signed-in page sits in; its own chunk, so the login and booking pages never download the softphone. */
export function SignedInShell() {
  return (
    <RequireSession>
      <SoftphoneProvider>
        <Layout />
      </SoftphoneProvider>
    </RequireSession>
  );
}
