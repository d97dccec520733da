import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTIONS, type HallData } from '../shared/state.ts';
import { OUTCOMES, PAUSE_REASONS } from '../shared/types.ts';
import { DISPLAY_KEY, KIOSK_KEY, testConfig, WINDOW5_KEY } from './support/config.ts';
import { startHall, type TestHall } from './support/harness.ts';
import { countCommits, errorShapeProblem, type RawResponse, rawRequest, tryHandshake } from './support/probes.ts';

/**
 * SPEC §8: no input ever yields a 500 or stops the server, every refusal has the error
 * shape, and nothing changes on refusal. Property-based: fast-check draws requests to every
 * endpoint (path params, query, body, credentials) and socket handshakes, with a fixed seed,
 * against one server whose state accumulates across all of them.
 *
 * FUZZ_RUNS   total cases across the properties (default 20,000)
 * FUZZ_SEED   the seed (default fixed; `npm run fuzz:long` draws one and prints it)
 * FUZZ_COLLECT=1  record every violation and list them at the end, grouped by route,
 *             instead of stopping (and shrinking) at the first one
 * FUZZ_HEALTH_EVERY  GET /api/health after every this many cases (default 20; always after a
 *             5xx and after each property)
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_126);
const TOTAL = Math.max(1, Number(process.env.FUZZ_RUNS ?? 20_000));
const COLLECT = process.env.FUZZ_COLLECT === '1';

/** Each property's share of the cases; the shares add up to 1. */
const SHARES = {
  tickets: 0.23,
  windows: 0.3,
  casesAndReviews: 0.1,
  reports: 0.1,
  // Every login runs scrypt (tens of milliseconds): few of them.
  auth: 0.005,
  anyRoute: 0.12,
  rawBodies: 0.115,
  handshakes: 0.03,
} as const;
type PropertyName = keyof typeof SHARES;
const RUNS = Object.fromEntries(Object.entries(SHARES).map(([k, share]) => [k, Math.max(1, Math.floor(TOTAL * share))])) as Record<PropertyName, number>;
RUNS.windows += Math.max(0, TOTAL - Object.values(RUNS).reduce((a, b) => a + b, 0));
const PLANNED = Object.values(RUNS).reduce((a, b) => a + b, 0);

/** GET /api/health after every this many cases, after any 5xx, and after each property. */
const HEALTH_EVERY = Math.max(1, Number(process.env.FUZZ_HEALTH_EVERY ?? 20));

const WINDOW1_KEY = 'window1-key-00000001';
const KIOSK2_KEY = 'kiosk-key-0000000002';

// ---- What the hall has: references resolved when a case runs ----------------------------

type RefKind = 'ticketId' | 'ticketToken' | 'ticketNumber' | 'caseId' | 'reviewId' | 'visitId' | 'windowId' | 'staffToken' | 'deviceKey';

/** A value of the live hall (a real ticket id, a token…), picked when the case runs. */
class Ref {
  constructor(
    readonly kind: RefKind,
    readonly pick: number,
  ) {}
  [fc.toStringMethod](): string {
    return `<${this.kind}#${this.pick}>`;
  }
}
const ref = (kind: RefKind) => fc.nat({ max: 10_000 }).map((n) => new Ref(kind, n));

/** A path segment: text to encode, bytes to put as they are (broken escapes), or a live value. */
type Segment = { text: string } | { raw: string } | Ref;

type CredPlan =
  | { kind: 'none' }
  | { kind: 'junk'; header: string }
  /** `header`: the key in another valid form (`bearer`, a tab). */
  | { kind: 'device'; name: 'kiosk' | 'kiosk2' | 'display' | 'wd5' | 'wd1'; header?: string }
  | { kind: 'staff'; name: 'clerk5' | 'clerk1' | 'clerk2' | 'manager' }
  /** A session logged in for this case alone (logout ends it). */
  | { kind: 'fresh' }
  | { kind: 'loggedOut' }
  | { kind: 'ticketBearer'; token: Ref };

type BodyPlan = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'raw'; text: string; contentType?: string; encoding?: string };

interface HttpPlan {
  method: string;
  segments: Segment[];
  query: Array<[string, unknown]>;
  body: BodyPlan;
  cred: CredPlan;
  /** Who may get a 2xx here at all; any other credential must be refused, with nothing written. */
  allowed: 'anyone' | 'holder' | Array<CredPlan['kind'] | `${CredPlan['kind']}:${string}`>;
}

// ---- Hostile values -------------------------------------------------------------------

const PROTO = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', 'isPrototypeOf', '__defineGetter__', 'toJSON'];
const WEIRD = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF',
  'a\uDC00\uD800b',
  '😀',
  '👨‍👩‍👧‍👦',
  '\u202Eevil\u202C',
  'שלום',
  'مرحبا',
  '\uFEFF',
  'e\u0301\u0301\u0301',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-0',
  '0x10',
  '5',
  ' 5 ',
  '1.5',
  '-1',
  '9007199254740993',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '../..',
  'A001',
  'a001',
  'A0001',
  'Z999',
  'AA001',
  'A',
  '20261126-abcdefghjk',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '${process.env}',
  '\n',
  '\r\n',
  '\t',
  'w5',
  'company',
  'v-zzzzzzzzzzzz',
  'rv-zzzzzzzzzzzz',
];
const DATES = [
  '9999-12-31',
  '9999-12-30',
  '0000-00-00',
  '0000-01-01',
  '2026-02-30',
  '+010000-01-01',
  '-000001-01-01',
  '2026-13-01',
  '2026-11-26T00:00:00Z',
  '20261126',
  '1969-12-31',
  '1970-01-01',
  '2999-12-31',
  '3000-01-01',
  '2026-11-26',
  '2026-11-25',
  '2026-11-20',
  '2016-11-27',
  '2026-1-1',
  ' 2026-11-26',
  '２０２６-１１-２６',
];
const BROKEN_ESCAPES = ['%', '%z', '%zz', '%ED%A0%80', '%F0%9F', '%C0%AE', '%00', '%2e%2e', '%2F', '%5C', '%25', '+', '%2B010000-01-01', '%FF%FE'];

const huge = fc
  .tuple(fc.constantFrom(1_000, 8_000, 16_000, 16_300, 17_000, 40_000), fc.constantFrom('x', '中', '😀', '\u0000', '\uD800'))
  .map(([n, c]) => c.repeat(Math.ceil(n / c.length)));
/** Long, but short enough for a URL (Node refuses request lines past 16 kB itself, without our error shape). */
const longForUrl = fc.constantFrom('x'.repeat(100), 'x'.repeat(3_000), '中'.repeat(600), '%'.repeat(1_000), '😀'.repeat(300));

const weirdString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...WEIRD, ...PROTO, ...DATES) },
  { weight: 2, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
);
const weirdNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, 1, 2, 5, 6, -1, 1.5, 2 ** 53, Number.MAX_VALUE, Number.MIN_VALUE, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
);
const scalar = fc.oneof({ weight: 4, arbitrary: weirdString }, { weight: 2, arbitrary: weirdNumber }, { weight: 1, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.constant(null) });

const { value: junk } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    { weight: 6, arbitrary: scalar },
    { weight: 1, arbitrary: huge },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.oneof(fc.constantFrom(...PROTO), fc.string({ maxLength: 8 })), tie('value'), { maxKeys: 4 }) },
  ),
}));

/** A field's value: mostly a plausible one, sometimes anything at all, sometimes absent. */
const field = (plausible: fc.Arbitrary<unknown>) => fc.oneof({ weight: 6, arbitrary: plausible }, { weight: 3, arbitrary: junk }, { weight: 1, arbitrary: fc.constant(undefined) });

/** Bodies for an endpoint: its shape with fuzzed fields, prototype keys, anything at all, broken JSON. */
function bodyArb(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<BodyPlan> {
  const shaped = fc.record(Object.fromEntries(Object.entries(fields).map(([k, a]) => [k, field(a)])));
  const withProtoKey = fc.tuple(shaped, fc.constantFrom(...PROTO), junk).map(([o, k, v]) => {
    const json = JSON.stringify(o) ?? '{}';
    return { kind: 'raw' as const, text: `{${JSON.stringify(k)}:${JSON.stringify(v ?? null) ?? 'null'}${json.length > 2 ? `,${json.slice(1)}` : '}'}` };
  });
  const pollution = fc.constantFrom(
    '{"__proto__":{"isAdmin":true,"role":"manager"}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '{"__proto__":null}',
    '{"toString":"x","valueOf":1,"hasOwnProperty":"y"}',
  );
  return fc.oneof(
    { weight: 8, arbitrary: shaped.map((value) => ({ kind: 'json' as const, value })) },
    { weight: 2, arbitrary: withProtoKey },
    { weight: 1, arbitrary: pollution.map((text) => ({ kind: 'raw' as const, text })) },
    { weight: 2, arbitrary: junk.map((value) => ({ kind: 'json' as const, value })) },
    { weight: 1, arbitrary: rawBody },
    { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
  );
}

const rawBody: fc.Arbitrary<BodyPlan> = fc.oneof(
  fc.constantFrom('{', '[', '{"a":', 'NaN', '{"score":NaN}', '{"score":Infinity}', '{"a":1,}', "{'a':1}", '', ' ', 'null', '"str"', '123', 'true', '[]', '[{}]', '\uFEFF{}', '{"a":"\\uD800"}', '{"a":"\\u0000"}').map((text) => ({ kind: 'raw' as const, text })),
  fc.constantFrom(1_000, 8_000, 8_190).map((n) => ({ kind: 'raw' as const, text: '['.repeat(n) + ']'.repeat(n) })),
  fc.constantFrom(16_000, 16_384, 16_385, 20_000, 200_000).map((n) => ({ kind: 'raw' as const, text: `{"serviceId":"${'x'.repeat(n)}"}` })),
  fc.string({ unit: 'binary', maxLength: 200 }).map((text) => ({ kind: 'raw' as const, text })),
  fc
    .tuple(
      fc.constantFrom('application/json; charset=utf-16', 'application/json; charset=latin1', 'application/json; charset=bogus', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'application/json;;;', 'APPLICATION/JSON'),
      fc.constantFrom('{"serviceId":"company"}', '{"outcome":"completed"}', 'a=1&b=2', '{}'),
    )
    .map(([contentType, text]) => ({ kind: 'raw' as const, text, contentType })),
  fc
    .tuple(fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-bogus', 'gzip, gzip'), fc.constantFrom('{"serviceId":"company"}', '\u001f\u008b\u0008garbage'))
    .map(([encoding, text]) => ({ kind: 'raw' as const, text, encoding })),
);

const idSegment = (live: RefKind, wellFormed: fc.Arbitrary<string>): fc.Arbitrary<Segment> =>
  fc.oneof(
    { weight: 5, arbitrary: ref(live) },
    { weight: 2, arbitrary: wellFormed.map((text) => ({ text })) },
    { weight: 2, arbitrary: fc.constantFrom(...PROTO).map((text) => ({ text })) },
    { weight: 2, arbitrary: weirdString.map((text) => ({ text })) },
    { weight: 1, arbitrary: longForUrl.map((text) => ({ text })) },
    { weight: 1, arbitrary: fc.constantFrom(...BROKEN_ESCAPES).map((raw) => ({ raw })) },
  );

const ticketIdSegment = idSegment(
  'ticketId',
  fc.oneof(fc.stringMatching(/^202611(2[0-9])-[0-9a-z]{10}$/), fc.constantFrom('99991231-abcdefghjk', '00000000-0000000000', '20260230-abcdefghjk', '19691231-0000000000', '20261126-ABCDEFGHJK', '20261126-abcdefghjk-1')),
);
const windowSegment: fc.Arbitrary<Segment> = fc.oneof(
  { weight: 8, arbitrary: fc.constant({ text: 'w5' }) },
  { weight: 3, arbitrary: fc.constantFrom('w1', 'w4', 'w7', 'w2', 'w20').map((text) => ({ text })) },
  { weight: 1, arbitrary: ref('windowId') },
  { weight: 2, arbitrary: fc.constantFrom('w21', 'w0', 'W5', 'w05', ' w5', 'w5 ', '5', 'w-1').map((text) => ({ text })) },
  { weight: 2, arbitrary: fc.constantFrom(...PROTO).map((text) => ({ text })) },
  { weight: 1, arbitrary: weirdString.map((text) => ({ text })) },
  { weight: 1, arbitrary: fc.constantFrom(...BROKEN_ESCAPES).map((raw) => ({ raw })) },
);
const caseSegment = idSegment('caseId', fc.stringMatching(/^20261126-[0-9a-z]{10}$/));
const reviewSegment = idSegment('reviewId', fc.stringMatching(/^rv-[0-9a-z]{12}$/));

/** Extra query parameters nobody asked for: prototype names, repeats. */
const extraQuery = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...PROTO, 'token', 'from', 'to', 'date', 'status', 'format', 'id'), fc.string({ maxLength: 6 })), fc.oneof(weirdString, fc.constantFrom(...BROKEN_ESCAPES))), { maxLength: 3 });

const JUNK_HEADERS = ['Bearer', 'Bearer ', 'Basic a2lvc2s6cHc=', `Bearer ${KIOSK_KEY} extra`, `Bearer ${KIOSK_KEY},${DISPLAY_KEY}`, 'Bearer null', 'Bearer undefined', 'Bearer __proto__', 'Bearer constructor', `Bearer ${'a'.repeat(5000)}`, `Bearer ${KIOSK_KEY.slice(0, -1)}`, `Bearer ${KIOSK_KEY}x`];
const headerSafe = (s: string) => /^[\x21-\x7e][\x20-\x7e]*$/.test(s) || s === '';

function credArb(preferred: CredPlan[]): fc.Arbitrary<CredPlan> {
  const any = fc.oneof(
    { weight: 3, arbitrary: fc.constant<CredPlan>({ kind: 'none' }) },
    { weight: 2, arbitrary: fc.constantFrom(...JUNK_HEADERS).map((header): CredPlan => ({ kind: 'junk', header })) },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }).filter(headerSafe).map((s): CredPlan => ({ kind: 'junk', header: `Bearer ${s}` })) },
    { weight: 5, arbitrary: fc.constantFrom('kiosk', 'kiosk2', 'display', 'wd5', 'wd1').map((name): CredPlan => ({ kind: 'device', name })) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<CredPlan>({ kind: 'device', name: 'display', header: `bearer ${DISPLAY_KEY}` }, { kind: 'device', name: 'wd5', header: `Bearer \t ${WINDOW5_KEY}` }),
    },
    { weight: 6, arbitrary: fc.constantFrom('clerk5', 'clerk1', 'clerk2', 'manager').map((name): CredPlan => ({ kind: 'staff', name })) },
    { weight: 1, arbitrary: fc.constant<CredPlan>({ kind: 'loggedOut' }) },
    { weight: 1, arbitrary: ref('ticketToken').map((token): CredPlan => ({ kind: 'ticketBearer', token })) },
  );
  return preferred.length === 0 ? any : fc.oneof({ weight: 1, arbitrary: any }, { weight: 1, arbitrary: fc.constantFrom(...preferred) });
}

const query = (...pairs: Array<fc.Arbitrary<[string, unknown] | undefined>>) =>
  fc.tuple(fc.tuple(...pairs), extraQuery).map(([own, extra]) => [...own.filter((p): p is [string, unknown] => p !== undefined), ...extra]);
const param = (name: string, value: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 8, arbitrary: value.map((v): [string, unknown] => [name, v]) }, { weight: 1, arbitrary: fc.constant(undefined) });

// ---- Plans per endpoint family ------------------------------------------------------------

const scoreArb = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constantFrom(1, 2, 5));
const reasonArb = fc.oneof(fc.constantFrom('等候时间太长', '态度不好'), weirdString, huge);
const numberArb = fc.oneof({ weight: 4, arbitrary: ref('ticketNumber') }, { weight: 2, arbitrary: fc.stringMatching(/^[A-EL]\d{3}$/) }, { weight: 1, arbitrary: fc.constantFrom('a001', ' A001 ', 'A1', 'A00001', 'ZZ999') });

const ticketPlans: fc.Arbitrary<HttpPlan> = fc.oneof(
  fc
    .tuple(
      bodyArb({ serviceId: fc.constantFrom('company', 'trader', 'household', 'property', 'forestry', 'nope'), priority: fc.boolean(), requestId: fc.stringMatching(/^[\w-]{8,20}$/) }),
      credArb([{ kind: 'device', name: 'kiosk' }, { kind: 'device', name: 'kiosk2' }]),
      extraQuery,
    )
    .map(([body, cred, q]): HttpPlan => ({ method: 'POST', segments: [{ text: 'tickets' }], query: q, body, cred, allowed: ['device:kiosk', 'device:kiosk2'] })),
  fc
    .tuple(
      fc.constantFrom('', 'cancel', 'rating'),
      fc.nat({ max: 10_000 }),
      fc.oneof({ weight: 5, arbitrary: fc.constant('same') }, { weight: 3, arbitrary: ticketIdSegment }),
      fc.oneof(
        { weight: 5, arbitrary: fc.constant('same') },
        { weight: 2, arbitrary: fc.constant('other') },
        { weight: 2, arbitrary: fc.oneof(weirdString, longForUrl, fc.stringMatching(/^[A-Za-z0-9_-]{24}$/)) },
        { weight: 1, arbitrary: fc.constant('missing') },
        { weight: 1, arbitrary: fc.constant('twice') },
      ),
      bodyArb({ score: scoreArb, reason: reasonArb }),
      credArb([]),
      extraQuery,
    )
    .map(([action, pick, idChoice, tokenChoice, body, cred, extra]): HttpPlan => {
      const id: Segment = idChoice === 'same' ? new Ref('ticketId', pick) : idChoice;
      const token = tokenChoice === 'same' ? new Ref('ticketToken', pick) : tokenChoice === 'other' ? new Ref('ticketToken', pick + 1) : tokenChoice;
      const q: Array<[string, unknown]> = tokenChoice === 'missing' ? [] : tokenChoice === 'twice' ? [['token', new Ref('ticketToken', pick)], ['token', new Ref('ticketToken', pick)]] : [['token', token]];
      return {
        method: action === '' ? 'GET' : 'POST',
        segments: [{ text: 'tickets' }, id, ...(action ? [{ text: action }] : [])],
        query: [...q, ...extra],
        body: action === 'rating' ? body : action === 'cancel' ? { kind: 'json', value: {} } : { kind: 'none' },
        cred,
        allowed: 'holder',
      };
    }),
);

const WINDOW_ACTIONS: Array<{ action: string; body: fc.Arbitrary<BodyPlan> }> = [
  { action: 'sign-in', body: bodyArb({}) },
  { action: 'sign-out', body: bodyArb({}) },
  { action: 'pause', body: bodyArb({ reason: fc.constantFrom(...PAUSE_REASONS) }) },
  { action: 'resume', body: bodyArb({}) },
  { action: 'call-next', body: bodyArb({}) },
  { action: 'call-next', body: bodyArb({}) },
  { action: 'call', body: bodyArb({ number: numberArb }) },
  { action: 'requeue', body: bodyArb({ number: numberArb }) },
  { action: 'recall', body: bodyArb({}) },
  { action: 'start', body: bodyArb({}) },
  { action: 'no-show', body: bodyArb({}) },
  { action: 'finish', body: bodyArb({ outcome: fc.constantFrom(...OUTCOMES), note: fc.oneof(fc.constant('材料齐全'), weirdString, huge) }) },
  { action: 'finish', body: bodyArb({ outcome: fc.constantFrom(...OUTCOMES) }) },
  {
    action: 'transfer',
    body: fc.oneof(
      bodyArb({ serviceId: fc.constantFrom('company', 'trader', 'household', 'property', 'forestry') }),
      bodyArb({ windowId: fc.constantFrom('w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w21') }),
      bodyArb({ serviceId: fc.constantFrom('trader'), windowId: fc.constantFrom('w1') }),
    ),
  },
];

const windowPlans: fc.Arbitrary<HttpPlan> = fc.oneof(
  { weight: 10, arbitrary: fc
    .tuple(fc.constantFrom(...WINDOW_ACTIONS), windowSegment, credArb([{ kind: 'staff', name: 'clerk5' }, { kind: 'staff', name: 'clerk5' }, { kind: 'staff', name: 'clerk1' }, { kind: 'staff', name: 'manager' }]), extraQuery)
    .chain(([a, w, cred, q]) => a.body.map((body): HttpPlan => ({ method: 'POST', segments: [{ text: 'windows' }, w, { text: a.action }], query: q, body, cred, allowed: ['staff'] }))) },
  { weight: 2, arbitrary: fc
    .tuple(windowSegment, credArb([{ kind: 'device', name: 'wd5' }, { kind: 'staff', name: 'clerk5' }, { kind: 'staff', name: 'manager' }]), extraQuery)
    .map(([w, cred, q]): HttpPlan => ({ method: 'GET', segments: [{ text: 'windows' }, w], query: q, body: { kind: 'none' }, cred, allowed: ['staff', 'device:wd5', 'device:wd1'] })) },
  { weight: 3, arbitrary: fc
    .tuple(
      windowSegment,
      bodyArb({ visitId: fc.oneof({ weight: 4, arbitrary: ref('visitId') }, { weight: 1, arbitrary: fc.constantFrom('__proto__-1', 'constructor-1', 'v-zzzzzzzzzzzz', '20261126-abcdefghjk-1', `v-${'a'.repeat(80)}`) }), score: scoreArb, reason: reasonArb }),
      credArb([{ kind: 'device', name: 'wd5' }, { kind: 'device', name: 'wd5' }, { kind: 'device', name: 'wd1' }]),
    )
    .map(([w, body, cred]): HttpPlan => ({ method: 'POST', segments: [{ text: 'windows' }, w, { text: 'rating' }], query: [], body, cred, allowed: ['device:wd5', 'device:wd1'] })) },
);

const casesAndReviewPlans: fc.Arbitrary<HttpPlan> = fc.oneof(
  fc
    .tuple(query(param('status', fc.oneof(fc.constant('pending'), weirdString))), credArb([{ kind: 'staff', name: 'clerk5' }, { kind: 'staff', name: 'clerk2' }, { kind: 'staff', name: 'manager' }]))
    .map(([q, cred]): HttpPlan => ({ method: 'GET', segments: [{ text: 'cases' }], query: q, body: { kind: 'none' }, cred, allowed: ['staff'] })),
  fc
    .tuple(caseSegment, bodyArb({ note: fc.oneof(fc.constant('已办结'), weirdString, huge) }), credArb([{ kind: 'staff', name: 'clerk5' }, { kind: 'staff', name: 'clerk2' }, { kind: 'staff', name: 'manager' }]))
    .map(([id, body, cred]): HttpPlan => ({ method: 'POST', segments: [{ text: 'cases' }, id, { text: 'complete' }], query: [], body, cred, allowed: ['staff'] })),
  fc
    .tuple(query(param('status', fc.oneof(fc.constantFrom('open', 'resolved', 'all'), weirdString))), credArb([{ kind: 'staff', name: 'manager' }]))
    .map(([q, cred]): HttpPlan => ({ method: 'GET', segments: [{ text: 'reviews' }], query: q, body: { kind: 'none' }, cred, allowed: ['staff:manager'] })),
  fc
    .tuple(reviewSegment, bodyArb({ note: fc.oneof(fc.constant('已回访'), weirdString, huge) }), credArb([{ kind: 'staff', name: 'manager' }]))
    .map(([id, body, cred]): HttpPlan => ({ method: 'POST', segments: [{ text: 'reviews' }, id, { text: 'resolve' }], query: [], body, cred, allowed: ['staff:manager'] })),
  fc
    .tuple(extraQuery, credArb([{ kind: 'staff', name: 'manager' }]))
    .map(([q, cred]): HttpPlan => ({ method: 'GET', segments: [{ text: 'manager' }, { text: 'dashboard' }], query: q, body: { kind: 'none' }, cred, allowed: ['staff:manager'] })),
);

const dateArb = fc.oneof(
  // Real dates around today, so the report handlers run, not only the validation.
  { weight: 5, arbitrary: fc.constantFrom('2026-11-26', '2026-11-25', '2026-11-20', '2026-11-01', '2025-11-26') },
  { weight: 4, arbitrary: fc.constantFrom(...DATES) },
  { weight: 1, arbitrary: weirdString },
  { weight: 1, arbitrary: fc.constantFrom(...BROKEN_ESCAPES).map((raw) => ({ raw })) },
);
// XLSX costs tens of milliseconds a workbook: mostly JSON.
const formatArb = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('json', 'json', 'json', 'json', 'json', 'json', 'csv', 'xlsx') }, { weight: 1, arbitrary: weirdString });

const reportPlans: fc.Arbitrary<HttpPlan> = fc
  .tuple(
    fc.constantFrom('summary', 'attendance', 'hourly'),
    query(param('from', dateArb), param('to', dateArb), param('date', dateArb), param('format', formatArb)),
    credArb([{ kind: 'staff', name: 'manager' }, { kind: 'staff', name: 'manager' }, { kind: 'staff', name: 'manager' }]),
  )
  .map(([report, q, cred]): HttpPlan => ({ method: 'GET', segments: [{ text: 'reports' }, { text: report }], query: q, body: { kind: 'none' }, cred, allowed: ['staff:manager'] }));

/** Staff numbers the login fuzz may lock (never those of the test's own sessions). */
const LOCKABLE = ['1013', '1014', '1015', '1016', '1017', '1018', '1019', '1020'];
const authPlans: fc.Arbitrary<HttpPlan> = fc.oneof(
  fc
    .tuple(
      bodyArb({
        staffNo: fc.oneof(fc.constantFrom(...LOCKABLE), fc.constantFrom(' 1013', '1013 ', '1013\u0000', '１０１３', '01013', '1013.0', '9999', ...PROTO)),
        password: fc.oneof(fc.constantFrom('pw', 'PW', 'pw ', ''), weirdString),
      }),
      credArb([]),
    )
    .map(([body, cred]): HttpPlan => ({ method: 'POST', segments: [{ text: 'auth' }, { text: 'login' }], query: [], body, cred, allowed: 'anyone' })),
  fc
    .tuple(fc.constantFrom('logout', 'me'), bodyArb({}), credArb([{ kind: 'fresh' }, { kind: 'loggedOut' }]))
    .map(([what, body, cred]): HttpPlan => ({ method: what === 'me' ? 'GET' : 'POST', segments: [{ text: 'auth' }, { text: what }], query: [], body: what === 'me' ? { kind: 'none' } : body, cred, allowed: ['staff', 'fresh'] })),
);

/** Any method on any path: the routes above with stray segments, unknown routes, HEAD/PUT/DELETE… */
const ROUTE_SHAPES: Segment[][] = [
  [{ text: 'health' }],
  [{ text: 'hall' }],
  [{ text: 'tickets' }],
  [{ text: 'tickets' }, new Ref('ticketId', 0)],
  [{ text: 'tickets' }, new Ref('ticketId', 0), { text: 'cancel' }],
  [{ text: 'tickets' }, new Ref('ticketId', 0), { text: 'rating' }],
  [{ text: 'tickets' }, new Ref('ticketId', 0), { text: 'x' }, { text: 'y' }],
  [{ text: 'auth' }, { text: 'login' }],
  [{ text: 'auth' }, { text: 'logout' }],
  [{ text: 'auth' }, { text: 'me' }],
  [{ text: 'windows' }],
  [{ text: 'windows' }, { text: 'w5' }],
  [{ text: 'windows' }, { text: 'w5' }, { text: 'call-next' }],
  [{ text: 'windows' }, { text: 'w5' }, { text: 'unknown' }],
  [{ text: 'windows' }, { text: '' }, { text: 'call' }],
  [{ text: 'cases' }],
  [{ text: 'cases' }, { text: 'x' }, { text: 'complete' }],
  [{ text: 'reports' }, { text: 'summary' }],
  [{ text: 'reports' }, { text: 'bulletin' }],
  [{ text: 'reviews' }],
  [{ text: 'reviews' }, { text: 'x' }, { text: 'resolve' }],
  [{ text: 'manager' }, { text: 'dashboard' }],
  [{ text: 'admin' }, { text: 'config' }],
  [{ text: '__proto__' }],
  [{ text: 'constructor' }, { text: 'prototype' }],
  [{ raw: '..%2F..%2Fpackage.json' }],
  [{ raw: '%2e%2e' }, { text: 'health' }],
  [{ text: '' }, { text: 'health' }],
  [{ text: 'health' }, { text: '' }],
];
const anyRoutePlans: fc.Arbitrary<HttpPlan> = fc
  .tuple(
    fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'),
    fc.constantFrom(...ROUTE_SHAPES),
    fc.option(fc.oneof(windowSegment, ticketIdSegment), { nil: undefined }),
    extraQuery,
    fc.oneof(bodyArb({ serviceId: fc.constant('company'), outcome: fc.constant('completed'), note: fc.constant('x'), score: scoreArb }), fc.constant<BodyPlan>({ kind: 'none' })),
    credArb([]),
  )
  .map(([method, shape, extra, q, body, cred]): HttpPlan => ({
    method,
    segments: extra ? [...shape, extra] : shape,
    query: q,
    body: method === 'GET' || method === 'HEAD' ? { kind: 'none' } : body,
    cred,
    allowed: 'anyone',
  }));

const POST_ROUTES: Segment[][] = [
  [{ text: 'tickets' }],
  [{ text: 'tickets' }, new Ref('ticketId', 0), { text: 'rating' }],
  [{ text: 'auth' }, { text: 'login' }],
  [{ text: 'windows' }, { text: 'w5' }, { text: 'call' }],
  [{ text: 'windows' }, { text: 'w5' }, { text: 'finish' }],
  [{ text: 'windows' }, { text: 'w5' }, { text: 'pause' }],
  [{ text: 'windows' }, { text: 'w5' }, { text: 'transfer' }],
  [{ text: 'windows' }, { text: 'w5' }, { text: 'rating' }],
  [{ text: 'cases' }, new Ref('caseId', 0), { text: 'complete' }],
  [{ text: 'reviews' }, new Ref('reviewId', 0), { text: 'resolve' }],
];
const rawBodyPlans: fc.Arbitrary<HttpPlan> = fc
  .tuple(fc.constantFrom(...POST_ROUTES), rawBody, fc.constantFrom<CredPlan['kind']>('device', 'staff', 'none'), fc.nat({ max: 3 }))
  .map(([segments, body, kind, n]): HttpPlan => {
    const cred: CredPlan =
      kind === 'device' ? { kind: 'device', name: (['kiosk', 'wd5', 'kiosk2', 'display'] as const)[n] } : kind === 'staff' ? { kind: 'staff', name: (['clerk5', 'manager', 'clerk1', 'clerk2'] as const)[n] } : { kind: 'none' };
    const isTicket = segments.some((s) => s instanceof Ref && s.kind === 'ticketId');
    return { method: 'POST', segments, query: isTicket ? [['token', new Ref('ticketToken', 0)]] : [], body, cred, allowed: 'anyone' };
  });

// ---- Socket handshakes --------------------------------------------------------------------

type AuthPlan = { auth: unknown; valid: 'yes' | 'no' | 'maybe' };
const handshakePlans: fc.Arbitrary<AuthPlan> = fc.oneof(
  fc.tuple(fc.nat({ max: 10_000 }), fc.boolean()).map(([p, same]): AuthPlan => ({ auth: { ticketId: new Ref('ticketId', p), ticketToken: new Ref('ticketToken', same ? p : p + 1) }, valid: same ? 'maybe' : 'maybe' })),
  fc.tuple(fc.oneof(ref('ticketId'), junk), fc.oneof(ref('ticketToken'), junk)).map(([ticketId, ticketToken]): AuthPlan => ({ auth: { ticketId, ticketToken }, valid: 'maybe' })),
  fc.oneof(ref('deviceKey'), ref('staffToken')).chain((r) => fc.constantFrom('key', 'token').map((k): AuthPlan => ({ auth: { [k]: r }, valid: 'yes' }))),
  fc.tuple(fc.constantFrom('key', 'token', 'ticketId', 'ticketToken'), junk).map(([k, v]): AuthPlan => ({ auth: { [k]: v }, valid: 'no' })),
  fc.dictionary(fc.oneof(fc.constantFrom(...PROTO, 'key', 'token', 'ticketId', 'ticketToken'), fc.string({ maxLength: 6 })), junk, { maxKeys: 5 }).map((auth): AuthPlan => ({ auth, valid: 'no' })),
  fc.constantFrom<AuthPlan>(
    { auth: JSON.parse(`{"__proto__":{"key":"${KIOSK_KEY}"}}`), valid: 'no' },
    { auth: JSON.parse(`{"constructor":{"prototype":{"key":"${KIOSK_KEY}"}}}`), valid: 'no' },
    { auth: { ticketId: '__proto__', ticketToken: '__proto__' }, valid: 'no' },
    { auth: { ticketId: 'constructor', ticketToken: 'x'.repeat(24) }, valid: 'no' },
    { auth: { key: 'x'.repeat(300_000) }, valid: 'no' },
    { auth: { key: [KIOSK_KEY] }, valid: 'no' },
    { auth: { token: { toString: KIOSK_KEY } }, valid: 'no' },
    { auth: [], valid: 'no' },
    { auth: {}, valid: 'no' },
  ),
);

// ---- The run ------------------------------------------------------------------------------

interface Holder {
  id: string;
  number: string;
  token: string;
}

describe(`fuzzing every endpoint and handshake (seed ${SEED}, ${PLANNED} cases)`, () => {
  let h: TestHall;
  let commits: ReturnType<typeof countCommits>;
  const tokens: Record<string, string> = {};
  let loggedOut = '';
  const holders: Holder[] = [];
  const violations = new Map<string, { count: number; example: string }>();
  const stats = new Map<string, Map<string, number>>();
  let executed = 0;
  /** The route of the case running, for grouping what FUZZ_COLLECT=1 finds. */
  let currentRoute = '';
  const started = performance.now();

  const violate = (kind: string, detail: string): void => {
    if (!COLLECT) throw new Error(`${kind}: ${detail}`);
    kind = `${kind} at ${currentRoute}`;
    const seen = violations.get(kind);
    if (seen) seen.count++;
    else violations.set(kind, { count: 1, example: detail });
  };
  const tally = (property: string, what: string) => {
    let m = stats.get(property);
    if (!m) stats.set(property, (m = new Map()));
    m.set(what, (m.get(what) ?? 0) + 1);
  };

  const data = (): HallData => h.hall.engine.data;
  const api = () => h.api;

  const keep = (t: Holder) => {
    holders.push(t);
    if (holders.length > 40) holders.splice(0, holders.length - 40);
  };
  const holderFrom = (body: { ticket?: { id?: unknown; number?: unknown; statusUrl?: unknown } } | undefined): Holder | undefined => {
    const t = body?.ticket;
    if (typeof t?.id !== 'string' || typeof t.number !== 'string' || typeof t.statusUrl !== 'string') return undefined;
    const token = new URL(t.statusUrl).searchParams.get('token');
    return token ? { id: t.id, number: t.number, token } : undefined;
  };
  const issue = async (serviceId: string) => {
    const r = await api().issue(serviceId, { key: KIOSK2_KEY });
    const t = holderFrom(r.body);
    if (r.status !== 201 || !t) throw new Error(`issuing ${serviceId}: ${r.status} ${JSON.stringify(r.body)}`);
    keep(t);
    return t;
  };

  const STAFF_OF: Record<string, string> = { c5: 'clerk5', c1: 'clerk1', c2: 'clerk2', m1: 'manager' };
  const STAFF_NO: Record<string, string> = { clerk5: '1005', clerk1: '1001', clerk2: '1002', manager: '9001' };
  const windowOf = (staffId: string) => Object.values(data().windows).find((w) => w.staffId === staffId)?.windowId;
  /** Puts a clerk back at their window when the fuzz moved them (a legitimate sign-out, say). */
  const seat = async (staffId: string, windowId: string) => {
    if (windowOf(staffId) === windowId) return;
    for (const at of [windowOf(staffId), windowId]) {
      const s = at ? data().windows[at] : undefined;
      if (!at || !s?.staffId) continue;
      const token = tokens[STAFF_OF[s.staffId] ?? ''];
      if (!token) throw new Error(`${at} is held by ${s.staffId}, whose session the fuzz has not`);
      if (s.currentTicketId) await api().post(`/windows/${at}/finish`, { outcome: 'completed' }, token);
      await api().post(`/windows/${at}/sign-out`, {}, token);
    }
    const r = await api().post(`/windows/${windowId}/sign-in`, {}, tokens[STAFF_OF[staffId]]);
    if (r.status !== 200) throw new Error(`seating ${staffId} at ${windowId}: ${r.status} ${JSON.stringify(r.body)}`);
  };
  /** Between cases: keep the credentials and a little work available; reset nothing else. */
  const upkeep = async () => {
    await seat('c5', 'w5');
    await seat('c1', 'w1');
    const waiting = Object.values(data().tickets).filter((t) => t.status === 'waiting' && t.serviceId === 'company').length;
    if (waiting < 2) await issue('company');
  };

  const resolve = (r: Ref): string => {
    const pick = <T>(list: T[], fallback: T): T => (list.length > 0 ? list[r.pick % list.length] : fallback);
    switch (r.kind) {
      case 'ticketId':
        return pick(holders, { id: '20261126-0000000000' } as Holder).id;
      case 'ticketToken':
        return pick(holders, { token: 'no-ticket-token-000000' } as Holder).token;
      case 'ticketNumber':
        return pick(holders, { number: 'A999' } as Holder).number;
      case 'caseId':
        return pick(Object.keys(data().cases), '20261126-0000000000');
      case 'reviewId':
        return pick(Object.keys(data().reviews), 'rv-000000000000');
      case 'visitId': {
        const open = h.hall.engine.openRatingRequest('w5')?.visitId;
        if (open && r.pick % 2 === 0) return open;
        const visits = holders.flatMap((t) => data().tickets[t.id]?.visits.map((v) => v.id) ?? []);
        return pick(visits, 'v-000000000000');
      }
      case 'windowId':
        return `w${(r.pick % 21) + 1}`;
      case 'staffToken':
        return pick([tokens.clerk5, tokens.clerk1, tokens.clerk2, tokens.manager], '');
      case 'deviceKey':
        return pick([KIOSK_KEY, KIOSK2_KEY, DISPLAY_KEY, WINDOW5_KEY, WINDOW1_KEY], '');
    }
  };
  /** The plan's value with every Ref replaced by the hall's value; own `__proto__` keys survive. */
  const materialize = (x: unknown): unknown => {
    if (x instanceof Ref) return resolve(x);
    if (Array.isArray(x)) return x.map(materialize);
    if (x !== null && typeof x === 'object') {
      const out: Record<string, unknown> = Object.create(null);
      for (const k of Object.keys(x)) Object.defineProperty(out, k, { value: materialize((x as Record<string, unknown>)[k]), enumerable: true, writable: true });
      return out;
    }
    return x;
  };
  /** encodeURIComponent, but a lone surrogate goes as the (invalid) UTF-8 bytes of its code unit. */
  const encode = (s: string): string => {
    let out = '';
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        out += encodeURIComponent(s.slice(i, i + 2));
        i++;
      } else if (c >= 0xd800 && c <= 0xdfff) {
        out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
      } else out += encodeURIComponent(s[i]);
    }
    return out;
  };
  const segment = (s: Segment): string => (s instanceof Ref ? encode(resolve(s)) : 'raw' in s ? s.raw : encode(s.text));
  const queryValue = (v: unknown): string => {
    if (typeof v === 'object' && v !== null && 'raw' in v && typeof (v as { raw: unknown }).raw === 'string') return (v as { raw: string }).raw;
    const m = materialize(v);
    return encode(typeof m === 'string' ? m : (JSON.stringify(m) ?? String(m)));
  };

  const fingerprint = (): string => {
    const d = data();
    return JSON.stringify([d.meta.businessDate, COLLECTIONS.map((c) => Object.keys(d[c]).length), d.counters, d.windows]);
  };

  const authHeader = async (cred: CredPlan): Promise<string | undefined> => {
    switch (cred.kind) {
      case 'none':
        return undefined;
      case 'junk':
        return cred.header;
      case 'device':
        return cred.header ?? `Bearer ${{ kiosk: KIOSK_KEY, kiosk2: KIOSK2_KEY, display: DISPLAY_KEY, wd5: WINDOW5_KEY, wd1: WINDOW1_KEY }[cred.name]}`;
      case 'staff':
        return `Bearer ${tokens[cred.name]}`;
      case 'fresh':
        return `Bearer ${await api().login('1011')}`;
      case 'loggedOut':
        return `Bearer ${loggedOut}`;
      case 'ticketBearer':
        return `Bearer ${resolve(cred.token)}`;
    }
  };
  const mayPass = (plan: HttpPlan): boolean => {
    if (plan.allowed === 'anyone' || plan.allowed === 'holder') return true;
    const c = plan.cred;
    const name = c.kind === 'device' || c.kind === 'staff' ? `${c.kind}:${c.name}` : c.kind;
    return plan.allowed.some((a) => a === c.kind || a === name);
  };

  const ROUTE_WORDS = new Set(['health', 'hall', 'tickets', 'cancel', 'rating', 'auth', 'login', 'logout', 'me', 'windows', 'cases', 'complete', 'reports', 'summary', 'attendance', 'hourly', 'reviews', 'resolve', 'manager', 'dashboard', ...WINDOW_ACTIONS.map((a) => a.action)]);
  const routeOf = (plan: HttpPlan) =>
    `${plan.method} /api/${plan.segments.map((s) => (s instanceof Ref ? `:${s.kind}` : 'text' in s && ROUTE_WORDS.has(s.text) ? s.text : ':x')).join('/')}`;
  /** The record a route acts on by id, if it does: it must exist for a 2xx. */
  const RECORD_ROUTES: Array<{ words: [string, string]; records: () => Record<string, unknown> }> = [
    { words: ['cases', 'complete'], records: () => data().cases },
    { words: ['reviews', 'resolve'], records: () => data().reviews },
  ];
  const recordOf = (plan: HttpPlan): { id: string; existed: boolean } | undefined => {
    const [first, id, last] = plan.segments;
    const word = (s: Segment | undefined) => (s && !(s instanceof Ref) && 'text' in s ? s.text : undefined);
    const route = RECORD_ROUTES.find((r) => r.words[0] === word(first) && r.words[1] === word(last) && plan.segments.length === 3);
    if (!route || !id || plan.method !== 'POST') return undefined;
    const value = id instanceof Ref ? resolve(id) : 'text' in id ? id.text : undefined;
    if (value === undefined) return undefined;
    return { id: value, existed: Object.prototype.hasOwnProperty.call(route.records(), value) };
  };

  async function runHttp(property: PropertyName, plan: HttpPlan): Promise<void> {
    currentRoute = routeOf(plan);
    await upkeep();
    const headers: Record<string, string> = {};
    const logout = plan.segments.length === 2 && plan.segments.every((s, i) => !(s instanceof Ref) && 'text' in s && s.text === ['auth', 'logout'][i]);
    // Logging out one of the sessions the fuzz keeps would leave it without credentials: use one of its own.
    const auth = await authHeader(logout && plan.cred.kind === 'staff' ? { kind: 'fresh' } : plan.cred);
    if (auth !== undefined) headers.authorization = auth;
    let body: string | undefined;
    if (plan.body.kind === 'json') {
      body = JSON.stringify(materialize(plan.body.value)) ?? 'null';
      headers['content-type'] = 'application/json';
    } else if (plan.body.kind === 'raw') {
      body = plan.body.text;
      headers['content-type'] = plan.body.contentType ?? 'application/json';
      if (plan.body.encoding) headers['content-encoding'] = plan.body.encoding;
    }
    const q = plan.query.map(([k, v]) => `${encode(k)}=${queryValue(v)}`).join('&');
    const path = `/api/${plan.segments.map(segment).join('/')}${q ? `?${q}` : ''}`;
    const what = `${plan.method} ${path.slice(0, 300)}${path.length > 300 ? '…' : ''} [${plan.cred.kind}${'name' in plan.cred ? `:${plan.cred.name}` : ''}] body=${(body ?? '').slice(0, 200)}`;

    // A ticket route may answer 2xx only to the token of the ticket in its path.
    const idSegment = plan.segments[1];
    const tokenParam = plan.query.find(([k]) => k === 'token')?.[1];
    const heldId = idSegment instanceof Ref ? resolve(idSegment) : undefined;
    const heldToken = tokenParam instanceof Ref ? resolve(tokenParam) : undefined;
    const holds = holders.some((t) => t.id === heldId && t.token === heldToken);

    const record = recordOf(plan);

    const beforeCommits = commits.count;
    const beforeState = fingerprint();
    let res: RawResponse;
    try {
      res = await rawRequest(h.url, { method: plan.method, path, headers, body: plan.method === 'GET' || plan.method === 'HEAD' ? undefined : body });
    } catch (e) {
      violate('no answer', `${what}: ${(e as Error).message}`);
      return;
    }
    executed++;
    const code = (res.json as { error?: { code?: string } } | undefined)?.error?.code;
    tally(property, `${res.status}${code ? ` ${code}` : ''}`);
    const wrote = commits.count - beforeCommits;

    if (res.status >= 500) violate(`${res.status} ${code ?? ''}`.trim(), `${what} → ${res.text.slice(0, 300)}`);
    // 431: Node itself refuses a request line over 16 kB, before the app sees it.
    const underApi = new URL(res.url).pathname.startsWith('/api/');
    if (underApi && res.status >= 400 && res.status < 500 && res.status !== 431 && plan.method !== 'HEAD') {
      const problem = res.json === undefined ? `not JSON (${res.contentType}): ${res.text.slice(0, 120)}` : errorShapeProblem(res.json);
      if (problem) violate(`${res.status} without the error shape`, `${what} → ${problem}`);
    }
    if (res.status >= 400 && wrote > 0) violate(`refusal committed (${res.status} ${code ?? ''})`, `${what} → ${wrote} commit(s)`);
    if (res.status >= 400 && fingerprint() !== beforeState) violate(`refusal changed the state (${res.status} ${code ?? ''})`, what);
    if (record && !record.existed && res.status < 400) violate('acted on a record that does not exist', `${what} → ${res.status} ${res.text.slice(0, 200)}`);
    if (plan.allowed === 'holder' && !holds && (res.status < 400 || wrote > 0)) violate('a ticket route accepted a stranger', `${what} → ${res.status}, ${wrote} commit(s)`);
    if (!mayPass(plan) && (res.status < 400 || wrote > 0)) violate(`accepted the wrong credential (${plan.cred.kind})`, `${what} → ${res.status}, ${wrote} commit(s)`);

    // A kept session lost (it should not be): log in again rather than fuzz on without it.
    if (plan.cred.kind === 'staff' && code === 'UNAUTHENTICATED' && !logout) {
      violate('a kept staff session stopped working', what);
      tokens[plan.cred.name] = await api().login(STAFF_NO[plan.cred.name]);
    }
    if (res.status === 201) {
      const t = holderFrom(res.json as { ticket?: { id?: unknown; number?: unknown; statusUrl?: unknown } });
      if (t) keep(t);
    }
    if (executed % HEALTH_EVERY === 0 || res.status >= 500) await healthy(`after ${what}`);
  }

  const healthy = async (when: string) => {
    const health = await rawRequest(h.url, { method: 'GET', path: '/api/health' }).catch((e: Error) => ({ status: 0, text: e.message }) as RawResponse);
    if (health.status !== 200) violate('health check failed', `${when}: ${health.status} ${health.text.slice(0, 200)}`);
  };

  const httpProperty = (property: PropertyName, plans: fc.Arbitrary<HttpPlan>) =>
    it(
      `${property}: ${RUNS[property]} cases — never 5xx, 4xx always shaped, nothing written on refusal, health stays up`,
      async () => {
        await fc.assert(
          fc.asyncProperty(plans, async (plan) => {
            await runHttp(property, plan);
          }),
          { seed: SEED, numRuns: RUNS[property], endOnFailure: COLLECT },
        );
        await healthy(`after the ${property} property`);
      },
      120_000 + RUNS[property] * 40,
    );

  beforeAll(async () => {
    const config = testConfig((c) => {
      Object.assign(c.limits as object, { socketHandshakePerMinutePerAddress: 1_000_000, loginPerMinutePerAddress: 100_000 });
    });
    h = await startHall({ config });
    tokens.clerk5 = await h.api.openWindow(5);
    tokens.clerk1 = await h.api.openWindow(1);
    tokens.clerk2 = await h.api.login('1002');
    tokens.manager = await h.api.login('9001');
    loggedOut = await h.api.login('1012');
    await h.api.post('/auth/logout', {}, loggedOut);
    // Something for every handler to find: waiting tickets, a served one, a pending case, an open review.
    for (const s of ['company', 'company', 'trader', 'property', 'forestry']) await issue(s);
    const served = await issue('company');
    await h.api.post('/windows/w5/call', { number: served.number }, tokens.clerk5);
    await h.api.post('/windows/w5/finish', { outcome: 'accepted' }, tokens.clerk5);
    await h.api.post(`/tickets/${served.id}/rating?token=${served.token}`, { score: 1, reason: '等候时间太长' });
    expect(Object.keys(h.hall.engine.data.cases)).toHaveLength(1);
    expect(Object.keys(h.hall.engine.data.reviews)).toHaveLength(1);
    commits = countCommits(h.hall.engine.store);
  });

  afterAll(async () => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const lines = [`fuzz: seed ${SEED}, ${executed} HTTP cases + handshakes of ${PLANNED} planned, ${seconds} s`];
    for (const [property, m] of stats) lines.push(`  ${property}: ${[...m].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ×${n}`).join(', ')}`);
    console.log(lines.join('\n'));
    commits?.restore();
    await h?.close();
  });

  httpProperty('tickets', ticketPlans);
  httpProperty('windows', windowPlans);
  httpProperty('casesAndReviews', casesAndReviewPlans);
  httpProperty('reports', reportPlans);
  httpProperty('auth', authPlans);
  httpProperty('anyRoute', anyRoutePlans);
  httpProperty('rawBodies', rawBodyPlans);

  it(
    `handshakes: ${RUNS.handshakes} cases — connect_error or connect, never a hang, an INTERNAL or a stranger let in`,
    async () => {
      const secrets = () => new Set([KIOSK_KEY, KIOSK2_KEY, DISPLAY_KEY, WINDOW5_KEY, WINDOW1_KEY, ...Object.values(tokens), ...holders.map((t) => t.token)]);
      await fc.assert(
        fc.asyncProperty(handshakePlans, async (plan) => {
          currentRoute = 'socket handshake';
          const auth = materialize(plan.auth);
          const o = await tryHandshake(h.url, auth);
          executed++;
          tally('handshakes', o.kind === 'refused' ? `refused ${o.code}` : o.kind);
          const what = `auth=${(JSON.stringify(auth) ?? String(auth)).slice(0, 200)}`;
          if (o.kind === 'connected') o.socket.disconnect();
          if (o.kind === 'timeout') violate('handshake hung', what);
          if (o.kind === 'refused' && (!o.code || o.code === 'INTERNAL' || errorShapeProblem({ error: { code: o.code, message: o.message } }))) {
            violate(`handshake refused with ${o.code ?? 'no code'}`, what);
          }
          // A credential the fuzz did not hand over must never open a socket.
          const values = auth !== null && typeof auth === 'object' ? Object.values(auth) : [];
          const carriesSecret = values.some((v) => typeof v === 'string' && secrets().has(v));
          if (o.kind === 'connected' && (plan.valid === 'no' || !carriesSecret)) violate('a handshake without a credential connected', what);
          const a = (auth ?? {}) as Record<string, unknown>;
          const onlyTicket = !(typeof a.key === 'string' && secrets().has(a.key)) && !(typeof a.token === 'string' && secrets().has(a.token));
          if (o.kind === 'connected' && onlyTicket && !holders.some((t) => t.id === a.ticketId && t.token === a.ticketToken)) {
            violate("a phone connected with another ticket's token", what);
          }
          if (plan.valid === 'yes' && o.kind !== 'connected' && !(o.kind === 'refused' && o.code === 'RATE_LIMITED')) {
            violate('a valid credential was refused', `${what} → ${JSON.stringify(o)}`);
          }
          if (executed % HEALTH_EVERY === 0) await healthy(`after ${what}`);
        }),
        { seed: SEED, numRuns: RUNS.handshakes, endOnFailure: COLLECT },
      );
    },
    120_000 + RUNS.handshakes * 100,
  );

  it('ran every planned case, and the server still answers', async () => {
    expect(executed).toBeGreaterThanOrEqual(PLANNED);
    expect(PLANNED).toBeGreaterThanOrEqual(Math.min(TOTAL, 20_000));
    expect((await h.api.get('/health')).status).toBe(200);
    const list = [...violations].map(([kind, v]) => `${kind} (×${v.count}), e.g. ${v.example}`);
    expect(list, 'violations (FUZZ_COLLECT=1)').toEqual([]);
  });
});
