import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export interface Me {
  user: { id: string; email: string; role: string; status: string };
  tenant: { id: string; name: string } | null;
  role: string;
}

export interface Session {
  me: Me;
  signOut: () => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('no session');
  return s;
}

const RANK: Record<string, number> = { viewer: 0, developer: 1, admin: 2, owner: 3 };

/** True when the signed-in user's tenant role is at least `role`. */
export function hasRole(me: Me, role: 'viewer' | 'developer' | 'admin' | 'owner'): boolean {
  return (RANK[me.role] ?? -1) >= RANK[role];
}

export const isOperator = (me: Me) => me.role === 'operator';
