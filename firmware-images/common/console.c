/*
 * picolibc stdio on the board console: stdout/stderr are unbuffered streams whose put function
 * is board_putc(), so printf() output reaches the UART byte by byte, in order.
 */
#include <stdio.h>

#include "board.h"

static int console_put(char c, FILE *file)
{
    (void) file;
    board_putc(c);
    return (unsigned char) c;
}

static int console_get(FILE *file)
{
    (void) file;
    return _FDEV_EOF;   /* no console input yet */
}

static FILE console = FDEV_SETUP_STREAM(console_put, console_get, NULL, _FDEV_SETUP_RW);

FILE *const stdin = &console;
FILE *const stdout = &console;
FILE *const stderr = &console;
