package io.twinboard.periph.esp8266;

import io.twinboard.emu.bus.IrqLine;

/**
 * Several level sources wired-OR onto one core interrupt input (both UARTs on interrupt 5;
 * SPI0, SPI1 and I2S on interrupt 2). The output follows the OR of the inputs and is only set
 * when that OR changes. At most 32 inputs.
 */
public final class SharedIrqLine {
    private final IrqLine out;
    private int levels;

    public SharedIrqLine(IrqLine out) { this.out = out; }

    /** Input number {@code n} (0..31) of this OR. */
    public IrqLine input(int n) {
        if (n < 0 || n > 31) throw new IllegalArgumentException("input " + n);
        int bit = 1 << n;
        return level -> {
            boolean before = levels != 0;
            levels = level ? levels | bit : levels & ~bit;
            boolean after = levels != 0;
            if (before != after) out.set(after);
        };
    }

    /** True while any input is high. */
    public boolean isHigh() { return levels != 0; }
}
