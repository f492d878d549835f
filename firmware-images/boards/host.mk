# Host pseudo-board: the apps as native programs (developer convenience, not part of 'all').
# glibc provides stdio and exit; only the entropy glue comes from common/.
B := host
EXTRA_BOARDS += $(B)

$(B)_CC      := gcc
$(B)_AR      := ar
$(B)_SIZE    := size
$(B)_CFLAGS  := $(OPT) -g -ffunction-sections -fdata-sections
$(B)_LDFLAGS := -Wl,--gc-sections
$(B)_INCLUDES :=
$(B)_SRCS    := bsp/host/board.c common/entropy.c
$(B)_LDDEPS  :=
