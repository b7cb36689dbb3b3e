/**
 * Market data from files: {@link dev.pennant.core.marketdata.KlineCsvImporter} turns recorded Binance kline CSVs
 * (data.binance.vision and the common third-party layouts, plain or gzip) into sorted, de-duplicated
 * {@link dev.pennant.core.model.Bar} series with their gaps. All times are epoch milliseconds, UTC.
 */
package dev.pennant.core.marketdata;
