package dev.pennant.app;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Default option values from {@code /pennant/config/defaults.properties} (the repo's {@code resources/config}, packed
 * into the app jar). Keys are long option names without dashes, e.g. {@code symbol}; an explicit option always wins.
 */
public final class ClasspathDefaults implements CommandLine.IDefaultValueProvider {

    private final Properties props = new Properties();

    /** Loads the bundled defaults; missing file means no defaults beyond the annotations'. */
    public ClasspathDefaults() {
        try (InputStream in = ClasspathDefaults.class.getResourceAsStream("/pennant/config/defaults.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled defaults.properties", e);
        }
    }

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec argSpec) {
        if (argSpec instanceof CommandLine.Model.OptionSpec option
                && option.command().name().equals("pennant")) {
            return props.getProperty(option.longestName().replaceFirst("^-+", ""));
        }
        return null;
    }
}
