# esp8266-qemu: the esp8266-w5500 images' CPU side on QEMU's Xtensa ISS (`make qemu-check`),
# a reference for the LX106 interpreter. Same compiler flags, startup, linker script and libgcc
# helpers as esp8266-w5500; only the board file differs (see bsp/esp8266/board_qemu_sim.c).
# Deferred assignments (=): boards/*.mk are read in name order, esp8266-w5500.mk after this one.
B := esp8266-qemu
EXTRA_BOARDS += $(B)

$(B)_CC = $(esp8266-w5500_CC)
$(B)_AR = $(esp8266-w5500_AR)
$(B)_SIZE = $(esp8266-w5500_SIZE)
$(B)_CFLAGS = $(esp8266-w5500_CFLAGS)
$(B)_LDFLAGS = $(esp8266-w5500_LDFLAGS)
$(B)_INCLUDES = $(esp8266-w5500_INCLUDES)
$(B)_SRCS = $(subst bsp/esp8266/board.c,bsp/esp8266/board_qemu_sim.c,$(esp8266-w5500_SRCS))
$(B)_LDDEPS = $(esp8266-w5500_LDDEPS)
