// Shared by the fault and limit tests: a secret in every wire form, and checks that no error leaks it.
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { AirflowClient, type AirflowError, type AuthConfig, type ClientOptions } from '../../src/airflow';
import { FakeAirflow } from './fakeAirflow';

export const SECRET = 's3cr3t-PASSWORD-xyz';
export const USER = 'alice';
/** The JWT the fake's /auth/token hands out; it holds SECRET too, so a leaked token fails the check. */
export const jwtToken = (n: number) => `eyJhbGciOiJIUzI1NiJ9.${SECRET}.${n}`;

export const AUTH: Record<'basic' | 'jwt' | 'bearer' | 'header', AuthConfig> = {
  basic: { kind: 'basic', username: USER, password: SECRET },
  jwt: { kind: 'jwt', username: USER, password: SECRET },
  bearer: { kind: 'bearer', token: SECRET },
  header: { kind: 'header', name: 'X-Api-Key', value: SECRET, prefix: 'Token' },
};

/** Every form a secret may take on the wire (basic auth sends it base64-encoded). */
export const SECRET_FORMS = [SECRET, Buffer.from(`${USER}:${SECRET}`).toString('base64')];

/** Asserts `err` is an `Type` and that no secret is in its message, String(), JSON or own properties. */
export function check<T extends AirflowError>(err: unknown, Type: abstract new (...args: never[]) => T): T {
  assert.ok(err instanceof Type, `expected ${Type.name}, got ${inspect(err)}`);
  const own = Object.fromEntries(
    Object.getOwnPropertyNames(err).map((k) => [k, (err as unknown as Record<string, unknown>)[k]]),
  );
  const views = {
    message: err.message,
    string: String(err),
    json: JSON.stringify(err),
    own: JSON.stringify(own),
    inspect: inspect(err, { depth: 5 }),
  };
  for (const [view, text] of Object.entries(views)) {
    for (const s of SECRET_FORMS) assert.ok(!text.includes(s), `secret in the error's ${view}: ${text}`);
  }
  return err;
}

export async function failure<T extends AirflowError>(
  p: Promise<unknown>,
  Type: abstract new (...args: never[]) => T,
): Promise<T> {
  try {
    await p;
  } catch (err) {
    return check(err, Type);
  }
  assert.fail(`expected ${Type.name}, but the call succeeded`);
}

export const TOKEN = '/auth/token';

/** A fake that hands out JWTs 1, 2, 3... on /auth/token for the right password. */
export function serveTokens(fake: FakeAirflow): void {
  let n = 0;
  fake.route('POST', TOKEN, (req) => {
    const body = JSON.parse(req.body) as { username?: string; password?: string };
    if (body.username !== USER || body.password !== SECRET)
      return { status: 401, json: { detail: 'Invalid credentials' } };
    return { status: 201, json: { access_token: jwtToken(++n) } };
  });
}

export function connect(
  fake: FakeAirflow | string,
  auth: AuthConfig,
  extra: Partial<ClientOptions> = {},
): Promise<AirflowClient> {
  return AirflowClient.connect({ baseUrl: typeof fake === 'string' ? fake : fake.url, auth, ...extra });
}

/** Starts fakes that are closed after each test of the suite that calls it. */
export function fakesClosedAfterEach(): (...args: Parameters<typeof FakeAirflow.start>) => Promise<FakeAirflow> {
  const fakes: FakeAirflow[] = [];
  afterEach(async () => {
    await Promise.all(fakes.splice(0).map((f) => f.close()));
  });
  return async (...args) => {
    const fake = await FakeAirflow.start(...args);
    fakes.push(fake);
    return fake;
  };
}
