// Deterministic payload generators for the benchmarks and the bulk end-to-end tests:
// the same seed gives the same bytes on every machine.

/** A small seeded PRNG (mulberry32): numbers in [0, 1). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (r, xs) => xs[Math.floor(r() * xs.length)];
const pad = (n, w) => String(n).padStart(w, '0');
const money = (r, max) => Math.round(r() * max * 100) / 100;

const CITIES = [
  ['Springfield', 'IL', '62701'], ['Portland', 'OR', '97201'], ['Austin', 'TX', '73301'],
  ['Denver', 'CO', '80202'], ['Columbus', 'OH', '43004'], ['Madison', 'WI', '53703'],
];
const PRODUCTS = ['Water Bottle', 'Travel Mug', 'Lunch Box', 'Thermos', 'Tumbler', 'Flask'];
const COLOURS = ['Blue', 'Red', 'Green', 'Black', 'White', 'Steel'];

/** A FeedAMP order (PUT /orders/{n} body) with `lines` order lines, valid by the spec. */
export function feedampOrder(i, r, lines) {
  const [city, state, zip] = pick(r, CITIES);
  const name = `Customer ${i}`;
  const address = {
    full_name: name, address_type: 'residential', address1: `${100 + (i % 900)} Main St`,
    address2: `Apt ${1 + (i % 40)}`, city, state, postal_code: zip, country_code: 'USA', phone: '+1-555-010-2030',
  };
  const day = 1 + (i % 28);
  return {
    mp_order_number: `MP-${pad(i, 8)}`,
    sales_channel: 'Marketplace.com',
    location: { source_location_id: 'WH-EAST-1', client_location_id: 'loc-0042', name: 'East Coast Warehouse', address: '500 Harbor Blvd, Newark, NJ 07114' },
    customer: { full_name: name, email: `customer${i}@example.com`, phone: '+1-555-010-2030', vat: '' },
    purchase_date: `2026-05-${pad(day, 2)}T10:15:00.000Z`,
    currency: 'USD',
    delivery_notes: 'leave by the back door.',
    earliest_ship_date: `2026-06-${pad(day, 2)}T10:00:00.000Z`,
    latest_ship_date: `2026-06-${pad(day, 2)}T22:00:00.000Z`,
    gift_message: '',
    marketing_opt_in: r() < 0.5,
    shipping_address: address,
    billing_address: { ...address },
    order_lines: Array.from({ length: lines }, (_, l) => {
      const product = `${pick(r, COLOURS)} ${pick(r, PRODUCTS)}`;
      const quantity = 1 + Math.floor(r() * 4);
      const unit = money(r, 80) + 1;
      return {
        mp_line_number: String(l + 1),
        sku: `${product.toUpperCase().replace(/ /g, '-')}-${pad(l, 3)}`,
        product_name: product,
        quantity,
        unit_price: unit,
        shipping_method: 'Standard',
        shipping_price: money(r, 9),
        taxes: [{ type: 'SALES', amount: Math.round(unit * quantity * 7) / 100 }],
        discounts: r() < 0.3 ? [{ name: 'SPRING10', amount: 1, type: 'ITEM' }] : [],
        is_tax_collected_by_marketplace: true,
      };
    }),
    order_additional_properties: { channel_order_ref: `REF-${i}` },
    marketplace_state: r() < 0.5 ? 'PENDING' : 'AWAITING_SHIPMENT',
    is_marketplace_fulfilled: false,
    fulfillment_type: 'shipment',
  };
}

/**
 * One defect each, of the kinds both the spec's schema and orderlint catch: a wrong
 * enum value, a bound, a missing required field, a type, a date that is not a date-time.
 */
export const DEFECTS = [
  ['currency not in the enum', (o) => { o.currency = 'US'; }],
  ['quantity 0', (o) => { o.order_lines[0].quantity = 0; }],
  ['sku missing', (o) => { delete o.order_lines[o.order_lines.length - 1].sku; }],
  ['country alpha-2', (o) => { o.shipping_address.country_code = 'US'; }],
  ['unknown marketplace_state', (o) => { o.marketplace_state = 'SHIPPING'; }],
  ['negative unit_price', (o) => { o.order_lines[0].unit_price = -1; }],
  ['purchase_date is a date', (o) => { o.purchase_date = '2026-05-01'; }],
  ['unknown tax type', (o) => { o.order_lines[0].taxes[0].type = 'CITY'; }],
  ['no order lines', (o) => { o.order_lines = []; }],
  ['city missing', (o) => { delete o.shipping_address.city; }],
  ['empty mp_order_number', (o) => { o.mp_order_number = ''; }],
  ['quantity as text', (o) => { o.order_lines[0].quantity = '2'; }],
];

/**
 * The throughput corpus: `count` FeedAMP orders, 1–20 lines each, one in five with one
 * defect. Returns the JSON Lines text and which rows carry a defect.
 */
export function feedampCorpus(count = 10_000, seed = 20261123) {
  const r = rng(seed);
  const lines = [];
  const defective = [];
  for (let i = 0; i < count; i++) {
    const order = feedampOrder(i, r, 1 + Math.floor(r() * 20));
    if (i % 5 === 4) {
      const [, apply] = DEFECTS[Math.floor(r() * DEFECTS.length)];
      apply(order);
      defective.push(i);
    }
    lines.push(JSON.stringify(order));
  }
  return { text: lines.join('\n') + '\n', defective };
}

/** A Veeqo BSP order for the given channel and sellable, unique by `i` and `run`. */
export function veeqoOrder(i, { channelId, sellableId, run = 1 }) {
  const number = `${100 + (i % 900)}-${pad(run, 7)}-${pad(i, 7)}`;
  return {
    order: {
      channel_id: channelId,
      number,
      send_notification_email: false,
      due_date: '2026-05-15',
      delivery_cost: '5.99',
      total_tax: '0.00',
      currency_code: 'USD',
      line_items_attributes: [
        { sellable_id: sellableId, price_per_unit: '25.00', quantity: 1, tax_rate: 0.0, taxless_discount_per_unit: '0.00', remote_id: pad(i + 1, 14) },
      ],
      deliver_to_attributes: {
        first_name: 'John', last_name: `Smith ${i}`, address1: '123 Main St', city: 'Seattle', state: 'WA',
        zip: '98101', country: 'US', phone: '+12065551234', email: 'john.smith@example.com',
      },
      customer_attributes: { email: 'john.smith@example.com', phone: '+12065551234' },
      payment_attributes: { payment_type: 'amazon', reference_number: number },
    },
  };
}

/**
 * Creates the Amazon channel and a product straight on a sandbox (or API) base URL, with
 * `key`: what a file of orders refers to; with `link`, the channel sellable between them.
 */
export async function seedVeeqo(base, key, { link = false } = {}) {
  const post = async (path, body) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const channel = await post('/channels', {
    channel: {
      name: 'Amazon Store US (Custom Integration)', type_code: 'custom_integration', currency_code: 'USD', short_name: 'AZ',
      custom_integration_channel_specific_attributes: { integration_type: 'amazon' },
    },
  });
  const product = await post('/products', {
    product: { title: 'Blue Water Bottle 500ml', product_variants_attributes: [{ title: 'Blue 500ml', sku_code: `BWB-${Date.now()}-${Math.random()}`, price: '25.00' }] },
  });
  const sellable = (product.sellables || product.product_variants)[0];
  if (link) {
    // The channel sellable that links the product to the Amazon listing (JSON:API).
    const res = await fetch(`${base}/api/v2/channel_sellables`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json', accept: 'application/vnd.api+json' },
      body: JSON.stringify({ data: { type: 'channel_sellables', attributes: {
        sellable_id: String(sellable.id), channel_id: String(channel.id), remote_id: 'B0EXAMPLE1', remote_sku: 'BWB', remote_title: 'Blue Water Bottle',
        channel_product_attributes: { remote_title: 'Blue Water Bottle' },
      } } }),
    });
    if (res.status !== 201) throw new Error(`channel sellable: ${res.status} ${await res.text()}`);
  }
  return { channelId: channel.id, sellableId: sellable.id, productId: product.id };
}
