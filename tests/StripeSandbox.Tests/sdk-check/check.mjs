// Drives the StripeSandbox emulator with Stripe's official Node SDK, unchanged (only host, port and protocol point
// elsewhere). Env: STRIPE_PORT, STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET, WEBHOOK_PORT (where this script listens for
// the emulator's webhooks). Prints one line per step; exits non-zero on the first failure.
import Stripe from 'stripe';
import { assert, env, receiveWebhooks, run, waitFor } from '../../sdk-check/steps.mjs';

const port = Number(env('STRIPE_PORT'));
const webhookSecret = env('STRIPE_WEBHOOK_SECRET');
// No automatic retries: the check must see the errors the emulator sends, not hide them.
const common = { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0, timeout: 15_000 };
const stripe = new Stripe(env('STRIPE_SECRET_KEY'), common);

const webhooks = await receiveWebhooks(Number(env('WEBHOOK_PORT')));

const expectStripeError = async (promise, ErrorClass, status) => {
  try {
    await promise;
  } catch (error) {
    assert(error instanceof ErrorClass, `expected ${ErrorClass.name}, got ${error?.constructor?.name}: ${error?.message}`);
    assert(error.statusCode === status, `expected HTTP ${status}, got ${error.statusCode}`);
    assert(error.requestId?.startsWith('req_'), `no Request-Id on the error: ${error.requestId}`);
    return error;
  }
  throw new Error(`expected ${ErrorClass.name}, but the call succeeded`);
};

let customer;
let account;
let session;

await run('a wrong key is an authentication error', async () => {
  const stranger = new Stripe('sk_test_not_the_configured_key', common);
  await expectStripeError(stranger.customers.list(), Stripe.errors.StripeAuthenticationError, 401);
});

await run('create a customer', async () => {
  customer = await stripe.customers.create({ name: 'Acme Payroll LLC', email: 'finance@acme.test', metadata: { employer_id: '42' } });
  assert(customer.id.startsWith('cus_'), `id ${customer.id}`);
  assert(customer.object === 'customer' && customer.metadata.employer_id === '42', 'customer fields');
  assert(customer.lastResponse.requestId.startsWith('req_'), 'no Request-Id');
  return customer.id;
});

await run('idempotent create: same key replays, other parameters are refused', async () => {
  const idempotencyKey = `sdk-check-${Date.now()}`;
  const first = await stripe.customers.create({ name: 'Once' }, { idempotencyKey });
  const again = await stripe.customers.create({ name: 'Once' }, { idempotencyKey });
  assert(first.id === again.id, `replay made another customer: ${first.id} vs ${again.id}`);
  await expectStripeError(stripe.customers.create({ name: 'Twice' }, { idempotencyKey }), Stripe.errors.StripeIdempotencyError, 400);
  return first.id;
});

await run('create a test-helper account', async () => {
  account = await stripe.rawRequest('POST', '/v1/test_helpers/financial_connections/accounts', {
    customer: customer.id, institution_name: 'PNC Bank', last4: '6789', category: 'cash', subcategory: 'checking',
    permissions: ['payment_method', 'balances'],
  });
  assert(account.id.startsWith('fca_') && account.status === 'active', `account ${account.id} ${account.status}`);
  await stripe.rawRequest('POST', '/v1/test_helpers/financial_connections/accounts', { customer: customer.id, last4: '1111' });
  return account.id;
});

await run('create a session', async () => {
  session = await stripe.financialConnections.sessions.create({
    account_holder: { type: 'customer', customer: customer.id },
    permissions: ['payment_method', 'balances'],
    filters: { countries: ['US'] },
    return_url: 'https://dashboard.test/bank-accounts/return',
  });
  assert(session.id.startsWith('fcsess_') && session.client_secret.startsWith('fcsess_client_secret_'), 'session ids');
  assert(session.account_holder.customer === customer.id, 'account holder');
  assert(session.accounts.object === 'list' && session.accounts.data.length === 0, 'accounts list');
  assert(session.hosted_auth_url.startsWith(`http://127.0.0.1:${port}/link-accounts?client_secret=`), session.hosted_auth_url);
  const again = await stripe.financialConnections.sessions.retrieve(session.id);
  assert(again.client_secret === session.client_secret, 'retrieved session differs');
  return session.id;
});

await run('list accounts by customer, paging', async () => {
  const page = await stripe.financialConnections.accounts.list({ account_holder: { customer: customer.id }, limit: 1 });
  assert(page.object === 'list' && page.data.length === 1 && page.has_more === true, `first page: ${page.data.length}, has_more ${page.has_more}`);
  const all = await stripe.financialConnections.accounts.list({ account_holder: { customer: customer.id }, limit: 1 }).autoPagingToArray({ limit: 10 });
  assert(all.length === 2 && all.some((a) => a.id === account.id), `auto-paging found ${all.length}`);
  return `${all.length} accounts over 2 pages`;
});

await run('retrieve the account', async () => {
  const fetched = await stripe.financialConnections.accounts.retrieve(account.id, { expand: ['account_holder.customer'] });
  assert(fetched.object === 'financial_connections.account' && fetched.livemode === false, 'object/livemode');
  assert(fetched.institution_name === 'PNC Bank' && fetched.last4 === '6789', 'institution/last4');
  assert(fetched.account_holder.customer.id === customer.id, 'expanded customer');
  return fetched.status;
});

await run('disconnect the account', async () => {
  const disconnected = await stripe.financialConnections.accounts.disconnect(account.id);
  assert(disconnected.status === 'disconnected', `status ${disconnected.status}`);
  const again = await stripe.financialConnections.accounts.retrieve(account.id);
  assert(again.status === 'disconnected', `retrieved status ${again.status}`);
  return disconnected.status;
});

await run('refresh refused on a disconnected account', async () => {
  const error = await expectStripeError(
    stripe.financialConnections.accounts.refresh(account.id, { features: ['balance'] }), Stripe.errors.StripeInvalidRequestError, 400);
  assert(error.type === 'StripeInvalidRequestError' && error.raw.type === 'invalid_request_error', `type ${error.raw.type}`);
  return error.message;
});

await run('a missing account is resource_missing', async () => {
  const error = await expectStripeError(stripe.financialConnections.accounts.retrieve('fca_missing'), Stripe.errors.StripeInvalidRequestError, 404);
  assert(error.code === 'resource_missing', `code ${error.code}`);
});

await run('the disconnected webhook verifies with constructEvent', async () => {
  const delivery = await waitFor('financial_connections.account.disconnected', () =>
    webhooks.received.find((w) => {
      const body = JSON.parse(w.body);
      return body.type === 'financial_connections.account.disconnected' && body.data.object.id === account.id;
    }));
  const event = stripe.webhooks.constructEvent(delivery.body, delivery.headers['stripe-signature'], webhookSecret);
  assert(event.id.startsWith('evt_') && event.object === 'event', `event ${event.id}`);
  assert(event.data.object.status === 'disconnected', 'event object status');
  try {
    stripe.webhooks.constructEvent(delivery.body.replace('disconnected', 'active'), delivery.headers['stripe-signature'], webhookSecret);
  } catch (error) {
    assert(error instanceof Stripe.errors.StripeSignatureVerificationError, `tampered body: ${error}`);
    return event.id;
  }
  throw new Error('a tampered body verified');
});

webhooks.close();
console.log('Stripe SDK check passed');
