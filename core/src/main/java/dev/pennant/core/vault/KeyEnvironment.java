package dev.pennant.core.vault;

/** Which exchange environment a key belongs to (non-exchange secrets use {@link #MAINNET}). */
public enum KeyEnvironment {
    MAINNET,
    TESTNET
}
