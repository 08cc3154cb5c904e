import assert from 'node:assert/strict';
import { AirflowClient, NotFoundError, UnauthenticatedError } from '../../src/airflow';
import { authFor, connectTo, onlyTarget } from '../support/airflowServers';

const target = onlyTarget();

describe(`Airflow ${target.version}: connection`, () => {
  it('asks the server which API it speaks and reports its version', async () => {
    const client = await connectTo(target);
    assert.equal(client.apiVersion, target.major === 2 ? 'v1' : 'v2');
    assert.equal(client.serverVersion?.version, target.version);
    console.log(`      (server says Airflow ${client.serverVersion?.version}, API ${client.apiVersion})`);
  });

  it('accepts the URL with a trailing slash or a pasted /api/vN suffix', async () => {
    for (const url of [`${target.url}/`, `${target.url}/api/${target.major === 2 ? 'v1' : 'v2'}/`]) {
      const client = await AirflowClient.connect({ baseUrl: url, auth: authFor(target) });
      assert.equal(client.root, target.url);
      assert.equal((await client.version()).version, target.version);
    }
  });

  it('uses a pinned API version without asking', async () => {
    const client = await connectTo(target, { apiVersion: target.major === 2 ? 'v1' : 'v2' });
    assert.equal(client.serverVersion, undefined);
    assert.equal((await client.version()).version, target.version);
  });

  it('reads health with the metadatabase and scheduler healthy', async () => {
    const h = await (await connectTo(target)).health();
    assert.equal(h.metadatabase?.status, 'healthy');
    assert.equal(h.scheduler?.status, 'healthy');
    assert.ok(h.scheduler?.latestHeartbeat, 'scheduler heartbeat time');
  });

  it('says "unauthenticated" for a wrong password, once, without the password in the message', async () => {
    const wrong = 'wrong-Pa55word-zz';
    let tokenRequests = 0;
    let apiRequests = 0;
    const counting: typeof fetch = (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.includes('/auth/token')) tokenRequests++;
      else if (url.includes('/dags')) apiRequests++;
      return fetch(input, init);
    };
    const client = await AirflowClient.connect({ baseUrl: target.url, auth: authFor(target, wrong), fetch: counting });
    const err = await client.listDags().then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof UnauthenticatedError, `expected UnauthenticatedError, got ${String(err)}`);
    assert.ok(!err.message.includes(wrong), 'password in the message');
    assert.ok(!JSON.stringify({ ...err }).includes(wrong), 'password in the error object');
    if (target.major === 3) {
      assert.equal(tokenRequests, 1, 'one token request, no retry loop');
      assert.equal(apiRequests, 0);
    } else {
      assert.equal(apiRequests, 1, 'one API request, no retry loop');
    }
  });

  it('gives "not found" for a URL that is not Airflow', async () => {
    const err = await AirflowClient.connect({ baseUrl: `${target.url}/no-airflow-here`, auth: authFor(target) }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof NotFoundError || (err as Error)?.name === 'NotAirflowError', `got ${String(err)}`);
  });

  if (target.major === 3) {
    it('renews an expired JWT once and the call succeeds', async function () {
      const lifetime = Number(process.env.AIRFLOW3_JWT_EXPIRATION ?? 0);
      assert.ok(
        lifetime > 0 && lifetime <= 60,
        'the runner starts Airflow 3 with a short jwt_expiration_time (AIRFLOW3_JWT_EXPIRATION)',
      );
      // Airflow accepts a token for [api_auth] jwt_leeway (10 s) past its expiry.
      const leeway = 10;
      this.timeout((lifetime + leeway + 60) * 1000);
      let tokenRequests = 0;
      const counting: typeof fetch = (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        if (url.includes('/auth/token')) tokenRequests++;
        return fetch(input, init);
      };
      const client = await AirflowClient.connect({ baseUrl: target.url, auth: authFor(target), fetch: counting });
      assert.ok((await client.listDags({}, { limit: 1 })).total >= 5);
      assert.equal(tokenRequests, 1);
      await new Promise((r) => setTimeout(r, (lifetime + leeway + 3) * 1000));
      assert.ok((await client.listDags({}, { limit: 1 })).total >= 5);
      assert.equal(tokenRequests, 2, 'a new token after expiry');
    });
  }
});
