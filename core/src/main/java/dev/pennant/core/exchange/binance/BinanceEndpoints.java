package dev.pennant.core.exchange.binance;

import com.binance.connector.client.enums.DefaultUrls;

import java.util.Objects;

/**
 * Base URLs of one Binance environment for both markets. Constants come from the connectors' {@code DefaultUrls}
 * (binance-connector-java 3.4.1, binance-futures-connector-java 3.0.4). Immutable.
 *
 * @param name        a label for logs and the status bar ({@code mainnet}, {@code testnet}, {@code local})
 * @param spotRest    spot REST base, e.g. {@code https://api.binance.com} (paths {@code /api/v3/...})
 * @param spotWs      spot market streams base, e.g. {@code wss://stream.binance.com:9443}
 * @param futuresRest USDⓈ-M REST base, e.g. {@code https://fapi.binance.com} (paths {@code /fapi/v1/...})
 * @param futuresWs   USDⓈ-M streams base, e.g. {@code wss://fstream.binance.com}
 */
public record BinanceEndpoints(String name, String spotRest, String spotWs, String futuresRest, String futuresWs) {

    /** Production. */
    public static final BinanceEndpoints MAINNET = new BinanceEndpoints("mainnet", DefaultUrls.PROD_URL,
            DefaultUrls.WS_URL, com.binance.connector.futures.client.enums.DefaultUrls.USDM_PROD_URL,
            com.binance.connector.futures.client.enums.DefaultUrls.USDM_WS_URL);

    /** Spot testnet (testnet.binance.vision) and futures testnet (testnet.binancefuture.com). */
    public static final BinanceEndpoints TESTNET = new BinanceEndpoints("testnet", DefaultUrls.TESTNET_URL,
            DefaultUrls.TESTNET_WS_URL, com.binance.connector.futures.client.enums.DefaultUrls.TESTNET_URL,
            com.binance.connector.futures.client.enums.DefaultUrls.TESTNET_WSS_URL);

    /** @throws NullPointerException naming the missing URL */
    public BinanceEndpoints {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(spotRest, "spotRest");
        Objects.requireNonNull(spotWs, "spotWs");
        Objects.requireNonNull(futuresRest, "futuresRest");
        Objects.requireNonNull(futuresWs, "futuresWs");
    }

    /**
     * One local server for everything (the exchange simulator): REST at {@code baseUrl} for both markets, spot streams
     * at the same host with {@code ws}/{@code wss} scheme and USDⓈ-M streams under {@code /fstream} of it (the
     * simulator's layout: its {@code /ws} and {@code /stream} paths serve spot only). Trailing slashes are removed.
     *
     * @param baseUrl e.g. {@code http://127.0.0.1:18080}
     * @throws IllegalArgumentException unless it starts with http:// or https://
     */
    public static BinanceEndpoints withBase(String baseUrl) {
        String b = Objects.requireNonNull(baseUrl, "baseUrl").replaceAll("/+$", "");
        String ws;
        if (b.startsWith("http://")) ws = "ws://" + b.substring(7);
        else if (b.startsWith("https://")) ws = "wss://" + b.substring(8);
        else throw new IllegalArgumentException("base URL must start with http:// or https://, was " + baseUrl);
        return new BinanceEndpoints("local", b, ws, b, ws + "/fstream");
    }

    /** The profile's endpoints by name: {@code mainnet}, {@code testnet}, or an http(s) URL for {@link #withBase}. */
    public static BinanceEndpoints forProfile(String profile) {
        return switch (Objects.requireNonNull(profile, "profile")) {
            case "mainnet" -> MAINNET;
            case "testnet" -> TESTNET;
            default -> withBase(profile);
        };
    }
}
