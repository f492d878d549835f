package io.twinboard.bench.cli;

import picocli.CommandLine;

/** Parses virtual durations such as {@code 500ms}, {@code 10s}, {@code 2m}, {@code 250us} into ps. */
final class DurationParser implements CommandLine.ITypeConverter<Long> {
    @Override public Long convert(String value) {
        String v = value.trim().toLowerCase();
        String[][] units = {{"ms", "1000000000"}, {"us", "1000000"}, {"ns", "1000"}, {"s", "1000000000000"}, {"m", "60000000000000"}};
        for (String[] u : units) {
            if (v.endsWith(u[0])) {
                String num = v.substring(0, v.length() - u[0].length());
                try {
                    double d = Double.parseDouble(num);
                    if (d < 0 || Double.isNaN(d)) break;
                    return Math.round(d * Long.parseLong(u[1]));
                } catch (NumberFormatException e) {
                    break;
                }
            }
        }
        throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (examples: 500ms, 10s, 2m; units ns, us, ms, s, m)");
    }
}
