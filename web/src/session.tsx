// Who is signed in: read once from GET /v1/session (the HttpOnly cookie is invisible to scripts),
// the CSRF token kept in memory for writes. A 401 from any call returns to the sign-in screen.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError, onSignedOut, setCsrfToken } from './api/client.ts';
import type { Role } from './api/types.ts';
import { may, type Access } from './lib/roles.ts';

export interface SessionInfo {
  actor: string;
  role: Role;
}

interface SessionValue {
  session: SessionInfo | null;
  may(access: Access): boolean;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const Ctx = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const v = useContext(Ctx);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

export function SessionProvider({
  children,
  fallback,
  signInPage,
}: {
  children: ReactNode;
  fallback: ReactNode;
  signInPage: (v: SessionValue) => ReactNode;
}) {
  const [state, setState] = useState<{ loading: boolean; session: SessionInfo | null }>({ loading: true, session: null });
  const qc = useQueryClient();

  useEffect(() => {
    let live = true;
    api<{ actor: string; role: Role; csrfToken: string | null }>('GET', '/v1/session', undefined, { quiet401: true })
      .then((s) => {
        if (!live) return;
        setCsrfToken(s.csrfToken);
        setState({ loading: false, session: { actor: s.actor, role: s.role } });
      })
      .catch(() => {
        if (live) setState({ loading: false, session: null });
      });
    const off = onSignedOut(() => {
      setCsrfToken(null);
      qc.clear();
      setState({ loading: false, session: null });
    });
    return () => {
      live = false;
      off();
    };
  }, [qc]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const s = await api<{ username: string; role: Role; csrfToken: string }>(
        'POST',
        '/v1/session',
        { username, password },
        { quiet401: true },
      );
      setCsrfToken(s.csrfToken);
      qc.clear();
      setState({ loading: false, session: { actor: s.username, role: s.role } });
    },
    [qc],
  );

  const signOut = useCallback(async () => {
    try {
      await api('DELETE', '/v1/session');
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
    setCsrfToken(null);
    qc.clear();
    setState({ loading: false, session: null });
  }, [qc]);

  const value: SessionValue = { session: state.session, may: (a) => may(state.session?.role, a), signIn, signOut };
  if (state.loading) return <>{fallback}</>;
  return <Ctx.Provider value={value}>{state.session ? children : signInPage(value)}</Ctx.Provider>;
}
