import { apiRequest } from '../../shared/ui/api.ts';
import type { StaffProfile } from '../../shared/views.ts';

/** The signed-in staff member, as `POST /api/auth/login` and `GET /api/auth/me` return them. */
export type { StaffProfile };

export interface Session {
  token: string;
  staff: StaffProfile;
}

/*
 * The token lives in sessionStorage: a reload keeps the clerk logged in, but closing the
 * browser ends the login, because a counter PC in a public hall is shared between shifts.
 * The window choice, which belongs to the machine, lives in localStorage.
 */
const TOKEN = 'hall.counter.token';
const WINDOW = 'hall.counter.windowId';

export function storedToken(): string | undefined {
  return sessionStorage.getItem(TOKEN) ?? undefined;
}

export function storeToken(token: string | undefined): void {
  if (token) sessionStorage.setItem(TOKEN, token);
  else sessionStorage.removeItem(TOKEN);
}

export function rememberedWindowId(): string | undefined {
  return localStorage.getItem(WINDOW) ?? undefined;
}

export function rememberWindowId(windowId: string): void {
  localStorage.setItem(WINDOW, windowId);
}

export async function login(staffNo: string, password: string): Promise<Session> {
  const r = await apiRequest<{ token: string; staff: StaffProfile }>('POST', '/auth/login', { body: { staffNo, password } });
  return { token: r.token, staff: r.staff };
}

export async function me(token: string): Promise<StaffProfile> {
  return (await apiRequest<{ staff: StaffProfile }>('GET', '/auth/me', { auth: token })).staff;
}

export async function logout(token: string): Promise<void> {
  await apiRequest('POST', '/auth/logout', { auth: token });
}
