import { loadUserSettings, saveUserSettings } from '../../settings/store.ts';
import { audit } from '../audit.ts';
import type { RouteTable } from '../define.ts';
import { SettingsUpdateSchema, SettingsViewSchema } from '../schemas/settings.ts';

export function settingsRoutes(t: RouteTable): void {
  t.add({ method: 'get', path: '/api/settings', tag: 'settings', access: 'viewer', summary: 'Your settings (secrets masked)', response: { status: 200, description: 'Settings', schema: SettingsViewSchema } }, async (c, _i, deps) => {
    const s = await loadUserSettings(deps.db, deps.keys, c.get('user')!.userId);
    return c.json(s.view, 200);
  });

  t.add(
    { method: 'post', path: '/api/settings', tag: 'settings', access: 'user', summary: 'Change your settings (null clears a field)', body: SettingsUpdateSchema, response: { status: 200, description: 'Settings', schema: SettingsViewSchema } },
    async (c, { body }, deps) => {
      const userId = c.get('user')!.userId;
      const changed = await saveUserSettings(deps.db, deps.keys, userId, body);
      await audit(c, deps, { action: 'settings.update', target: `user:${userId}`, outcome: 'success', details: { changed } });
      const s = await loadUserSettings(deps.db, deps.keys, userId);
      return c.json(s.view, 200);
    },
  );
}
