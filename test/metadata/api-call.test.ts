/**
 * Named runtime API calls: arguments encoded from the V15 metadata's API
 * types (SS58 or hex accounts), the output decoded; V14 refused in one line.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { skipUnlessCorpus } from '../support/corpus.js';
import { isSwxError } from '../../src/base/errors.js';
import { toHex } from '../../src/base/bytes.js';
import { apiSignature, decodeApiResult, encodeApiCall, openMetadata, type RuntimeMetadata } from '../../src/metadata/index.js';
import { loadCorpusChainSpec, loadCorpusRuntime, type Loaded } from './support.js';

/** //Alice (sr25519 dev key), SS58 with the generic prefix 42. */
const ALICE_SS58 = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const ALICE_HEX = '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d';

describe('AccountNonceApi.account_nonce on the coretime-kusama genesis (metadata V15)', { skip: skipUnlessCorpus('chain-specs/ksmcc3_coretime.json.gz') }, () => {
  let loaded: Loaded;
  let meta: RuntimeMetadata;
  before(async () => {
    loaded = await loadCorpusChainSpec('ksmcc3_coretime.json.gz');
    meta = await openMetadata(loaded.fetched.bytes);
  });

  it('encodes Alice given by SS58 address as her 32-byte public key, for the export AccountNonceApi_account_nonce', () => {
    const enc = encodeApiCall(meta, 'AccountNonceApi.account_nonce', [ALICE_SS58]);
    assert.equal(enc.method, 'AccountNonceApi_account_nonce');
    assert.equal(toHex(enc.input), ALICE_HEX);
  });

  it('takes the hex public key and the Api_method spelling too', () => {
    assert.equal(toHex(encodeApiCall(meta, 'AccountNonceApi_account_nonce', [ALICE_HEX]).input), ALICE_HEX);
  });

  it('decodes the runtime’s answer: nonce 0 (Alice has no account in this genesis)', async () => {
    const enc = encodeApiCall(meta, 'AccountNonceApi.account_nonce', [ALICE_SS58]);
    const output = await loaded.call(enc.method, enc.input);
    assert.equal(toHex(output), '0x00000000');
    assert.equal(decodeApiResult(meta, 'AccountNonceApi.account_nonce', output), 0);
  });

  it('decodes a struct result: Core.version gives the runtime version with field names', async () => {
    const enc = encodeApiCall(meta, 'Core.version', []);
    const v = decodeApiResult(meta, 'Core.version', await loaded.call(enc.method, enc.input)) as Record<string, unknown>;
    assert.equal(v['spec_name'], 'coretime-kusama');
    assert.equal(v['spec_version'], 1002000);
  });

  it('encodes a call given as JSON (enums as {type, value} or {Variant: …}) and decodes the struct answer with field names', async () => {
    const forms = ['{"type":"System","value":{"type":"remark","value":{"remark":"0x1234"}}}', '{"System":{"remark":{"remark":"0x1234"}}}'];
    for (const call of forms) {
      const enc = encodeApiCall(meta, 'TransactionPaymentCallApi.query_call_info', [call, '10']);
      // System (pallet 0), remark (call 0), Vec<u8> of 2 bytes; then len: u32 = 10.
      assert.equal(toHex(enc.input), '0x00000812340a000000');
      const info = decodeApiResult(meta, 'TransactionPaymentCallApi.query_call_info', await loaded.call(enc.method, enc.input));
      assert.deepEqual(info, { weight: { ref_time: '1596794', proof_size: '0' }, class: { type: 'Normal' }, partial_fee: '6725145' });
    }
    const transfer = '{"Balances":{"transfer_keep_alive":{"dest":{"Id":"' + ALICE_SS58 + '"},"value":"1000000000000"}}}';
    const enc = encodeApiCall(meta, 'TransactionPaymentCallApi.query_call_fee_details', [transfer, '100']);
    // Balances (pallet 10), transfer_keep_alive (3), MultiAddress::Id (0) ++ Alice, Compact<u128> 10^12; len 100.
    assert.equal(toHex(enc.input), '0x0a0300' + ALICE_HEX.slice(2) + '070010a5d4e8' + '64000000');
    const fees = decodeApiResult(meta, 'TransactionPaymentCallApi.query_call_fee_details', await loaded.call(enc.method, enc.input));
    assert.deepEqual(fees, { inclusion_fee: { base_fee: '3349033', len_fee: '33333300', adjusted_weight_fee: '119766667' }, tip: '0' });
  });

  it('refuses a wrong argument count, a bad address and an unknown method, each in one line', () => {
    assert.equal(apiSignature(meta, 'AccountNonceApi.account_nonce'), 'AccountNonceApi.account_nonce(account: AccountId32) -> u32');
    assert.throws(() => encodeApiCall(meta, 'AccountNonceApi.account_nonce', []), (e: unknown) => isSwxError(e, 'METADATA_BAD_ARGUMENT') && e.message === 'AccountNonceApi.account_nonce(account: AccountId32) -> u32 takes 1 argument(s), got 0');
    assert.throws(() => encodeApiCall(meta, 'AccountNonceApi.account_nonce', ['5Grw']), (e: unknown) => isSwxError(e, 'METADATA_BAD_ARGUMENT') && /expected an SS58 address or a 0x-hex 32-byte public key/.test(e.message));
    assert.throws(() => encodeApiCall(meta, 'AccountNonceApi.account_nonc', [ALICE_SS58]), (e: unknown) => isSwxError(e, 'METADATA_UNKNOWN_ENTRY') && /did you mean account_nonce\?$/.test(e.message));
    assert.throws(() => encodeApiCall(meta, 'AccountNonce.account_nonce', [ALICE_SS58]), (e: unknown) => isSwxError(e, 'METADATA_UNKNOWN_ENTRY') && /did you mean AccountNonceApi\?$/.test(e.message));
  });

  it('rejects output with bytes left over rather than decoding a prefix', () => {
    assert.throws(() => decodeApiResult(meta, 'AccountNonceApi.account_nonce', new Uint8Array(5)), (e: unknown) => isSwxError(e, 'METADATA_DECODE_FAILED') && /1 bytes left over/.test(e.message));
  });
});

describe('V14 metadata has no runtime API types', { skip: skipUnlessCorpus('runtimes/westend-v9300.wasm.gz') }, () => {
  it('says so in one line with the version and the hex form to use instead', async () => {
    const meta = await openMetadata((await loadCorpusRuntime('westend-v9300')).fetched.bytes);
    assert.throws(() => encodeApiCall(meta, 'AccountNonceApi.account_nonce', [ALICE_SS58]), (e: unknown) => {
      assert.ok(isSwxError(e, 'METADATA_NO_API_TYPES'));
      assert.equal(e.message, 'metadata V14 does not describe runtime API signatures (V15+ does, through Metadata_metadata_at_version); call AccountNonceApi_account_nonce with hex input instead');
      return true;
    });
  });
});
