package io.twinboard.bench.board;

import io.twinboard.periph.esp8266.Esp8266Soc;
import io.twinboard.periph.signal.Wire;
import io.twinboard.periph.spi.SpiDevice;
import io.twinboard.periph.stm32f4.Exti;
import io.twinboard.periph.stm32f4.FlashInterface;
import io.twinboard.periph.stm32f4.GpioPort;
import io.twinboard.periph.stm32f4.Pwr;
import io.twinboard.periph.stm32f4.Rcc;
import io.twinboard.periph.stm32f4.Rng;
import io.twinboard.periph.stm32f4.Spi;
import io.twinboard.periph.stm32f4.Usart;
import io.twinboard.periph.stm32f4.Stm32f429Map;
import io.twinboard.periph.stm32f4.Syscfg;
import io.twinboard.periph.w5500.W5500;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Device types a board file may name, and how each is made from its entry: the one place where
 * board data meets model classes.
 */
final class DeviceCatalog {
    private static final Map<String, DeviceFactory> FACTORIES = new TreeMap<>();

    static {
        FACTORIES.put("stm32f4.rcc", (spec, ctx) -> {
            long hse = Numbers.parse(spec.name() + " hseHz", spec.param("hseHz", "8000000"));
            Rcc rcc = new Rcc(ctx.scheduler(), ctx.log(), ctx.coreClock(), hse, spec.irq() == null ? io.twinboard.emu.bus.IrqLine.NONE : ctx.irq(spec.irq()));
            ctx.addClock("apb1", rcc.apb1());
            ctx.addClock("apb2", rcc.apb2());
            ctx.addClock("pll48", rcc.pll48());
            ctx.parts.put(spec.name(), rcc);
            ctx.onSystemReset(rcc::reset);
            return rcc;
        });
        FACTORIES.put("stm32f4.flash", (spec, ctx) -> {
            FlashInterface f = new FlashInterface(ctx.log(), acr -> ctx.flashAcrListener.accept(acr));
            ctx.onSystemReset(f::reset);
            return f;
        });
        FACTORIES.put("stm32f4.pwr", (spec, ctx) -> {
            Pwr p = new Pwr(ctx.scheduler(), ctx.log(), () -> ctx.part("rcc", Rcc.class).pllReady());
            ctx.onSystemReset(p::reset);
            return p;
        });
        FACTORIES.put("stm32f4.gpio", (spec, ctx) -> {
            String port = spec.param("port", "?");
            int index = port.charAt(0) - 'A';
            if (port.length() != 1 || index < 0 || index > 10) throw new BoardException(spec.name() + ": port must be A..K, got " + port);
            GpioPort g = new GpioPort(index, ctx.log());
            ctx.onSystemReset(g::reset);
            for (String pin : spec.param("boardPullUps", "").split(",")) {
                if (!pin.isBlank()) g.connectBoardPull(Integer.parseInt(pin.trim()), true);
            }
            for (int n = 0; n < 16; n++) {
                int pin = n;
                ctx.pin(spec.name() + "." + n, g.pin(n), () -> g.connectExternalDriver(pin));
            }
            return g;
        });
        FACTORIES.put("stm32f4.syscfg", (spec, ctx) -> {
            Syscfg s = new Syscfg(ctx.log());
            ctx.onSystemReset(s::reset);
            return s;
        });
        FACTORIES.put("stm32f4.exti", (spec, ctx) -> {
            Exti e = new Exti(ctx.log(), ctx::irq);
            ctx.onSystemReset(e::reset);
            ctx.afterDevices(() -> {
                List<GpioPort> ports = new ArrayList<>();
                for (Object o : ctx.parts.values()) if (o instanceof GpioPort p) ports.add(p);
                e.connectGpio(ctx.part("syscfg", Syscfg.class), ports.toArray(GpioPort[]::new));
            });
            return e;
        });
        FACTORIES.put("esp8266.soc", (spec, ctx) -> {
            long flash = Numbers.parse(spec.name() + " flash", spec.param("flash", "1M"));
            Esp8266Soc soc = new Esp8266Soc(ctx.bus(), ctx.scheduler(), ctx.coreClock(), ctx::irq, flash, ctx.options().seed(), ctx.log());
            ctx.addClock("apb", soc.apb);
            soc.uart0.setSink(ctx.consoleSink("uart0"));
            soc.uart1.setSink(ctx.consoleSink("uart1"));
            ctx.consoleReceiver("uart0", b -> soc.uart0.receive(b));
            ctx.consoleReceiver("uart1", b -> soc.uart1.receive(b));
            for (int n = 0; n < 16; n++) {
                int pin = n;
                ctx.pin("gpio." + n, soc.gpio.pin(n), () -> soc.gpio.connectExternalDriver(pin));
            }
            ctx.spiController("hspi", soc::attachHspiDevice);
            ctx.atStop(() -> { soc.uart0.drain(); soc.uart1.drain(); });
            ctx.parts.put("uart0", soc.uart0);
            ctx.parts.put("hspi", soc.hspi);
            ctx.parts.put("gpio", soc.gpio);
            ctx.parts.put(spec.name(), soc);
            return null;
        });
        FACTORIES.put("stm32f4.usart", (spec, ctx) -> {
            Usart u = new Usart(spec.name().toUpperCase(), ctx.scheduler(), ctx.log(), ctx.clock(spec.param("bus", "apb1")),
                    irqOf(spec, ctx), ctx.consoleSink(spec.name()));
            ctx.consoleReceiver(spec.name(), u::receive);
            ctx.onSystemReset(u::reset);
            // At a stop, the byte in the shift register and the one in DR still go out (no FIFO
            // on this USART): let two frame times pass for the devices so the console gets them.
            if (spec.name().equals(ctx.board.console()))
                ctx.atStop(() -> { if (u.read(0x08, 4) != 0) ctx.scheduler().advanceTo(ctx.scheduler().now() + 2 * u.frameTime()); });
            return gated(spec, ctx, u);
        });
        FACTORIES.put("stm32f4.spi", (spec, ctx) -> {
            Spi spi = new Spi(spec.name().toUpperCase(), ctx.scheduler(), ctx.log(), ctx.clock(spec.param("bus", "apb2")), irqOf(spec, ctx));
            ctx.spiController(spec.name(), spi::attach);
            ctx.onSystemReset(spi::reset);
            ctx.parts.put(spec.name(), spi);
            return gated(spec, ctx, spi);
        });
        FACTORIES.put("stm32f4.rng", (spec, ctx) -> {
            Rcc rcc = ctx.part("rcc", Rcc.class);
            Rng rng = new Rng(ctx.scheduler(), ctx.log(), rcc.pll48(), rcc.hclk(), irqOf(spec, ctx), ctx.options().seed());
            ctx.onSystemReset(rng::reset);
            ctx.parts.put(spec.name(), rng);
            return gated(spec, ctx, rng);
        });
        FACTORIES.put("w5500", (spec, ctx) -> {
            Wire rstn = new Wire(spec.name() + ".rst", true);
            Wire intn = new Wire(spec.name() + ".int", true);
            W5500 chip = new W5500(ctx.scheduler(), ctx.log(), ctx.network(), rstn, intn);
            ctx.input(spec.name() + ".rst", rstn::drive);
            ctx.input(spec.name() + ".cs", high -> chip.chipSelect(!high));
            ctx.output(spec.name() + ".int", intn);
            String bus = spec.param("spi", null);
            if (bus == null) throw new BoardException(spec.name() + ": needs params.spi (the SPI controller it sits on)");
            ctx.afterDevices(() -> ctx.spiController(bus).attach(chip));
            ctx.parts.put(spec.name(), chip);
            return null;
        });
    }

    private DeviceCatalog() {}

    private static io.twinboard.emu.bus.IrqLine irqOf(BoardDescription.Device spec, BuildContext ctx) {
        return spec.irq() == null ? io.twinboard.emu.bus.IrqLine.NONE : ctx.irq(spec.irq());
    }

    /** Behind its RCC enable bit (RM0090 §6.3.10-14): unclocked, the device reads 0 and drops writes. */
    private static io.twinboard.emu.bus.MmioDevice gated(BoardDescription.Device spec, BuildContext ctx, io.twinboard.emu.bus.MmioDevice d) {
        String name = spec.name().toUpperCase();
        Stm32f429Map.Enable e = Stm32f429Map.ENABLES.get(name);
        return e == null ? d : ctx.part("rcc", Rcc.class).gate(name, e, d);
    }

    static DeviceFactory factory(String type) { return FACTORIES.get(type); }

    static List<String> types() { return List.copyOf(FACTORIES.keySet()); }

    /** The device that answers in an unclaimed part of an unmodelled window. */
    static io.twinboard.emu.bus.MmioDevice unmodelled(String architecture, long base, io.twinboard.emu.log.GuestLog log) {
        if (!"arm".equals(architecture)) throw new BoardException("unmodelled windows are only defined for STM32 boards");
        return new io.twinboard.periph.stm32f4.UnmodelledPeripheral(base, log);
    }

    /** An SPI controller that owns devices (implemented by the SoC SPI models). */
    interface SpiController { void attach(SpiDevice d); }
}
