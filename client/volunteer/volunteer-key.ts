// A volunteer's secret key: 32 random bytes, made once per session and never shown. The
// coordinator knows the volunteer by a label derived from it (shared/protocol/volunteer-key.ts).
export function newVolunteerKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
