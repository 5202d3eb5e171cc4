// node example.mjs — validates a Veeqo channel with a 3-character short name.
import { createRequire } from 'node:module';
const { validate } = createRequire(import.meta.url)('./node/orderlint_js.js');

const report = validate('veeqo.channel', {
  channel: {
    name: 'Amazon Store US', type_code: 'custom_integration', currency_code: 'USD', short_name: 'AZX',
    custom_integration_channel_specific_attributes: { integration_type: 'amazon' },
  },
});
for (const i of report.issues) console.log(`${i.severity} ${i.pointer}: ${i.message}`);
