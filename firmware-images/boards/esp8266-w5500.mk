# ESP8266 + W5500: Xtensa LX106 (160 MHz), CALL0 ABI, picolibc. Code runs from flash-mapped
# memory (0x40200000), so calls between IRAM and flash need -mlongcalls; literal pools sit in
# the text sections next to their functions (-mtext-section-literals).
B := esp8266-w5500
ALL_BOARDS += $(B)

$(B)_CC      := xtensa-lx106-elf-gcc
$(B)_AR      := xtensa-lx106-elf-ar
$(B)_SIZE    := xtensa-lx106-elf-size
$(B)_ARCH    := -mlongcalls -mtext-section-literals --specs=/usr/lib/xtensa-lx106-elf/picolibc.specs
$(B)_CFLAGS  := $($(B)_ARCH) $(OPT) -g -ffunction-sections -fdata-sections
$(B)_LDFLAGS := $($(B)_ARCH) -nostartfiles -T bsp/esp8266/esp8266.ld \
                -Wl,--gc-sections -DPICOLIBC_INTEGER_PRINTF_SCANF
$(B)_INCLUDES := -Ibsp/esp8266
$(B)_SRCS    := bsp/esp8266/start.S bsp/esp8266/startup.c bsp/esp8266/board.c bsp/esp8266/libgcc_rom.c \
                common/console.c common/exit.c common/entropy.c common/memstats.c bsp/esp8266/net.c
$(B)_LDDEPS  := bsp/esp8266/esp8266.ld
