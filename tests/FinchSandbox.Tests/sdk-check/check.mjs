// Drives the FinchSandbox emulator with Finch's official TypeScript SDK, unchanged (only baseURL points elsewhere).
// Env: FINCH_BASE_URL, FINCH_CLIENT_ID, FINCH_CLIENT_SECRET, FINCH_WEBHOOK_SECRET, WEBHOOK_PORT (where this script
// listens for the emulator's webhooks). Prints one line per step; exits non-zero on the first failure.
import Finch from '@tryfinch/finch-api';
import { assert, env, receiveWebhooks, run, stepsRun, waitFor } from '../../sdk-check/steps.mjs';

const baseURL = env('FINCH_BASE_URL');
const webhookSecret = env('FINCH_WEBHOOK_SECRET');
// No automatic retries: the check must see the 401s and 429s the emulator sends, not hide them.
const common = { baseURL, webhookSecret, maxRetries: 0, timeout: 15_000 };
const app = new Finch({ ...common, clientID: env('FINCH_CLIENT_ID'), clientSecret: env('FINCH_CLIENT_SECRET') });
const forToken = (accessToken) => new Finch({ ...common, accessToken });

const webhooks = await receiveWebhooks(Number(env('WEBHOOK_PORT')));

const expectApiError = async (promise, status, finchCode) => {
  try {
    await promise;
  } catch (error) {
    assert(error instanceof Finch.APIError, `expected an APIError, got ${error}`);
    assert(error.status === status, `expected HTTP ${status}, got ${error.status}: ${JSON.stringify(error.error)}`);
    if (finchCode) assert(error.error?.finch_code === finchCode, `expected finch_code ${finchCode}, got ${JSON.stringify(error.error)}`);
    return error;
  }
  throw new Error(`expected HTTP ${status}, but the call succeeded`);
};

let connection;
let account;
let client;
let entityToDrop;

await run('create sandbox connection', async () => {
  connection = await app.sandbox.connections.create({ provider_id: 'paychex_flex', authentication_type: 'credential', employee_size: 10 });
  assert(connection.access_token && connection.connection_id && connection.entity_id, 'missing ids in response');
  client = forToken(connection.access_token);
  return `connection ${connection.connection_id}`;
});

await run('add sandbox account to the connection', async () => {
  account = await app.sandbox.connections.accounts.create({ company_id: connection.company_id, provider_id: 'paychex_flex' });
  assert(account.connection_id === connection.connection_id, 'account landed on another connection');
  entityToDrop = account.entity_id;
  return `entity ${account.entity_id}`;
});

await run('introspect', async () => {
  const info = await client.account.introspect();
  assert(info.connection_id === connection.connection_id, 'wrong connection_id');
  assert(info.connection_status.status === 'connected', `status ${info.connection_status.status}`);
  assert(info.entities?.length === 2, `expected 2 entities, got ${info.entities?.length}`);
  assert(info.client_id === app.clientID, 'wrong client_id');
  return `${info.entities.length} entities, provider ${info.provider_id}`;
});

await run('get company', async () => {
  const company = await client.hris.company.retrieve();
  assert(company.id === connection.company_id, 'company id differs from company_id');
  return company.legal_name;
});

await run('create connect session and open its page', async () => {
  const session = await app.connect.sessions.new({
    customer_id: `sdk-check-${Date.now()}`,
    customer_name: 'SDK Check Inc.',
    products: ['company', 'directory'],
    redirect_uri: 'https://app.example/callback',
  });
  assert(session.session_id && session.connect_url, 'missing session_id or connect_url');
  const page = await fetch(`${session.connect_url}&state=sdk`);
  assert(page.ok && (await page.text()).includes('Allow'), `connect page answered ${page.status}`);
  return session.connect_url;
});

await run('create reauthentication session', async () => {
  const session = await app.connect.sessions.reauthenticate({ connection_id: connection.connection_id, minutes_to_expire: 60 });
  assert(session.session_id && session.connect_url, 'missing session_id or connect_url');
  return session.session_id;
});

await run('disconnect one entity and verify its webhook with webhooks.unwrap', async () => {
  const result = await client.account.disconnectEntity({ entity_ids: [entityToDrop] });
  assert(result.status === 'success', `status ${result.status}`);
  const delivery = await waitFor('account.updated for the entity', () =>
    webhooks.received.find((w) => JSON.parse(w.body).entity_id === entityToDrop));
  const event = app.webhooks.unwrap(delivery.body, delivery.headers);
  assert(event.event_type === 'account.updated', `event_type ${event.event_type}`);
  assert(event.data.status === 'disconnected', `data.status ${event.data.status}`);
  let forged = false;
  try {
    app.webhooks.unwrap(delivery.body.replace('disconnected', 'connected'), delivery.headers);
  } catch {
    forged = true;
  }
  assert(forged, 'a tampered body was accepted');
  const info = await client.account.introspect();
  const statuses = Object.fromEntries(info.entities.map((e) => [e.id, e.status]));
  assert(statuses[entityToDrop] === 'disconnected' && statuses[connection.entity_id] === 'connected', JSON.stringify(statuses));
  return `signature ok, event ${delivery.headers['finch-event-id']}`;
});

await run('status reauth answers 401 reauthenticate_user', async () => {
  await client.sandbox.connections.accounts.update({ connection_status: 'reauth' });
  await expectApiError(client.hris.company.retrieve(), 401, 'reauthenticate_user');
  await client.sandbox.connections.accounts.update({ connection_status: 'connected' });
  await client.hris.company.retrieve();
  return 'and recovers after connected';
});

await run('create a data_sync_all job and read it until complete', async () => {
  const created = await client.jobs.automated.create({ type: 'data_sync_all' });
  assert(created.job_id, 'no job_id');
  const again = await client.jobs.automated.create({ type: 'data_sync_all' });
  assert(again.job_id === created.job_id, 'a second job started while one was in flight');
  const job = await waitFor('job completion', async () => {
    const current = await client.jobs.automated.retrieve(created.job_id);
    return current.status === 'complete' ? current : null;
  });
  await waitFor('job.data_sync_all.completed webhook', () =>
    webhooks.received.find((w) => JSON.parse(w.body).data?.job_id === created.job_id));
  return `${job.job_id} ${job.status}`;
});

await run('company calls past the application rate limit answer 429 finch_application_rl', async () => {
  for (let i = 1; i <= 25; i += 1) {
    try {
      await client.hris.company.retrieve();
    } catch (error) {
      assert(error instanceof Finch.RateLimitError, `unexpected error ${error}`);
      assert(error.error?.finch_code === 'finch_application_rl', JSON.stringify(error.error));
      assert(error.headers?.get('retry-after'), 'no Retry-After header');
      return `429 on call ${i} this run, Retry-After ${error.headers.get('retry-after')}s`;
    }
  }
  throw new Error('no 429 after 25 calls');
});

await run('disconnect revokes every token of the pair', async () => {
  const result = await client.account.disconnect();
  assert(result.status === 'success', `status ${result.status}`);
  await expectApiError(client.account.introspect(), 401);
  await expectApiError(forToken(account.access_token).account.introspect(), 401);
  return 'both tokens answer 401';
});

webhooks.close();
console.log(`all ${stepsRun()} steps passed`);
