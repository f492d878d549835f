# NUCLEO-F429ZI: STM32F429ZI (Cortex-M4, 168 MHz), soft float, picolibc.
B := nucleo-f429zi
ALL_BOARDS += $(B)

$(B)_CC      := arm-none-eabi-gcc
$(B)_AR      := arm-none-eabi-ar
$(B)_SIZE    := arm-none-eabi-size
$(B)_ARCH    := -mcpu=cortex-m4 -mthumb -mfloat-abi=soft --specs=picolibc.specs
$(B)_CFLAGS  := $($(B)_ARCH) $(OPT) -g -ffunction-sections -fdata-sections
$(B)_LDFLAGS := $($(B)_ARCH) -nostartfiles -T bsp/stm32f429/stm32f429zi.ld \
                -Wl,--gc-sections -DPICOLIBC_INTEGER_PRINTF_SCANF
$(B)_INCLUDES := -Ibsp/stm32f429
$(B)_SRCS    := bsp/stm32f429/startup.c bsp/stm32f429/board.c \
                common/console.c common/exit.c common/entropy.c common/memstats.c \
                bsp/stm32f429/net.c
$(B)_LDDEPS  := bsp/stm32f429/stm32f429zi.ld
