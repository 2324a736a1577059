/** Sign in to the service; the token stays in memory for this session of the pane only. */
import { useState, type FormEvent } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, Text } from '@fluentui/react-components';
import type { User } from '../../service/api/schemas/auth.ts';
import { errorText, useServices } from '../app/services.ts';

export function SignInScreen({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const { api, t } = useServices();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const tokens = await api.login(username.trim(), password);
      setPassword('');
      onSignedIn(tokens.user);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} style={{ display: 'flex', flexDirection: 'column', gap: 10, maxWidth: 360 }}>
      <Text weight="semibold">{t('signInTitle')}</Text>
      <Field label={t('username')} required>
        <Input value={username} onChange={(_, d) => setUsername(d.value)} autoComplete="username" />
      </Field>
      <Field label={t('password')} required>
        <Input type="password" value={password} onChange={(_, d) => setPassword(d.value)} autoComplete="current-password" />
      </Field>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <Button appearance="primary" type="submit" disabled={busy || username.trim() === '' || password === ''}>
        {busy ? t('working') : t('signIn')}
      </Button>
    </form>
  );
}
