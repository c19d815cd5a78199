// What the emulators' SDK checks (tests/*/sdk-check/check.mjs) share: settings from the environment, a receiver for
// the emulator's webhooks, and numbered steps that print one line each and stop the check at the first failure.
import http from 'node:http';

export const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

// Keeps each webhook's headers and raw body, as the SDKs' signature checks need the exact bytes that were signed.
export const receiveWebhooks = async (port) => {
  const received = [];
  const receiver = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200).end();
    });
  });
  await new Promise((resolve) => receiver.listen(port, '127.0.0.1', resolve));
  return { received, close: () => receiver.close() };
};

let step = 0;
export const stepsRun = () => step;

export const run = async (name, fn) => {
  step += 1;
  try {
    const detail = await fn();
    console.log(`ok   ${String(step).padStart(2)} ${name}${detail ? ` — ${detail}` : ''}`);
  } catch (error) {
    console.log(`FAIL ${String(step).padStart(2)} ${name} — ${error?.message ?? error}`);
    process.exit(1);
  }
};

export const assert = (condition, message) => {
  if (!condition) throw new Error(message);
};

export const waitFor = async (what, predicate, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = await predicate();
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
};
