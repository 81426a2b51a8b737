/**
 * The offchain environment offered to offchain calls (offchain workers).
 * (Placeholder contract; the offchain work fills in the in-memory implementation.)
 */

/** What offchain host functions use. */
export interface OffchainEnv {
  readonly isValidator: boolean;
}
